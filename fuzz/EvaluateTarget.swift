// The `evaluate` target: a policy, a candidate metrics document and an
// independent baseline document, each of which may carry uncertainty (`n`,
// `stderr`, `ci_low`/`ci_high`, `<name>_ci` siblings). An oracle written apart
// from GateEvaluator decides, per critical condition, whether the release
// must be blocked; an "allowed" verdict while the oracle says "must block" is a
// bug. Input layout (parts split by NUL bytes):
//
//   policy.yaml \0 metrics.json [\0 baseline.json [\0 options]]
//
// options: byte 0 bit 0 is --new-failures-only; byte 1 moves "today" (day
// 20000, 2024-10-04) by -128...+127 days, across waiver expiry dates.

#if canImport(Glibc)
    import Glibc
#endif

/// The input cut at its first `limit - 1` NUL bytes.
func nulParts(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var rest = bytes[...]
    while parts.count < limit - 1, let i = rest.firstIndex(of: 0) {
        parts.append(Array(rest[..<i]))
        rest = rest[(i + 1)...]
    }
    parts.append(Array(rest))
    return parts
}

func fuzzEvaluate(_ bytes: [UInt8]) {
    let parts = nulParts(bytes, limit: 4)
    guard parts.count >= 2,
        let policy = try? PolicyLoader.parse(parts[0], file: "policy.yaml"),
        let metrics = try? MetricsLoader.parse(parts[1], file: "metrics.json")
    else { return }
    var baseline: MetricSet?
    if parts.count >= 3 {
        guard let b = try? MetricsLoader.parse(parts[2], file: "baseline.json") else { return }
        baseline = b
    }
    let flags = parts.count >= 4 ? parts[3] : []
    let options = GateEvaluator.Options(
        today: 20000 + (flags.count > 1 ? Int(flags[1]) - 128 : 0),
        newFailuresOnly: (flags.first ?? 0) & 1 != 0)
    guard let evaluation = try? GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline, options: options) else { return }
    let oracle = EvaluateOracle(metrics: metrics, baseline: baseline, options: options)
    for (index, gate) in policy.gates.enumerated() {
        for condition in gate.conditions {
            let result = evaluation.results.first { $0.gateIndex == index && $0.kind == condition.kind }
            check(result != nil, "no result for gate \(index) \(condition.kind.key)")
            guard let result, let reason = oracle.mustBlock(gate, condition, result: result) else { continue }
            check(
                ExitCode.of(evaluation) != ExitCode.allowed && evaluation.verdict == .blocked && result.status == .failed,
                "release allowed (\(evaluation.verdictLine)) but gate \(index) \(condition.kind.key) must block: \(reason); qgate said: \(result.status) \(result.message)"
            )
        }
    }
    // Whatever the severity: a passed condition had a finite value inside finite data.
    for r in evaluation.results where r.status == .passed {
        check(r.value.map(\.isFinite) ?? true, "\(r.metric) passed with value \(String(describing: r.value))")
        check(r.baseline.map(\.isFinite) ?? true, "\(r.metric) passed with baseline \(String(describing: r.baseline))")
    }
}

/// Decides from first principles whether a critical condition must block.
/// Arithmetic is done in Float80 (64-bit significand, exponent range far beyond
/// Double's), so sums and products of Doubles neither overflow nor lose more
/// than 2^-64 relative; a condition "must fail" only when it fails by more than
/// qgate's documented boundary slack (GateEvaluator.boundarySlack) with room to
/// spare, so rounding never raises a false alarm.
struct EvaluateOracle {
    var metrics: MetricSet
    var baseline: MetricSet?
    var options: GateEvaluator.Options

    typealias Real = Float80

    static func slack(_ bound: Real) -> Real { Real(GateEvaluator.boundarySlack) * Swift.max(1, abs(bound)) * 1.5 }
    /// `value >= bound` fails beyond the slack.
    static func clearlyBelow(_ value: Real, _ bound: Real) -> Bool { value < bound - slack(bound) }
    static func clearlyAbove(_ value: Real, _ bound: Real) -> Bool { value > bound + slack(bound) }

    static func number(_ m: Metric?) -> Double? {
        if let m, case .number(let d) = m.value { return d }
        return nil
    }

    /// Why this condition must block the release, or nil when passing is allowed.
    func mustBlock(_ gate: Gate, _ condition: Condition, result: ConditionResult) -> String? {
        guard gate.severity == .critical else { return nil }
        // A waiver is a person's decision, valid until its day (inclusive).
        if let w = gate.waiver, options.today <= w.untilDay { return nil }
        let t = Real(condition.threshold)
        guard let vd = Self.number(metrics[gate.metric]) else {
            return gate.onMissingMetric == .fail ? "the metric is missing and on_missing_metric is fail" : nil
        }
        guard vd.isFinite else { return "the value \(vd) is not finite" }
        let v = Real(vd)
        let higher = gate.direction == .higher
        switch condition.kind {
        case .min, .max:
            let fails = condition.kind == .min ? Self.clearlyBelow(v, t) : Self.clearlyAbove(v, t)
            guard fails else { return nil }
            // new_failures_only: the baseline fails too (or sits at the edge) and this model is no worse.
            if gate.newFailuresOnly || options.newFailuresOnly, let bd = Self.number(baseline?[gate.metric]), bd.isFinite {
                let b = Real(bd)
                let baselineMayFail = condition.kind == .min ? b < t + Self.slack(t) : b > t - Self.slack(t)
                let noWorse = condition.kind == .min ? v >= b : v <= b
                if baselineMayFail && noWorse { return nil }
            }
            return "\(vd) \(condition.kind == .min ? "<" : ">") \(condition.threshold)"
        case .maxSpread:
            return nil  // judged across a pattern's slices, not one metric: the slices oracle checks it
        case .maxRegressionSigma:
            // The fuzzed evaluation has no release history, so with a baseline value the condition
            // follows on_missing_baseline (σ and its bound: dev/sigma_oracle.py, SigmaOracleTests).
            guard let baseline else { return nil }  // no baseline document: the CLI decides (on_missing_baseline)
            guard let bd = Self.number(baseline[gate.metric]) else {
                return gate.onMissingBaseline == .fail ? "the baseline lacks the metric and on_missing_baseline is fail" : nil
            }
            guard bd.isFinite else { return "the baseline \(bd) is not finite" }
            return gate.onMissingBaseline == .fail ? "no release history to learn σ from and on_missing_baseline is fail" : nil
        case .minImprovement, .minImprovementRatio:
            guard let baseline else { return nil }  // no baseline document: the CLI decides (on_missing_baseline)
            guard let bd = Self.number(baseline[gate.metric]) else {
                return gate.onMissingBaseline == .fail ? "the baseline lacks the metric and on_missing_baseline is fail" : nil
            }
            guard bd.isFinite else { return "the baseline \(bd) is not finite" }
            let b = Real(bd)
            let need = condition.kind == .minImprovement ? t : t * abs(b)
            // Noise never excuses a missing improvement: a failure here always blocks.
            let fails = higher ? Self.clearlyBelow(v, b + need) : Self.clearlyAbove(v, b - need)
            return fails ? "\(vd) vs baseline \(bd) fails \(condition.kind.key) \(condition.threshold)" : nil
        case .maxRegression, .maxRegressionRatio, .maxDelta:
            guard let baseline else { return nil }  // no baseline document: the CLI decides (on_missing_baseline)
            guard let bd = Self.number(baseline[gate.metric]) else {
                return gate.onMissingBaseline == .fail ? "the baseline lacks the metric and on_missing_baseline is fail" : nil
            }
            guard bd.isFinite else { return "the baseline \(bd) is not finite" }
            let b = Real(bd)
            let fails: Bool
            switch condition.kind {
            case .maxRegression: fails = higher ? Self.clearlyBelow(v, b - t) : Self.clearlyAbove(v, b + t)
            case .maxRegressionRatio: fails = higher ? Self.clearlyBelow(v, b - t * abs(b)) : Self.clearlyAbove(v, b + t * abs(b))
            default: fails = Self.clearlyAbove(abs(v - b), t)
            }
            guard fails else { return nil }
            let plain = "\(vd) vs baseline \(bd) fails \(condition.kind.key) \(condition.threshold)"
            // A significance test may excuse the regression, but only on valid uncertainty data.
            if gate.significance != nil, let outcome = result.significance, !outcome.significant {
                let problems = uncertaintyProblems(
                    test: outcome.test, value: vd, baseline: bd,
                    margin: condition.kind == .maxRegressionRatio ? condition.threshold * abs(bd) : condition.threshold,
                    candidate: metrics[gate.metric]?.uncertainty, reference: baseline[gate.metric]?.uncertainty)
                if problems.isEmpty { return nil }
                return plain + "; excused as not significant (\(outcome.detail)) on invalid uncertainty: "
                    + problems.joined(separator: ", ")
            }
            return plain
        }
    }

    /// What is wrong with the uncertainty data a significance test used.
    func uncertaintyProblems(
        test: String, value v: Double, baseline b: Double, margin: Double,
        candidate cu: Uncertainty?, reference bu: Uncertainty?
    ) -> [String] {
        var problems: [String] = []
        if test.hasPrefix("two-proportion") {
            for (side, n) in [("candidate", cu?.n), ("baseline", bu?.n)] {
                guard let n else {
                    problems.append("\(side) has no n")
                    continue
                }
                if !(n >= 1 && n.isFinite) { problems.append("\(side) n = \(n) is not a count >= 1") }
            }
        } else if test.hasPrefix("z-test") {
            for (side, s) in [("candidate", cu?.stderr), ("baseline", bu?.stderr)] {
                guard let s else { continue }
                if !(s >= 0 && s.isFinite && (s * s).isFinite) { problems.append("\(side) stderr = \(s) is not a usable standard error") }
            }
        } else if test.hasPrefix("confidence") {
            for (side, u, x) in [("candidate", cu, v), ("baseline", bu, b)] {
                guard let lo = u?.ciLow, let hi = u?.ciHigh else {
                    problems.append("\(side) has no interval")
                    continue
                }
                if !(lo.isFinite && hi.isFinite) {
                    problems.append("\(side) interval [\(lo), \(hi)] is not finite")
                } else if !(lo <= hi) {
                    problems.append("\(side) interval [\(lo), \(hi)] is inverted")
                } else if !(lo <= x && x <= hi) {
                    problems.append("\(side) value \(x) lies outside its interval [\(lo), \(hi)]")
                } else if !((lo - margin).isFinite && (hi + margin).isFinite) {
                    problems.append("\(side) interval ± \(margin) overflows")
                }
            }
        } else {
            problems.append("unknown test \(test)")
        }
        return problems
    }
}
