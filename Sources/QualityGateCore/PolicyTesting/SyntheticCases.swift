/// Derives synthetic metrics from a policy: a clearly good model, a model on
/// each condition's bound, and a model violating each condition alone.
enum SyntheticCases {
    /// Baseline values per gated metric: the given baseline's, else a value
    /// chosen inside the metric's absolute bounds.
    static func baselineValues(_ policy: Policy, given: MetricSet?) -> [String: Double] {
        var values: [String: Double] = [:]
        for gate in policy.gates where values[gate.metric] == nil {
            if case .number(let d)? = given?[gate.metric]?.value, d.isFinite {
                values[gate.metric] = d
                continue
            }
            var absolute = ValueInterval()
            for g in policy.gates where g.metric == gate.metric {
                for c in g.conditions where !c.kind.isRelative {
                    absolute = absolute.intersecting(c, direction: g.direction, baseline: 0)
                }
            }
            let preferred = MetricNames.isUnitInterval(gate.metric) ? 0.5 : 1.0
            values[gate.metric] = absolute.isEmpty ? preferred : absolute.comfortablyInside(preferred: preferred)
        }
        return values
    }

    /// The interval allowed by every condition on `metric`, optionally leaving one out.
    static func interval(
        _ policy: Policy, metric: String, baseline b: Double, excluding: SourceLocation? = nil, history: ReleaseHistory? = nil
    ) -> ValueInterval {
        var i = ValueInterval()
        for g in policy.gates where g.metric == metric {
            for c in g.conditions where c.location != excluding {
                i = i.intersecting(c, direction: g.direction, baseline: b, sigma: sigma(c, of: g, history))
            }
        }
        return i
    }

    /// The σ a `max_regression_sigma` condition learns from `history` (nil for other kinds).
    static func sigma(_ c: Condition, of g: Gate, _ history: ReleaseHistory?) -> Double? {
        guard c.kind.learnsFromHistory else { return nil }
        return SigmaWindow.measure(history, metric: g.metric, settings: g.history).sigma
    }

    /// For `max_regression_sigma`: enough synthetic releases for every gate's
    /// `min_history`, ending at the baseline and alternating with baseline + a
    /// margin, so σ > 0 and the evaluator learns exactly the σ the cases assume.
    static func history(_ policy: Policy, baselines: [String: Double]) -> ReleaseHistory? {
        let gates = policy.gates.filter { $0.conditions.contains { $0.kind.learnsFromHistory } }
        guard let needed = gates.map({ $0.history.minimum + 1 }).max() else { return nil }
        let releases = (0..<needed).map { i in
            let fromEnd = needed - 1 - i
            var metrics: [String: Double] = [:]
            for (m, b) in baselines { metrics[m] = fromEnd % 2 == 1 ? b + ValueInterval.margin(b) : b }
            return ReleaseHistory.Release(version: "synthetic-\(i + 1)", metrics: metrics)
        }
        return ReleaseHistory(source: "<synthetic history>", releases: releases)
    }

    /// The cases, and the conditions that no case can probe alone because
    /// another condition on the same metric is always stricter.
    static func generate(_ policy: Policy, baselines: [String: Double], given: MetricSet?, today: Int) -> (
        [PolicyTestCase], [UnprobedCondition]
    ) {
        var unprobed: [UnprobedCondition] = []
        var metricsOrder: [String] = []
        for g in policy.gates where !metricsOrder.contains(g.metric) { metricsOrder.append(g.metric) }
        var good: [String: Double] = [:]
        let history = history(policy, baselines: baselines)
        for m in metricsOrder {
            let b = baselines[m] ?? 1
            let i = interval(policy, metric: m, baseline: b, history: history)
            good[m] = i.isEmpty ? b : i.comfortablyInside(preferred: i.contains(b) ? b : i.comfortablyInside(preferred: b))
        }
        // A synthetic value is exact: where `significance` must confirm an improvement, say so
        // (stderr 0), or every case would fail for want of uncertainty data.
        var exact: [String: Uncertainty] = [:]
        for g in policy.gates where g.significance != nil && g.conditions.contains(where: { $0.kind.noiseRule == .mustConfirmPass }) {
            exact[g.metric] = Uncertainty(stderr: 0)
        }
        let baselineSet = MetricSet(
            numbers: metricsOrder.map { ($0, baselines[$0] ?? 1) }, file: "<synthetic baseline>", uncertainty: exact)
        func metrics(_ overrides: [String: Double]) -> MetricSet {
            MetricSet(numbers: metricsOrder.map { ($0, overrides[$0] ?? good[$0] ?? 0) }, file: "<synthetic metrics>", uncertainty: exact)
        }
        func withHistory(_ c: PolicyTestCase) -> PolicyTestCase {
            var c = c
            c.history = history
            return c
        }
        let fmt: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 10) }

        var cases = [
            PolicyTestCase(
                name: "good model: every condition passes with margin", kind: .good,
                expectedVerdict: .passed, mustFail: [], metrics: metrics([:]), baseline: baselineSet)
        ]
        for (gi, gate) in policy.gates.enumerated() {
            let b = baselines[gate.metric] ?? 1
            for c in gate.conditions {
                let others = interval(policy, metric: gate.metric, baseline: b, excluding: c.location, history: history)
                let (lo, hi) = ValueInterval.bounds(of: c, direction: gate.direction, baseline: b, sigma: sigma(c, of: gate, history))
                let label = "\(Sanitize.name(gate.displayName)) \(c.kind.key) \(NumberFormatting.exact(c.threshold))"
                let before = cases.count
                let usesBaseline = policy.gates.contains { $0.metric == gate.metric && $0.conditions.contains { $0.kind.isRelative } }
                for (bound, isLower) in [(lo, true), (hi, false)] where bound.isFinite {
                    if others.contains(bound) {
                        cases.append(
                            PolicyTestCase(
                                name: "boundary: \(label) (\(Sanitize.name(gate.metric)) = \(fmt(bound)))", kind: .boundary,
                                expectedVerdict: .passed, mustFail: [], metrics: metrics([gate.metric: bound]), baseline: baselineSet,
                                location: c.location))
                    }
                    let beyond = isLower ? bound - ValueInterval.step(bound) : bound + ValueInterval.step(bound)
                    guard others.contains(beyond) else { continue }
                    // A gate under a valid waiver is reported, not blocking; a failure the
                    // given baseline already has (new_failures_only) is a warning.
                    let waived = gate.waiver.map { today <= $0.untilDay } ?? false
                    var severity = gate.severity
                    if gate.newFailuresOnly, !c.kind.isRelative, case .number(let real)? = given?[gate.metric]?.value, real.isFinite {
                        let (baselineFails, noWorse) = GateEvaluator.preExisting(
                            c.kind, direction: gate.direction, threshold: c.threshold,
                            value: beyond, baseline: real)
                        if baselineFails && noWorse { severity = min(severity, .warning) }
                    }
                    let verdict: Evaluation.Verdict =
                        waived
                        ? .passed
                        : (severity == .critical ? .blocked : (severity == .warning ? .passedWithWarnings : .passed))
                    var v = PolicyTestCase(
                        name: "violation: \(label) (\(Sanitize.name(gate.metric)) = \(fmt(beyond)))", kind: .violation,
                        expectedVerdict: verdict, mustFail: [], metrics: metrics([gate.metric: beyond]), baseline: baselineSet,
                        location: c.location)
                    v.target = (gi, c.location)
                    cases.append(v)
                }
                if cases.count == before {
                    unprobed.append(
                        UnprobedCondition(
                            gate: gate.displayName, metric: gate.metric, kind: c.kind, threshold: c.threshold,
                            location: c.location, usesBaseline: usesBaseline,
                            heldLower: others.lower, heldUpper: others.upper))
                }
            }
        }
        return (cases.map(withHistory), unprobed)
    }
}
