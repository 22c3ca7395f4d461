/// `qgate evaluate --explain`: for each condition, the rule in words, the
/// arithmetic with the actual numbers, and the decision — for the person who
/// asks "why was my model blocked?".
public enum ExplainReport {
    public static func render(_ e: Evaluation) -> String {
        var out = "Why: every condition, its rule and its arithmetic\n"
        for r in e.results {
            out += "\n\(Sanitize.name(r.gate.displayName)) — \(r.kind.key) \(NumberFormatting.exact(r.threshold)) "
            out += "(\(r.severity.rawValue), direction \(r.gate.direction.rawValue)) at \(Sanitize.inline(r.location.description))\n"
            out += "  rule:     \(PolicyJSON.meaning(Condition(kind: r.kind, threshold: r.threshold, location: r.location), direction: r.gate.direction))\n"
            out += "  numbers:  \(arithmetic(r))\n"
            if let c = r.claimCheck { out += "  claims:   \(c)\n" }
            if let s = r.significance { out += "  noise:    \(s.detail)\n" }
            out += "  decision: \(decision(r, e))\n"
        }
        return out
    }

    static func arithmetic(_ r: ConditionResult) -> String {
        let f = NumberFormatting.exact
        let g: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 10) }
        guard let v = r.value else { return "no value: \(r.message)" }
        if !v.isFinite { return "value is \(f(v)): a non-finite metric fails every condition" }
        let t = r.threshold
        switch r.kind {
        case .min: return "\(f(v)) >= \(f(t)) → \(v >= t - GateEvaluator.slack(t))"
        case .max: return "\(f(v)) <= \(f(t)) → \(v <= t + GateEvaluator.slack(t))"
        default: break
        }
        guard let b = r.baseline else { return "no baseline: \(r.message)" }
        let higher = r.gate.direction == .higher
        switch r.kind {
        case .maxRegression:
            let bound = ConditionBound.bound(r.kind, direction: r.gate.direction, baseline: b, threshold: t)
            return "\(f(v)) \(higher ? ">=" : "<=") \(f(b)) \(higher ? "-" : "+") \(f(t)) = \(g(bound)) → \(higher ? GateEvaluator.atLeast(v, bound) : GateEvaluator.atMost(v, bound))"
        case .maxRegressionRatio:
            let bound = ConditionBound.bound(r.kind, direction: r.gate.direction, baseline: b, threshold: t)
            return "\(f(v)) \(higher ? ">=" : "<=") \(f(b)) \(higher ? "-" : "+") \(f(t)) × |\(f(b))| = \(g(bound)) → \(higher ? GateEvaluator.atLeast(v, bound) : GateEvaluator.atMost(v, bound))"
        default:
            let d = abs(v - b)
            return "|\(f(v)) - \(f(b))| = \(g(d)) <= \(f(t)) → \(ConditionBound.withinDelta(value: v, baseline: b, threshold: t))"
        }
    }

    static func decision(_ r: ConditionResult, _ e: Evaluation) -> String {
        switch r.status {
        case .passed: return r.significance != nil ? "passed (the regression is not significant)" : "passed"
        case .skipped: return "skipped — \(r.message)"
        case .waived: return "waived — reported, does not block (\(r.gate.waiver.map { "until \($0.until)" } ?? ""))"
        case .failed:
            if r.preExisting { return "failed, but pre-existing in the baseline — a warning" }
            if e.blocks(r) { return "failed → blocks the release" }
            return r.severity == .warning ? "failed → warning, does not block" : "failed → recorded (info), does not block"
        }
    }
}
