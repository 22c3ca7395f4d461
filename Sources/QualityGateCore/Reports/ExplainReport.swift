/// `qgate evaluate --explain`: for each condition, the rule in words, the
/// arithmetic with the actual numbers, and the decision — for the person who
/// asks "why was my model blocked?".
public enum ExplainReport {
    public static func render(_ e: Evaluation, precision: ReportPrecision = .human) -> String {
        var out = "Why: every condition, its rule and its arithmetic\n"
        for r in e.results {
            out += "\n\(Sanitize.name(r.gate.displayName)) — \(r.kind.key) \(NumberFormatting.exact(r.threshold)) "
            out += "(\(r.severity.rawValue), direction \(r.gate.direction.rawValue)) at \(Sanitize.inline(r.location.description))\n"
            out += "  rule:     \(ConditionRule.words(r.kind, threshold: r.threshold, direction: r.gate.direction))\n"
            out += "  numbers:  \(arithmetic(r, precision))\n"
            if let runs = r.runs { out += "  runs:     \(RepeatedRunsText.explain(runs, precision))\n" }
            if let w = r.history {
                out +=
                    "  history:  \(ConditionReasonText.history(w, precision)); history_window \(w.settings.window), min_history \(w.settings.minimum)\n"
            }
            if let c = r.claimCheck { out += "  claims:   \(c)\n" }
            if let s = r.significance { out += "  noise:    \(s.detail)\n" }
            out += "  decision: \(decision(r, e, precision))\n"
        }
        return out
    }

    /// The rule with the numbers filled in, what it computes (the bound, or the
    /// distance from the baseline) and whether the kind's bound admits the value.
    /// Values and baselines at the report's precision, rounded apart where the
    /// decision depends on it (`ConditionNumbers`); the threshold as written.
    static func arithmetic(_ r: ConditionResult, _ precision: ReportPrecision = .human) -> String {
        let f = NumberFormatting.exact
        guard let v = r.value else { return "no value: \(r.message(precision))" }
        if !v.isFinite { return "value is \(f(v)): a non-finite metric fails every condition" }
        let t = r.threshold
        let direction = r.gate.direction
        let numbers = ConditionNumbers(r, precision)
        if let s = r.spread {
            // The gap from the two slices that make it (names are data), then the bound.
            let (high, low) = s.best.value >= s.worst.value ? (s.best, s.worst) : (s.worst, s.best)
            let rule = ConditionRule(r.kind, direction: direction, value: numbers.value, baseline: "", threshold: f(t), times: "×")
            return
                "\(Sanitize.name(high.name)) \(precision.number(high.value)) - \(Sanitize.name(low.name)) \(precision.number(low.value)) = \(rule.text) → \(r.kind.bound(threshold: t, baseline: 0, direction: direction).admits(v))"
        }
        if !r.kind.isRelative {
            let rule = ConditionRule(r.kind, direction: direction, value: numbers.value, baseline: "", threshold: f(t), times: "×")
            return "\(rule.text) → \(r.kind.bound(threshold: t, baseline: 0, direction: direction).admits(v))"
        }
        guard let b = r.baseline else { return "no baseline: \(r.message(precision))" }
        // σ as the history line shows it; without one there is no bound to compute.
        let sigma = r.history?.sigma
        if r.kind.learnsFromHistory, r.history?.isEnough != true || sigma?.isFinite != true {
            return "no σ to bound the change: \(r.message(precision))"
        }
        let bound = r.kind.bound(threshold: t, baseline: b, direction: direction, sigma: sigma)
        switch bound {
        case .within:
            let rule = ConditionRule(
                r.kind, direction: direction, value: numbers.value, baseline: numbers.baseline, threshold: f(t), times: "×")
            return "\(rule.lhs) = \(precision.difference(abs(v - b))) \(rule.op) \(rule.rhs) → \(bound.admits(v))"
        case .atLeast, .atMost:
            let rule = ConditionRule(
                r.kind, direction: direction, value: numbers.value, baseline: precision.number(b), threshold: f(t),
                sigma: sigma.map(precision.difference) ?? "", times: "×")
            return "\(rule.text) = \(numbers.required.dropFirst(2)) → \(bound.admits(v))"
        }
    }

    static func decision(_ r: ConditionResult, _ e: Evaluation, _ precision: ReportPrecision) -> String {
        switch r.status {
        case .passed:
            guard r.significance != nil else { return "passed" }
            return r.kind.noiseRule == .mustConfirmPass
                ? "passed (the improvement is significant)" : "passed (the regression is not significant)"
        case .skipped: return "skipped — \(r.message(precision))"
        case .waived: return "waived — reported, does not block (\(r.gate.waiver.map { "until \($0.until)" } ?? ""))"
        case .failed:
            if r.preExisting { return "failed, but pre-existing in the baseline — a warning" }
            if e.blocks(r) { return "failed → blocks the release" }
            return r.severity == .warning ? "failed → warning, does not block" : "failed → recorded (info), does not block"
        }
    }
}
