/// `qgate evaluate --explain`: for each condition, the rule in words, the
/// arithmetic with the actual numbers, and the decision — for the person who
/// asks "why was my model blocked?".
public enum ExplainReport {
    public static func render(_ e: Evaluation) -> String {
        var out = "Why: every condition, its rule and its arithmetic\n"
        for r in e.results {
            out += "\n\(Sanitize.name(r.gate.displayName)) — \(r.kind.key) \(NumberFormatting.exact(r.threshold)) "
            out += "(\(r.severity.rawValue), direction \(r.gate.direction.rawValue)) at \(Sanitize.inline(r.location.description))\n"
            out += "  rule:     \(ConditionRule.words(r.kind, threshold: r.threshold, direction: r.gate.direction))\n"
            out += "  numbers:  \(arithmetic(r))\n"
            if let c = r.claimCheck { out += "  claims:   \(c)\n" }
            if let s = r.significance { out += "  noise:    \(s.detail)\n" }
            out += "  decision: \(decision(r, e))\n"
        }
        return out
    }

    /// The rule with the numbers filled in, what it computes (the bound, or the
    /// distance from the baseline) and whether the kind's bound admits the value.
    static func arithmetic(_ r: ConditionResult) -> String {
        let f = NumberFormatting.exact
        let g: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 10) }
        guard let v = r.value else { return "no value: \(r.message)" }
        if !v.isFinite { return "value is \(f(v)): a non-finite metric fails every condition" }
        let t = r.threshold
        let direction = r.gate.direction
        if !r.kind.isRelative {
            let rule = ConditionRule(r.kind, direction: direction, value: f(v), baseline: "", threshold: f(t), times: "×")
            return "\(rule.text) → \(r.kind.bound(threshold: t, baseline: 0, direction: direction).admits(v))"
        }
        guard let b = r.baseline else { return "no baseline: \(r.message)" }
        let rule = ConditionRule(r.kind, direction: direction, value: f(v), baseline: f(b), threshold: f(t), times: "×")
        let bound = r.kind.bound(threshold: t, baseline: b, direction: direction)
        switch bound {
        case .within: return "\(rule.lhs) = \(g(abs(v - b))) \(rule.op) \(rule.rhs) → \(bound.admits(v))"
        case .atLeast(let x), .atMost(let x): return "\(rule.text) = \(g(x)) → \(bound.admits(v))"
        }
    }

    static func decision(_ r: ConditionResult, _ e: Evaluation) -> String {
        switch r.status {
        case .passed:
            guard r.significance != nil else { return "passed" }
            return r.kind.noiseRule == .mustConfirmPass
                ? "passed (the improvement is significant)" : "passed (the regression is not significant)"
        case .skipped: return "skipped — \(r.message)"
        case .waived: return "waived — reported, does not block (\(r.gate.waiver.map { "until \($0.until)" } ?? ""))"
        case .failed:
            if r.preExisting { return "failed, but pre-existing in the baseline — a warning" }
            if e.blocks(r) { return "failed → blocks the release" }
            return r.severity == .warning ? "failed → warning, does not block" : "failed → recorded (info), does not block"
        }
    }
}
