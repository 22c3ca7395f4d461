/// The normalized policy as JSON (`qgate validate --print`): defaults applied,
/// every gate's severity, direction and missing-value policies spelled out.
public enum PolicyJSON {
    public static let schema = "qgate.policy/v1"

    public static func document(_ policy: Policy) -> JSONOutput {
        .object([
            ("schema", .string(schema)),
            ("file", .string(policy.file)),
            ("version", .number(Double(policy.version))),
            ("extends", .array(policy.files.dropFirst().map { .string($0.file) })),
            ("model", .optional(policy.model)),
            ("description", .optional(policy.description)),
            (
                "defaults",
                .object(
                    [
                        ("severity", .string(policy.defaults.severity.rawValue)),
                        ("on_missing_metric", .string(policy.defaults.onMissingMetric.rawValue)),
                        ("on_missing_baseline", .string(policy.defaults.onMissingBaseline.rawValue))
                    ] + limits(policy.defaults.uncertaintyLimits) + [
                        ("direction", .string((policy.defaults.direction ?? .higher).rawValue))
                    ])
            ),
            ("max_waiver_days", .number(Double(policy.maxWaiverDays))),
            ("gates", .array(policy.gates.map(gate))),
            ("drift", policy.drift.map(drift) ?? .null),
            ("data", policy.data.map(data) ?? .null)
        ])
    }

    /// The `drift:` section with `qgate drift`'s defaults filled in.
    static func drift(_ c: DriftConfig) -> JSONOutput {
        // A test is judged by alpha after a correction, not by a threshold.
        let judged: [(String, JSONOutput)] =
            c.method.isTest
            ? [("alpha", .number(c.alpha)), ("correction", .string(c.correction.rawValue))] : [("threshold", .number(c.effectiveThreshold))]
        return .object(
            [
                ("method", .string(c.method.rawValue)),
                ("bins", .number(Double(c.bins))),
                ("binning", .string(c.binning.rawValue))
            ] + judged + [
                ("drifted_share", .number(c.driftedShare)),
                ("columns", c.columns.map { .array($0.map(JSONOutput.string)) } ?? .null),
                ("exclude", .array(c.exclude.map(JSONOutput.string))),
                ("categorical", .array(c.categorical.map(JSONOutput.string))),
                ("min_new_rows_fraction", .optional(c.minNewRowsFraction))
            ])
    }

    /// The `data:` section; `max_missing_share` as `{default, columns}` in both of its forms.
    static func data(_ c: DataChecks) -> JSONOutput {
        .object([
            ("min_rows", .optional(c.minRows.map(Double.init))),
            ("max_age_days", .optional(c.maxAgeDays.map(Double.init))),
            (
                "max_missing_share",
                c.maxMissingShare.map { m in
                    .object([
                        ("default", .optional(m.otherColumns)),
                        ("columns", .object(m.columns.map { ($0.name, .number($0.limit)) }))
                    ])
                } ?? .null
            ),
            ("min_class_share", .optional(c.minClassShare)),
            ("severity", .string(c.severity.rawValue))
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
                ("min_count", .optional(g.minCount.map(Double.init))),
                ("new_failures_only", .bool(g.newFailuresOnly)),
                (
                    "waiver",
                    g.waiver.map { w in
                        .object([("reason", .string(w.reason)), ("until", .string(w.until)), ("owner", .optional(w.owner))])
                    } ?? .null
                ),
                ("file", .string(g.location.file)),
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
