/// The normalized policy as JSON (`qgate validate --print`): defaults applied,
/// every gate's severity, direction and missing-value policies spelled out.
public enum PolicyJSON {
    public static let schema = "qgate.policy/v1"

    public static func document(_ policy: Policy) -> JSONOutput {
        .object([
            ("schema", .string(schema)),
            ("file", .string(policy.file)),
            ("version", .number(Double(policy.version))),
            ("model", .optional(policy.model)),
            ("description", .optional(policy.description)),
            (
                "defaults",
                .object(
                    [
                        ("severity", .string(policy.defaults.severity.rawValue)),
                        ("on_missing_metric", .string(policy.defaults.onMissingMetric.rawValue)),
                        ("on_missing_baseline", .string(policy.defaults.onMissingBaseline.rawValue))
                    ] + limits(policy.defaults.uncertaintyLimits))
            ),
            ("gates", .array(policy.gates.map(gate)))
        ])
    }

    static func gate(_ g: Gate) -> JSONOutput {
        .object(
            [
                ("name", .string(g.displayName)),
                ("metric", .string(g.metric)),
                ("description", .optional(g.description)),
                ("severity", .string(g.severity.rawValue)),
                ("direction", .string(g.direction.rawValue)),
                ("on_missing_metric", .string(g.onMissingMetric.rawValue)),
                ("on_missing_baseline", .string(g.onMissingBaseline.rawValue)),
                ("stage", .optional(g.stage?.rawValue)),
                ("owner", .optional(g.owner)),
                ("mitigation", .optional(g.mitigation)),
                ("significance", .optional(g.significance))
            ] + limits(g.uncertaintyLimits) + history(g) + [
                ("line", .number(Double(g.location.line))),
                (
                    "conditions",
                    .array(
                        g.conditions.map { c in
                            .object([
                                ("kind", .string(c.kind.key)),
                                ("threshold", .number(c.threshold)),
                                ("relative", .bool(c.kind.isRelative)),
                                ("meaning", .string(meaning(c, direction: g.direction))),
                                ("line", .number(Double(c.location.line))),
                                ("column", .number(Double(c.location.column)))
                            ])
                        })
                )
            ])
    }

    /// `min_n`, `max_stderr`, `max_ci_width`: null when unset (any claim that passes validation is accepted).
    static func limits(_ l: UncertaintyLimits) -> [(String, JSONOutput)] {
        [("min_n", .optional(l.minN)), ("max_stderr", .optional(l.maxStderr)), ("max_ci_width", .optional(l.maxCIWidth))]
    }

    /// `history_window` and `min_history` as the gate resolves them; only on a `max_regression_sigma` gate.
    static func history(_ g: Gate) -> [(String, JSONOutput)] {
        guard g.conditions.contains(where: { $0.kind.learnsFromHistory }) else { return [] }
        return [("history_window", .number(Double(g.history.window))), ("min_history", .number(Double(g.history.minimum)))]
    }

    /// The condition in words, with the threshold filled in: its kind's rule.
    static func meaning(_ c: Condition, direction: Direction) -> String {
        ConditionRule.words(c.kind, threshold: c.threshold, direction: direction)
    }
}
