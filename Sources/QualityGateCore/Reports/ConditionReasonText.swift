// Why a condition came out as it did, in words: the line under a condition in
// every report (`message`), built from the result's data. The evaluator records
// findings and never phrases them (the repository test `BoundaryTests` keeps
// the phrases here).

extension ConditionResult {
    /// `acc 0.91 < min 0.92 (short by 0.01); waived until 2026-12-31: …`: what the
    /// comparison found, then what the significance test, `new_failures_only`
    /// and a waiver made of a failure, in the order they were applied.
    public var message: String { ConditionReasonText.message(self) }

    /// The uncertainty claims the significance test would trust, against the gate's limits.
    public var claimCheck: String? { claims?.detail }
}

enum ConditionReasonText {
    static func message(_ r: ConditionResult) -> String {
        var text = finding(r)
        switch r.noise {
        case .noUncertaintyData?: text += "; no uncertainty data (n, stderr or ci), compared plainly"
        case .claimNotAccepted(let claims)?:
            text += "; claimed uncertainty not accepted (\(claims.detail)), so noise cannot excuse the regression"
        case .tested(let outcome, _)?:
            text += outcome.significant ? "; significant (\(outcome.detail))" : "; not significant (\(outcome.detail))"
        case nil: break
        }
        switch r.baselineAlsoFails {
        case .noWorse(let b)?: text += "; pre-existing: the baseline (\(NumberFormatting.exact(b))) fails it too and this model is no worse"
        case .worse(let b)?: text += "; not pre-existing: the baseline (\(NumberFormatting.exact(b))) fails it too, but this model is worse"
        case nil: break
        }
        switch r.waiverUse {
        case .applied(let w)?:
            text += "; waived until \(w.until)\(w.owner.map { " by \(Sanitize.inline($0))" } ?? ""): \(Sanitize.inline(w.reason))"
        case .expired(let w)?: text += "; waiver expired on \(w.until)"
        case nil: break
        }
        return text
    }

    /// What comparing the value found, with the numbers compared.
    static func finding(_ r: ConditionResult) -> String {
        let name = Sanitize.name(r.metric)
        let fmt = NumberFormatting.exact
        switch r.finding {
        case .undefinedMetric(let at, let onMissing):
            return
                "metric \(name) is null at \(Sanitize.inline(at.description)): undefined, so treated as missing (on_missing_metric: \(onMissing.rawValue))"
        case .missingMetric(let files, let onMissing, let suggestion):
            let place = files.isEmpty ? "the metrics" : files.map(Sanitize.inline).joined(separator: ", ")
            let didYouMean = suggestion.map { " — did you mean \(Sanitize.quoted($0))?" } ?? ""
            return "metric \(name) not found in \(place) (on_missing_metric: \(onMissing.rawValue))\(didYouMean)"
        case .undefinedBaseline(let at, let onMissing):
            return
                "baseline of \(name) is null at \(Sanitize.inline(at.description)): undefined, so treated as missing (on_missing_baseline: \(onMissing.rawValue))"
        case .missingBaseline(let absence, let onMissing):
            return "\(text(absence, metric: name)) (on_missing_baseline: \(onMissing.rawValue))"
        case .nonFiniteValue:
            return "\(name) is \(fmt(r.value ?? .nan)): a non-finite metric fails every condition"
        case .nonFiniteBaseline:
            return "baseline of \(name) is \(fmt(r.baseline ?? .nan)): a non-finite baseline fails every relative condition"
        case .withinBound, .belowBound, .aboveBound, .outsideDelta:
            return comparison(r)
        }
    }

    /// The value against its bound: by how much it missed an absolute one, or
    /// how it moved from the baseline for a relative one.
    static func comparison(_ r: ConditionResult) -> String {
        let name = Sanitize.name(r.metric)
        let fmt = NumberFormatting.exact
        let diff: (Double) -> String = { NumberFormatting.rounded($0) }
        let value = r.value ?? .nan
        let t = r.threshold
        let key = r.kind.key
        guard r.kind.isRelative, let base = r.baseline else {
            switch r.finding {
            case .aboveBound: return "\(name) \(fmt(value)) > \(key) \(fmt(t)) (over by \(diff(value - t)))"
            case .belowBound: return "\(name) \(fmt(value)) < \(key) \(fmt(t)) (short by \(diff(t - value)))"
            default: return "\(name) \(fmt(value)) \(r.comparison?.rawValue ?? "") \(key) \(fmt(t))"
            }
        }
        // How much worse than the baseline the value is (negative: better).
        let worse = r.gate.direction == .higher ? base - value : value - base
        let prefix = "\(name) \(fmt(value)) vs baseline \(fmt(base)):"
        if case .within? = r.requirement {
            return "\(prefix) changed by \(diff(abs(value - base))), allowed ±\(diff(t))"
        }
        if worse > 0 && r.kind.thresholdIsFraction {
            let pct = base == 0 ? "∞" : NumberFormatting.rounded(worse / abs(base) * 100, significantDigits: 3)
            return "\(prefix) worse by \(diff(worse)) (\(pct)%), allowed \(diff(t * 100))%"
        }
        if worse > 0 { return "\(prefix) worse by \(diff(worse)), allowed \(diff(t))" }
        return worse < 0 ? "\(prefix) better by \(diff(-worse))" : "\(prefix) unchanged"
    }

    /// Why there was no baseline value for `metric` (already sanitised).
    static func text(_ absence: BaselineAbsence, metric: String) -> String {
        switch absence {
        case .notGiven: return "no baseline was given"
        case .policyHasNoModel: return "no baseline was given (the policy has no `model:` to look up in the store)"
        case .storeDoesNotExist(let store): return "no baseline yet (first release): the store \(Sanitize.quoted(store)) does not exist yet"
        case .storeHasNoBaseline(let store, let model):
            return "no baseline yet (first release): the store \(Sanitize.quoted(store)) has none for \(Sanitize.quoted(model))"
        case .metricAbsent: return "the baseline has no \(metric)"
        }
    }
}
