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

        public init(today: Int = Clock.system.today(), newFailuresOnly: Bool = false, failOnWarning: Bool = false) {
            self.today = today
            self.newFailuresOnly = newFailuresOnly
            self.failOnWarning = failOnWarning
        }
    }

    public static func evaluate(
        _ policy: Policy, metrics: MetricSet, baseline: MetricSet?,
        noBaseline: BaselineAbsence = .notGiven, history: ReleaseHistory? = nil, options: Options = Options()
    ) throws -> Evaluation {
        var problems: [any QGateError] = []
        if baseline == nil {
            for gate in policy.gates where gate.onMissingBaseline == .fail {
                if let condition = gate.conditions.first(where: { $0.kind.isRelative }) {
                    problems.append(
                        EvaluationError(
                            .missingRequiredBaseline(gate, condition),
                            at: condition.location, hint: "pass --baseline FILE, or set on_missing_baseline: skip for a first release"))
                }
            }
        }
        var results: [ConditionResult] = []
        var suggestions: Suggestion.NameIndex?
        let expanded = SliceExpansion.gates(of: policy, metrics: metrics)
        for (position, (index, gate)) in expanded.enumerated() {
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
            if metric == nil && suggestions == nil { suggestions = metricNameIndex(metrics) }
            let suggestion = metric == nil ? suggestions?.closest(to: gate.metric) : nil
            // A slice's share of `max_spread` is judged once for the whole gate, below.
            for condition in gate.conditions where gate.slice == nil || !condition.kind.judgesSlices {
                var r = evaluate(
                    condition, of: gate, index: index, metric: metric, baseline: base,
                    metricsFiles: metrics.files, noBaseline: baseline == nil ? noBaseline : .metricAbsent, history: history,
                    suggestion: suggestion)
                r.runs = metric?.runs
                if r.status == .passed { confirmImprovement(&r, metric: metric, baseline: base) }
                if r.status == .failed { refine(&r, metric: metric, baseline: base, options: options) }
                results.append(r)
            }
            // After a pattern gate's last slice: its `max_spread`, one result for the gate.
            let last = position + 1 == expanded.count || expanded[position + 1].index != index
            if last, gate.slice != nil {
                let slices = expanded.filter { $0.index == index }.map(\.gate)
                for condition in policy.gates[index].conditions where condition.kind.judgesSlices {
                    var r = SliceSpreadCheck.result(condition, of: policy.gates[index], index: index, slices: slices, metrics: metrics)
                    if r.status == .failed { refine(&r, metric: nil, baseline: nil, options: options) }
                    results.append(r)
                }
            }
        }
        if !problems.isEmpty { throw QGateErrors(problems) }
        // Where the baseline came from is the caller's knowledge (EvaluationRequest sets it).
        var evaluation = Evaluation(policy: policy, results: results, metricsFiles: metrics.files, baseline: nil)
        evaluation.failOnWarning = options.failOnWarning
        evaluation.waiverNotices = waiverNotices(policy, today: options.today)
        evaluation.policySHA256 = policy.sha256
        evaluation.metricsSHA256 = metrics.fileHashes
        evaluation.aggregate = metrics.aggregate
        return evaluation
    }

    /// After a plain failure: the significance test, pre-existing failures, then waivers.
    static func refine(_ r: inout ConditionResult, metric: Metric?, baseline: Metric?, options: Options) {
        let gate = r.gate
        // Non-finite values fail outright: no test may turn them into a pass.
        // `max_regression_sigma` is its own noise model (the loader refuses `significance` on it).
        if r.kind.isRelative, r.kind.noiseRule == .excusesFailure, !r.kind.learnsFromHistory, let alpha = gate.significance,
            let v = r.value, let b = r.baseline,
            v.isFinite, b.isFinite
        {
            if let method = SignificanceTest.method(value: v, baseline: b, candidate: metric?.uncertainty, reference: baseline?.uncertainty)
            {
                let claims = ClaimCheck.run(
                    gate.uncertaintyLimits, method: method, candidate: metric?.uncertainty, baseline: baseline?.uncertainty)
                if !claims.accepted {
                    r.noise = .claimNotAccepted(claims)
                } else if let outcome = SignificanceTest.run(
                    kind: r.kind, direction: gate.direction, value: v, baseline: b, threshold: r.threshold,
                    candidate: metric?.uncertainty, reference: baseline?.uncertainty, alpha: alpha)
                {
                    r.noise = .tested(outcome, claims: claims)
                    if !outcome.significant {
                        r.status = .passed
                        return
                    }
                }
            } else {
                r.noise = .noUncertaintyData
            }
        }
        if gate.newFailuresOnly || options.newFailuresOnly, let v = r.value, v.isFinite, let b = number(baseline), b.isFinite,
            !r.kind.isRelative
        {
            let (baselineFails, noWorse) = preExisting(r.kind, direction: gate.direction, threshold: r.threshold, value: v, baseline: b)
            if baselineFails && noWorse {
                r.baselineAlsoFails = .noWorse(baseline: b)
                // Downgrade a critical failure to a warning; never raise an info one.
                r.severity = min(r.severity, .warning)
            } else if baselineFails {
                // Kept so reports say why --new-failures-only did not soften it: a regression from a failing baseline.
                r.baselineAlsoFails = .worse(baseline: b)
            }
        }
        if let waiver = gate.waiver {
            if options.today <= waiver.untilDay {
                r.status = .waived
                r.waiverUse = .applied(waiver)
            } else {
                r.waiverUse = .expired(waiver)
            }
        }
    }

    /// A required improvement under `significance` passes only when the test
    /// shows the improvement: without uncertainty data, with claims beyond the
    /// gate's limits, or with a test that is not significant it fails (fail
    /// closed: noise never earns a pass). A plain failure is never tested.
    static func confirmImprovement(_ r: inout ConditionResult, metric: Metric?, baseline: Metric?) {
        guard r.kind.noiseRule == .mustConfirmPass, let alpha = r.gate.significance, let v = r.value, let b = r.baseline else { return }
        guard let method = SignificanceTest.method(value: v, baseline: b, candidate: metric?.uncertainty, reference: baseline?.uncertainty)
        else {
            r.noise = .noUncertaintyData
            r.status = .failed
            return
        }
        let claims = ClaimCheck.run(
            r.gate.uncertaintyLimits, method: method, candidate: metric?.uncertainty, baseline: baseline?.uncertainty)
        guard claims.accepted else {
            r.noise = .claimNotAccepted(claims)
            r.status = .failed
            return
        }
        let outcome = SignificanceTest.run(
            kind: r.kind, direction: r.gate.direction, value: v, baseline: b, threshold: r.threshold,
            candidate: metric?.uncertainty, reference: baseline?.uncertainty, alpha: alpha)
        if let outcome { r.noise = .tested(outcome, claims: claims) } else { r.noise = .noUncertaintyData }
        if outcome?.significant != true { r.status = .failed }
    }

    /// Waivers that expire soon, and expired ones.
    static func waiverNotices(_ policy: Policy, today: Int) -> [WaiverNotice] {
        policy.gates.compactMap { gate in
            guard let w = gate.waiver else { return nil }
            let left = w.untilDay - today
            guard left <= Options.waiverWarningDays else { return nil }
            return WaiverNotice(gate: gate.displayName, until: w.until, daysLeft: left)
        }
    }

    static func number(_ metric: Metric?) -> Double? {
        if let metric, case .number(let d) = metric.value { return d }
        return nil
    }

    static func evaluate(
        _ condition: Condition, of gate: Gate, index: Int, metric: Metric?, baseline: Metric?,
        metricsFiles: [String], noBaseline: BaselineAbsence, history: ReleaseHistory? = nil, suggestion: String? = nil
    ) -> ConditionResult {
        var result = ConditionResult(
            gate: gate, gateIndex: index, kind: condition.kind, severity: gate.severity, status: .passed,
            value: nil, baseline: nil, threshold: condition.threshold, requirement: nil,
            finding: .withinBound, location: condition.location)
        if let finding = SliceExpansion.countFinding(gate) {
            applyMissing(finding.code == .sliceTooSmall ? .skip : gate.onMissingMetric, to: &result, finding)
            return result
        }
        if let metric, metric.value == .undefined {
            applyMissing(gate.onMissingMetric, to: &result, .undefinedMetric(at: metric.location, onMissing: gate.onMissingMetric))
            return result
        }
        guard let value = number(metric) else {
            applyMissing(
                gate.onMissingMetric, to: &result,
                .missingMetric(files: metricsFiles, onMissing: gate.onMissingMetric, suggestion: suggestion))
            return result
        }
        result.value = value
        let t = condition.threshold

        if !value.isFinite {
            result.status = .failed
            result.finding = .nonFiniteValue
            return result
        }

        if !condition.kind.isRelative {
            let bound = condition.kind.bound(threshold: t, baseline: 0, direction: gate.direction)
            result.requirement = bound
            if !bound.admits(value) {
                result.status = .failed
                result.finding = .beyond(bound)
            }
            return result
        }

        if let baseline, baseline.value == .undefined {
            applyMissing(gate.onMissingBaseline, to: &result, .undefinedBaseline(at: baseline.location, onMissing: gate.onMissingBaseline))
            return result
        }
        guard let base = number(baseline) else {
            applyMissing(gate.onMissingBaseline, to: &result, .missingBaseline(noBaseline, onMissing: gate.onMissingBaseline))
            return result
        }
        result.baseline = base
        if !base.isFinite {
            result.status = .failed
            result.finding = .nonFiniteBaseline
            return result
        }
        var sigma: Double?
        if condition.kind.learnsFromHistory {
            let window = SigmaWindow.measure(history, metric: gate.metric, settings: gate.history)
            result.history = window
            guard window.isEnough, let s = window.sigma else {
                applyMissing(gate.onMissingBaseline, to: &result, .shortHistory(onMissing: gate.onMissingBaseline))
                return result
            }
            // A change or σ beyond the finite range would make the bound meaningless: fail closed.
            guard s.isFinite else {
                result.status = .failed
                result.finding = .nonFiniteHistory
                return result
            }
            sigma = s
        }
        let bound = condition.kind.bound(threshold: t, baseline: base, direction: gate.direction, sigma: sigma)
        result.requirement = bound
        if !bound.admits(value) {
            result.status = .failed
            result.finding = .beyond(bound)
        }
        return result
    }

    /// What a missing gated metric's name is compared with: the files' values
    /// a gate could read (numbers and `null`s). Built once, at the first missing metric.
    static func metricNameIndex(_ metrics: MetricSet) -> Suggestion.NameIndex {
        Suggestion.NameIndex(
            metrics.names.lazy.filter {
                switch metrics[$0]?.value {
                case .number?, .undefined?: return true
                case .notANumber?, nil: return false
                }
            })
    }

    static func applyMissing(_ policy: MissingPolicy, to result: inout ConditionResult, _ finding: ConditionFinding) {
        result.finding = finding
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
        -> (baselineFails: Bool, noWorse: Bool)
    {
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
        Self(
            "gate \(Sanitize.quoted(gate.displayName)) compares with the baseline (`\(condition.kind.key)`) and has on_missing_baseline: fail, but no baseline was given"
        )
    }
}
