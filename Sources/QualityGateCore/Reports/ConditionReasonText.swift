// Why a condition came out as it did, in words: the line under a condition in
// every report (`message`), built from the result's data. The evaluator records
// findings and never phrases them (the repository test `BoundaryTests` keeps
// the phrases here).

extension ConditionResult {
    /// `acc 0.91 < min 0.92 (short by 0.01); waived until 2026-12-31: …`: what the
    /// comparison found, then what the significance test, `new_failures_only`
    /// and a waiver made of a failure, in the order they were applied.
    /// Numbers in full precision: what JSON, JUnit and GitHub annotations keep.
    public var message: String { ConditionReasonText.message(self, .full) }

    /// The same, with the numbers at a human report's precision.
    public func message(_ precision: ReportPrecision) -> String { ConditionReasonText.message(self, precision) }

    /// The uncertainty claims the significance test would trust, against the gate's limits.
    public var claimCheck: String? { claims?.detail }
}

enum ConditionReasonText {
    static func message(_ r: ConditionResult, _ precision: ReportPrecision) -> String {
        var text = finding(r, precision)
        let confirms = r.kind.noiseRule == .mustConfirmPass
        switch r.noise {
        case .noUncertaintyData?:
            text +=
                confirms
                ? "; no uncertainty data (n, stderr or ci), so the improvement cannot be shown significant"
                : "; no uncertainty data (n, stderr or ci), compared plainly"
        case .claimNotAccepted(let claims)?:
            // An aggregate's stderr is not claimed by a file but derived from its runs (RepeatedRuns).
            let what = r.runs.map { "the uncertainty of the spread across \($0.runs) runs" } ?? "claimed uncertainty"
            text +=
                "; \(what) not accepted (\(claims.detail)), so \(confirms ? "the improvement cannot be shown significant" : "noise cannot excuse the regression")"
        case .tested(let outcome, _)?:
            text += outcome.significant ? "; significant (\(outcome.detail))" : "; not significant (\(outcome.detail))"
        case nil: break
        }
        switch r.baselineAlsoFails {
        case .noWorse(let b)?: text += "; pre-existing: the baseline (\(precision.number(b))) fails it too and this model is no worse"
        case .worse(let b)?: text += "; not pre-existing: the baseline (\(precision.number(b))) fails it too, but this model is worse"
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
    static func finding(_ r: ConditionResult, _ precision: ReportPrecision) -> String {
        let name = Sanitize.name(r.metric)
        let fmt = NumberFormatting.exact
        switch r.finding {
        case .undefinedMetric(let at, let onMissing):
            return
                "metric \(name) is null at \(Sanitize.inline(at.description)): undefined, so treated as missing (on_missing_metric: \(onMissing.rawValue))"
        case .missingMetric(let files, let onMissing, let suggestion):
            let place = files.isEmpty ? "the metrics" : files.map(Sanitize.inline).joined(separator: ", ")
            if r.gate.slice == nil, MetricPattern(r.metric) != nil {
                return "no metric matches the pattern \(name) in \(place) (on_missing_metric: \(onMissing.rawValue))"
            }
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
        case .sliceTooSmall(let n, let countMetric, let minCount):
            return "skipped: n = \(fmt(n)) < min_count \(minCount) (\(Sanitize.name(countMetric)))"
        case .missingSliceCount(let countMetric, let onMissing):
            return
                "slice count \(Sanitize.name(countMetric)) for min_count is missing or not a finite number (on_missing_metric: \(onMissing.rawValue))"
        case .tooFewSlices(let judged, let onMissing):
            return
                "max_spread needs at least two judged slices of \(name), found \(judged) (on_missing_metric: \(onMissing.rawValue))"
        case .shortHistory(let onMissing):
            return "\(history(r.history, precision)) (on_missing_baseline: \(onMissing.rawValue))"
        case .nonFiniteHistory:
            return "\(history(r.history, precision)): a change or σ beyond the finite range fails the condition"
        case .withinBound, .belowBound, .aboveBound, .outsideDelta:
            if let window = r.history { return comparison(r, precision) + "; " + history(window, precision) }
            guard let spread = r.spread else { return comparison(r, precision) }
            return comparison(r, precision) + "; " + slices(spread, precision)
        }
    }

    /// The value against its bound: by how much it missed an absolute one, or
    /// how it moved from the baseline for a relative one.
    static func comparison(_ r: ConditionResult, _ precision: ReportPrecision) -> String {
        let name = Sanitize.name(r.metric) + (r.spread == nil ? "" : " spread")
        let fmt = NumberFormatting.exact
        let diff = precision.difference
        let value = r.value ?? .nan
        let key = r.kind.key
        // `max_regression_sigma`'s allowance is k·σ, not the threshold k.
        let t =
            r.kind.learnsFromHistory
            ? (r.kind.allowance(threshold: r.threshold, baseline: 0, sigma: r.history?.sigma)?.full ?? .nan) : r.threshold
        guard r.kind.isRelative, let base = r.baseline else {
            // The value as the table shows it: rounded, but never onto the side of the bound it is not on.
            let shown = ConditionNumbers(r, precision).value
            switch r.finding {
            case .aboveBound: return "\(name) \(shown) > \(key) \(fmt(t)) (over by \(diff(value - t)))"
            case .belowBound: return "\(name) \(shown) < \(key) \(fmt(t)) (short by \(diff(t - value)))"
            default: return "\(name) \(shown) \(r.comparison?.rawValue ?? "") \(key) \(fmt(t))"
            }
        }
        // How much worse than the baseline the value is (negative: better).
        let worse = r.gate.direction == .higher ? base - value : value - base
        // Rounded apart when they differ, so "unchanged" and "worse by" read true.
        let shown = precision.compared(value, against: base) { v, b in (v < b, v == b) == (value < base, value == base) }
        let prefix = "\(name) \(shown.value) vs baseline \(shown.bound):"
        let failed: Bool
        if case .withinBound = r.finding { failed = false } else { failed = true }
        let digits = precision.significantDigits ?? ReportPrecision.defaultDigits
        if case .within? = r.requirement {
            let change = beyond(abs(value - base), allowed: t, failed: failed, digits: digits)
            return "\(prefix) changed by \(change.amount), allowed ±\(change.allowed)"
        }
        if r.kind.side == .better {
            let required = r.kind.thresholdIsFraction ? "\(diff(t * 100))% (\(diff(t * abs(base))))" : diff(t)
            if worse > 0 { return "\(prefix) worse by \(diff(worse)), required better by \(required)" }
            return worse < 0
                ? "\(prefix) better by \(diff(-worse)), required \(required)" : "\(prefix) unchanged, required better by \(required)"
        }
        if worse > 0 && r.kind.thresholdIsFraction {
            guard base != 0 else { return "\(prefix) worse by \(diff(worse)) (∞%), allowed \(diff(t * 100))%" }
            let pct = beyond(worse / abs(base) * 100, allowed: t * 100, failed: failed, digits: 3)
            return "\(prefix) worse by \(diff(worse)) (\(pct.amount)%), allowed \(pct.allowed)%"
        }
        if worse > 0 {
            let change = beyond(worse, allowed: t, failed: failed, digits: digits)
            return "\(prefix) worse by \(change.amount), allowed \(change.allowed)"
        }
        return worse < 0 ? "\(prefix) better by \(diff(-worse))" : "\(prefix) unchanged"
    }

    /// `σ = 0.004 from 12 changes in the last 13 releases (v1 … v13)`, or why
    /// there is no σ: what `max_regression_sigma` learned (versions are data).
    static func history(_ w: SigmaWindow?, _ precision: ReportPrecision) -> String {
        guard let w else { return "no release history" }
        let span = w.first.map { first in " (\(Sanitize.name(first)) … \(Sanitize.name(w.last ?? "?")))" } ?? ""
        let found = "\(w.changes) change\(w.changes == 1 ? "" : "s") in the last \(w.releases) release\(w.releases == 1 ? "" : "s")\(span)"
        guard w.isEnough, let sigma = w.sigma else {
            if w.releases == 0 { return "no release history to learn σ from (max_regression_sigma needs a baseline store)" }
            return "too little release history to learn σ: \(found), min_history \(w.settings.minimum)"
        }
        return "σ = \(precision.difference(sigma)) from \(found)"
    }

    /// `best eu 0.91, worst us 0.78`: the slices behind a `max_spread` gap (slice names are data).
    static func slices(_ s: SliceSpread, _ precision: ReportPrecision) -> String {
        "best \(Sanitize.name(s.best.name)) \(precision.number(s.best.value)), worst \(Sanitize.name(s.worst.name)) \(precision.number(s.worst.value))"
    }

    /// How far the value moved against what the condition allowed, rounded so that
    /// a failure prints as more than the allowance and a pass as no more
    /// (never "worse by 0.01, allowed 0.01" for a failure).
    static func beyond(_ amount: Double, allowed: Double, failed: Bool, digits: Int) -> (amount: String, allowed: String) {
        let shown = NumberFormatting.rounded(amount, against: allowed, significantDigits: digits) { a, l in failed ? a > l : a <= l }
        return (shown.value, shown.bound)
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
