/// The report formats `qgate evaluate` can write, to stdout (`--format`) or to
/// files (`--output FORMAT=FILE`, repeatable).
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, junit, github, prometheus, html

    /// `exitCode` is the status the command exits with, recorded by the JSON report;
    /// `precision` is for the human formats (text, Markdown), the others keep every digit.
    public func render(
        _ e: Evaluation, style: TerminalStyle = .plain, precision: ReportPrecision = .human, timestamp: Int, exitCode: Int32
    ) -> String {
        switch self {
        case .text: return TextReport.render(e, style: style, precision: precision)
        case .json: return JSONReport.render(e, exitCode: exitCode)
        case .markdown: return MarkdownReport.render(e, precision: precision)
        case .junit: return JUnitReport.render(e, timestamp: timestamp)
        case .github: return GitHubAnnotations.render(e)
        case .prometheus: return PrometheusReport.render(e, timestamp: timestamp)
        case .html: return HTMLEvaluationReport.render(e, precision: precision)
        }
    }
}

extension Evaluation {
    /// Failed conditions first (critical, warning, info), then the rest in policy
    /// order: what a reader must see first.
    public var resultsFailuresFirst: [ConditionResult] {
        func rank(_ r: ConditionResult) -> Int {
            guard r.status == .failed else { return r.status == .skipped ? 4 : 5 }
            switch r.severity {
            case .critical: return 0
            case .warning: return 1
            case .info: return 2
            }
        }
        return results.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
