/// Checks every condition of a policy against a model's metrics and the
/// baseline (the previous release's metrics).
public enum GateEvaluator {
    /// Relative slack allowed for floating-point rounding at a boundary, so that
    /// `0.85 >= 0.9 - 0.05` passes as a person expects (0.9 - 0.05 is
    /// 0.8500000000000001 in binary floating point).
    public static let boundarySlack = 1e-12

    /// Evaluates all gates. Throws `QGateErrors` when a gated metric or baseline
    /// value is not a number (a string, boolean, array or object; an undefined
    /// `null` is a missing value instead), or a gate requires a baseline that was not given.
    /// Settings of one evaluation that are not part of the policy.
    public struct Options: Sendable {
        /// Today in days since 1970-01-01 (UTC), for waivers; injectable for tests.
        public var today: Int
        /// `--new-failures-only` for every gate.
        public var newFailuresOnly: Bool
        /// `--fail-on-warning`: a failed warning blocks. Part of the verdict
        /// from the start, so what is recorded, reported and exited agree.
        public var failOnWarning: Bool
        /// Warn this many days before a waiver expires.
        public static let waiverWarningDays = 14

        public init(today: Int = Clock.today(), newFailuresOnly: Bool = false, failOnWarning: Bool = false) {
            self.today = today
            self.newFailuresOnly = newFailuresOnly
            self.failOnWarning = failOnWarning
        }
    }

    public static func evaluate(_ policy: Policy, metrics: MetricSet, baseline: MetricSet?,
                                noBaselineReason: String = "no baseline was given", options: Options = Options()) throws -> Evaluation {
        var problems: [any QGateError] = []
        if baseline == nil {
            for gate in policy.gates where gate.onMissingBaseline == .fail {
                if let condition = gate.conditions.first(where: { $0.kind.isRelative }) {
                    problems.append(EvaluationError(.missingRequiredBaseline(gate, condition),
                        at: condition.location, hint: "pass --baseline FILE, or set on_missing_baseline: skip for a first release"))
                }
            }
        }
        var results: [ConditionResult] = []
        for (index, gate) in policy.gates.enumerated() {
            let metric = metrics[gate.metric]
            if let metric, case .notANumber(let found) = metric.value {
                problems.append(MetricsError.notANumber(gate.metric, found: found, at: metric.location))
                continue
            }
            let base = baseline?[gate.metric]
            if gate.conditions.contains(where: { $0.kind.isRelative }), let base, case .notANumber(let found) = base.value {
                problems.append(MetricsError.notANumber(gate.metric, found: found + " in the baseline", at: base.location))
                continue
            }
            for condition in gate.conditions {
                var r = evaluate(condition, of: gate, index: index, metric: metric, baseline: base,
                                 metricsFiles: metrics.files, noBaselineReason: baseline == nil ? noBaselineReason : nil)
                if r.status == .failed { refine(&r, metric: metric, baseline: base, options: options) }
                results.append(r)
            }
        }
        if !problems.isEmpty { throw QGateErrors(problems) }
        // Where the baseline came from is the caller's knowledge (EvaluationRequest sets it).
        var evaluation = Evaluation(policy: policy, results: results, metricsFiles: metrics.files, baseline: nil)
        evaluation.failOnWarning = options.failOnWarning
        evaluation.notices = waiverNotices(policy, today: options.today)
        evaluation.policySHA256 = policy.sha256
        evaluation.metricsSHA256 = metrics.fileHashes
        return evaluation
    }

    /// After a plain failure: the significance test, pre-existing failures, then waivers.
    static func refine(_ r: inout ConditionResult, metric: Metric?, baseline: Metric?, options: Options) {
        let gate = r.gate
        let fmt = NumberFormatting.exact
        // Non-finite values fail outright: no test may turn them into a pass.
        if r.kind.isRelative, let alpha = gate.significance, let v = r.value, let b = r.baseline, v.isFinite, b.isFinite {
            if let method = SignificanceTest.method(value: v, baseline: b, candidate: metric?.uncertainty, reference: baseline?.uncertainty) {
                let claims = ClaimCheck.run(gate.uncertaintyLimits, method: method, candidate: metric?.uncertainty, baseline: baseline?.uncertainty)
                r.claimCheck = claims.detail
                if !claims.accepted {
                    r.reason = .claimNotAccepted
                    r.message += "; claimed uncertainty not accepted (\(claims.detail)), so noise cannot excuse the regression"
                } else if let outcome = SignificanceTest.run(kind: r.kind, direction: gate.direction, value: v, baseline: b, threshold: r.threshold,
                                                             candidate: metric?.uncertainty, reference: baseline?.uncertainty, alpha: alpha) {
                    r.significance = outcome
                    if outcome.significant {
                        r.message += "; significant (\(outcome.detail))"
                    } else {
                        r.status = .passed
                        r.reason = nil
                        r.message += "; not significant (\(outcome.detail))"
                        return
                    }
                }
            } else {
                r.message += "; no uncertainty data (n, stderr or ci), compared plainly"
            }
        }
        if gate.newFailuresOnly || options.newFailuresOnly, let v = r.value, v.isFinite, let b = number(baseline), b.isFinite, !r.kind.isRelative {
            let (baselineFails, noWorse) = preExisting(r.kind, direction: gate.direction, threshold: r.threshold, value: v, baseline: b)
            if baselineFails && noWorse {
                r.preExisting = true
                // Downgrade a critical failure to a warning; never raise an info one.
                r.severity = min(r.severity, .warning)
                r.message += "; pre-existing: the baseline (\(fmt(b))) fails it too and this model is no worse"
            } else if baselineFails {
                // Say why --new-failures-only did not soften it: a regression from a failing baseline.
                r.message += "; not pre-existing: the baseline (\(fmt(b))) fails it too, but this model is worse"
            }
        }
        if let waiver = gate.waiver {
            if options.today <= waiver.untilDay {
                r.status = .waived
                r.message += "; waived until \(waiver.until)\(waiver.owner.map { " by \(Sanitize.inline($0))" } ?? ""): \(Sanitize.inline(waiver.reason))"
            } else {
                r.message += "; waiver expired on \(waiver.until)"
            }
        }
    }

    /// "waiver of gate X expires in 5 days", and expired waivers.
    static func waiverNotices(_ policy: Policy, today: Int) -> [String] {
        policy.gates.compactMap { gate in
            guard let w = gate.waiver else { return nil }
            let left = w.untilDay - today
            let name = Sanitize.quoted(gate.displayName)
            if left < 0 { return "the waiver of gate \(name) expired on \(w.until): the gate blocks again" }
            if left <= Options.waiverWarningDays {
                return "the waiver of gate \(name) expires on \(w.until) (in \(left) day\(left == 1 ? "" : "s"))"
            }
            return nil
        }
    }

    static func number(_ metric: Metric?) -> Double? {
        if let metric, case .number(let d) = metric.value { return d }
        return nil
    }

    static func evaluate(_ condition: Condition, of gate: Gate, index: Int, metric: Metric?, baseline: Metric?,
                         metricsFiles: [String], noBaselineReason: String?) -> ConditionResult {
        var result = ConditionResult(gate: gate, gateIndex: index, kind: condition.kind, severity: gate.severity, status: .passed,
                                     value: nil, baseline: nil, threshold: condition.threshold, requirement: nil,
                                     message: "", location: condition.location)
        let name = Sanitize.name(gate.metric)
        if let metric, metric.value == .undefined {
            applyMissing(gate.onMissingMetric, to: &result, reason: .undefinedMetric,
                         message: "metric \(name) is null at \(Sanitize.inline(metric.location.description)): undefined, so treated as missing (on_missing_metric: \(gate.onMissingMetric.rawValue))")
            return result
        }
        guard let value = number(metric) else {
            let files = metricsFiles.isEmpty ? "the metrics" : metricsFiles.map(Sanitize.inline).joined(separator: ", ")
            applyMissing(gate.onMissingMetric, to: &result, reason: .missingMetric,
                         message: "metric \(name) not found in \(files) (on_missing_metric: \(gate.onMissingMetric.rawValue))")
            return result
        }
        result.value = value
        let t = condition.threshold
        let fmt = NumberFormatting.exact
        let diff: (Double) -> String = { NumberFormatting.rounded($0) }

        if !value.isFinite {
            result.status = .failed
            result.reason = .nonFiniteValue
            result.message = "\(name) is \(fmt(value)): a non-finite metric fails every condition"
            return result
        }

        if !condition.kind.isRelative {
            let bound = condition.kind.bound(threshold: t, baseline: 0, direction: gate.direction)
            result.requirement = bound
            let key = condition.kind.key
            if bound.admits(value) {
                result.message = "\(name) \(fmt(value)) \(bound.oneSided?.comparison.rawValue ?? "") \(key) \(fmt(t))"
            } else {
                result.status = .failed
                result.reason = failure(of: bound)
                result.message = result.reason == .aboveBound
                    ? "\(name) \(fmt(value)) > \(key) \(fmt(t)) (over by \(diff(value - t)))"
                    : "\(name) \(fmt(value)) < \(key) \(fmt(t)) (short by \(diff(t - value)))"
            }
            return result
        }

        if let baseline, baseline.value == .undefined {
            applyMissing(gate.onMissingBaseline, to: &result, reason: .undefinedBaseline,
                         message: "baseline of \(name) is null at \(Sanitize.inline(baseline.location.description)): undefined, so treated as missing (on_missing_baseline: \(gate.onMissingBaseline.rawValue))")
            return result
        }
        guard let base = number(baseline) else {
            let why = noBaselineReason ?? "the baseline has no \(name)"
            applyMissing(gate.onMissingBaseline, to: &result, reason: .missingBaseline,
                         message: "\(why) (on_missing_baseline: \(gate.onMissingBaseline.rawValue))")
            return result
        }
        result.baseline = base
        if !base.isFinite {
            result.status = .failed
            result.reason = .nonFiniteBaseline
            result.message = "baseline of \(name) is \(fmt(base)): a non-finite baseline fails every relative condition"
            return result
        }
        let bound = condition.kind.bound(threshold: t, baseline: base, direction: gate.direction)
        result.requirement = bound
        let ok = bound.admits(value)
        result.status = ok ? .passed : .failed
        result.reason = ok ? nil : failure(of: bound)
        // How much worse than the baseline the value is (negative: better).
        let worse = gate.direction == .higher ? base - value : value - base
        let prefix = "\(name) \(fmt(value)) vs baseline \(fmt(base)):"
        let change = worse > 0 ? "worse by \(diff(worse))" : (worse < 0 ? "better by \(diff(-worse))" : "unchanged")
        if case .within = bound {
            result.message = "\(prefix) changed by \(diff(abs(value - base))), allowed ±\(diff(t))"
        } else if worse > 0 && condition.kind.thresholdIsFraction {
            let pct = base == 0 ? "∞" : NumberFormatting.rounded(worse / abs(base) * 100, significantDigits: 3)
            result.message = "\(prefix) worse by \(diff(worse)) (\(pct)%), allowed \(diff(t * 100))%"
        } else {
            result.message = worse > 0 ? "\(prefix) \(change), allowed \(diff(t))" : "\(prefix) \(change)"
        }
        return result
    }

    /// The reason a value the bound does not admit fails.
    static func failure(of bound: ConditionBound) -> ConditionResult.Reason {
        switch bound {
        case .atLeast: return .belowBound
        case .atMost: return .aboveBound
        case .within: return .outsideDelta
        }
    }

    static func applyMissing(_ policy: MissingPolicy, to result: inout ConditionResult, reason: ConditionResult.Reason, message: String) {
        result.message = message
        result.reason = reason
        switch policy {
        case .fail: result.status = .failed
        case .warn:
            result.status = .failed
            result.severity = .warning
        case .skip: result.status = .skipped
        }
    }

    /// `new_failures_only` on an absolute condition: does the baseline fail it
    /// too, and is the value no worse than the baseline (on the bound's side)?
    static func preExisting(_ kind: ConditionKind, direction: Direction, threshold t: Double, value v: Double, baseline b: Double)
        -> (baselineFails: Bool, noWorse: Bool) {
        let bound = kind.bound(threshold: t, baseline: b, direction: direction)
        if case .atMost = bound { return (!bound.admits(b), v <= b) }
        return (!bound.admits(b), v >= b)
    }

    static func slack(_ bound: Double) -> Double { boundarySlack * Swift.max(1, abs(bound)) }
    static func atLeast(_ value: Double, _ bound: Double) -> Bool { value >= bound - slack(bound) }
    static func atMost(_ value: Double, _ bound: Double) -> Bool { value <= bound + slack(bound) }
}

extension EvaluationError.Message {
    fileprivate static func missingRequiredBaseline(_ gate: Gate, _ condition: Condition) -> Self {
        Self("gate \(Sanitize.quoted(gate.displayName)) compares with the baseline (`\(condition.kind.key)`) and has on_missing_baseline: fail, but no baseline was given")
    }
}
