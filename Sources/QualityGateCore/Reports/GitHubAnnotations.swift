/// GitHub Actions annotations (`::error file=…,line=…::message`) for each
/// failed condition, pointing at the condition's line in the policy; each is a
/// `WorkflowCommand`, so a metric name like `x\n::set-env` stays data. GitHub
/// shows at most 10 errors and 10 warnings per step: the most important come
/// first and the rest are summarised.
public enum GitHubAnnotations {
    public static let perKindLimit = 10

    /// The `github` format as a file (`--output github=FILE`).
    public static func render(_ e: Evaluation) -> String {
        commands(e).map { $0.line + "\n" }.joined()
    }

    public static func commands(_ e: Evaluation) -> [WorkflowCommand] {
        var out: [WorkflowCommand] = []
        var shown: [WorkflowCommand.Kind: Int] = [:]
        var hidden = 0
        for r in e.resultsFailuresFirst where r.status == .failed {
            let kind: WorkflowCommand.Kind
            switch r.severity {
            case .critical: kind = .error
            case .warning: kind = .warning
            case .info: kind = .notice
            }
            if shown[kind, default: 0] >= perKindLimit {
                hidden += 1
                continue
            }
            shown[kind, default: 0] += 1
            out.append(
                WorkflowCommand(
                    kind,
                    [
                        ("file", r.location.file), ("line", String(r.location.line)), ("col", String(r.location.column)),
                        ("title", "qgate: \(Sanitize.name(r.gate.displayName)) \(r.kind.key)")
                    ],
                    message: r.message))
        }
        for r in e.results where r.status == .waived {
            out.append(
                WorkflowCommand(
                    .notice,
                    [
                        ("file", r.location.file), ("line", String(r.location.line)),
                        ("title", "qgate: \(Sanitize.name(r.gate.displayName)) waived")
                    ],
                    message: r.message))
        }
        for notice in e.notices { out.append(WorkflowCommand(.warning, [("title", "qgate waiver")], message: notice)) }
        if hidden > 0 {
            out.append(
                WorkflowCommand(
                    .notice, [("title", "qgate")],
                    message: "\(hidden) more failed condition\(hidden == 1 ? "" : "s") not annotated; see the job summary"))
        }
        let verdict: WorkflowCommand.Kind = e.verdict == .blocked ? .error : (e.verdict == .passedWithWarnings ? .warning : .notice)
        out.append(WorkflowCommand(verdict, [("title", "qgate verdict")], message: e.verdictLine))
        return out
    }
}
