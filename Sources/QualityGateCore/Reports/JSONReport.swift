/// The machine report of `qgate evaluate` (schema `qgate.evaluation/v1`,
/// documented in README.md). Keys are only ever added, never renamed.
public enum JSONReport {
    public static let schema = "qgate.evaluation/v1"

    /// `exitCode` is the status the calling process exits with, which the
    /// schema records as `exit_code`; the library knows no exit codes, so the
    /// command line, which maps the verdict to one, passes it in.
    public static func render(_ evaluation: Evaluation, exitCode: Int32) -> String {
        document(evaluation, exitCode: exitCode).rendered()
    }

    public static func document(_ e: Evaluation, exitCode: Int32) -> JSONOutput {
        .object([
            ("schema", .string(schema)),
            ("qgate_version", .string(QGateVersion.current)),
            ("verdict", .string(e.verdict.rawValue)),
            ("release_allowed", .bool(e.releaseAllowed)),
            ("exit_code", .number(Double(exitCode))),
            ("summary", .string(e.verdictLine)),
            (
                "policy",
                .object([
                    ("file", .string(e.policy.file)),
                    ("model", .optional(e.policy.model)),
                    ("version", .number(Double(e.policy.version)))
                ])
            ),
            ("provenance", Provenance.json(e)),
            ("notices", .array(e.notices.map { .string($0) })),
            ("metrics_files", .array(e.metricsFiles.map { .string($0) })),
            ("baseline_file", .optional(e.baseline?.file)),
            (
                "baseline_source",
                e.baseline.map { b in
                    .object([
                        ("kind", .string(b.kind.rawValue)), ("description", .string(b.description)),
                        ("version", .optional(b.version))
                    ])
                } ?? .null
            ),
            (
                "counts",
                .object([
                    ("conditions", .number(Double(e.results.count))),
                    ("passed", .number(Double(e.passedCount))),
                    ("failed", .number(Double(e.failedCount))),
                    ("skipped", .number(Double(e.skippedCount))),
                    ("critical_failed", .number(Double(e.criticalFailedCount))),
                    ("warnings", .number(Double(e.warningCount))),
                    ("info", .number(Double(e.infoCount))),
                    ("waived", .number(Double(e.waivedCount)))
                ])
            ),
            ("conditions", .array(e.results.map { withDidYouMean(condition($0), $0) }))
        ])
    }

    static func condition(_ r: ConditionResult) -> JSONOutput {
        var all = fields(r) + slice(r) + history(r)
        if let runs = r.runs { all.append(("aggregate", RepeatedRunsText.json(runs))) }
        return .object(all)
    }

    /// `max_regression_sigma`: the window and σ learned (null with too few changes); other kinds have no such key.
    static func history(_ r: ConditionResult) -> [(String, JSONOutput)] {
        guard let w = r.history else { return [] }
        return [
            (
                "history",
                .object([
                    ("history_window", .number(Double(w.settings.window))), ("min_history", .number(Double(w.settings.minimum))),
                    ("releases", .number(Double(w.releases))), ("changes", .number(Double(w.changes))),
                    ("first_version", .optional(w.first)), ("last_version", .optional(w.last)),
                    ("sigma", .optional(w.sigma))
                ])
            )
        ]
    }

    static func fields(_ r: ConditionResult) -> [(String, JSONOutput)] {
        [
            ("gate", .string(r.gate.displayName)),
            ("metric", .string(r.metric)),
            ("kind", .string(r.kind.key)),
            ("severity", .string(r.severity.rawValue)),
            ("status", .string(r.status.rawValue)),
            ("direction", .string(r.gate.direction.rawValue)),
            ("value", .optional(r.value)),
            ("baseline", .optional(r.baseline)),
            ("threshold", .number(r.threshold)),
            ("bound", .optional(r.bound)),
            ("comparison", .optional(r.comparison?.rawValue)),
            ("message", .string(r.message)),
            ("pre_existing", .bool(r.preExisting)),
            (
                "significance",
                r.significance.map { s in
                    .object([
                        ("test", .string(s.test)), ("p_value", .optional(s.pValue)), ("significant", .bool(s.significant)),
                        ("detail", .string(s.detail))
                    ])
                } ?? .null
            ),
            ("description", .optional(r.gate.description)),
            ("file", .string(r.location.file)),
            ("line", .number(Double(r.location.line))),
            ("column", .number(Double(r.location.column)))
        ]
    }

    /// A pattern gate's result names its slice and pattern, as data; a plain gate's has neither key.
    static func slice(_ r: ConditionResult) -> [(String, JSONOutput)] {
        if let s = r.spread {
            let slice = { (x: SliceSpread.Slice) in JSONOutput.object([("slice", .string(x.name)), ("value", .number(x.value))]) }
            return [
                ("pattern", .string(r.gate.metric)), ("best", slice(s.best)), ("worst", slice(s.worst)),
                ("judged_slices", .number(Double(s.judged)))
            ]
        }
        guard let slice = r.gate.slice else { return [] }
        return [("slice", .string(slice.value)), ("pattern", .string(slice.pattern.text))]
    }

    /// A missing metric's condition ends with `did_you_mean`: the metrics
    /// files' name closest to the gated one, or null. Other conditions have no
    /// such field.
    static func withDidYouMean(_ condition: JSONOutput, _ r: ConditionResult) -> JSONOutput {
        guard case .object(let fields) = condition, case .missingMetric(_, _, let suggestion) = r.finding else { return condition }
        return .object(fields + [("did_you_mean", .optional(suggestion))])
    }
}
