/// The Markdown report for `$GITHUB_STEP_SUMMARY` and PR comments: a verdict
/// headline, failures in a table, everything else in a collapsed section.
/// Every untrusted value is escaped, so a metric name cannot break the table
/// or inject HTML.
public enum MarkdownReport {
    public static func render(_ e: Evaluation, precision: ReportPrecision = .human) -> String {
        let icon: String
        switch e.verdict {
        case .passed: icon = "✅"
        case .passedWithWarnings: icon = "⚠️"
        case .blocked: icon = "❌"
        }
        // A hidden marker lets a PR-comment step find and update its own comment.
        var out = "<!-- qgate:\(Markdown.escape(Sanitize.name(e.policy.model ?? "policy"))) -->\n"
        out += "## \(icon) qgate: \(e.verdictLine)"
        if let model = e.policy.model { out += " — \(Markdown.escape(Sanitize.name(model)))" }
        out += "\n\n"
        out += Provenance.lines(e).map(Markdown.escape).joined(separator: " · ") + "\n\n"
        for notice in e.notices { out += "> ⚠️ \(Markdown.escape(notice))\n\n" }
        out += "\(e.results.count) conditions: \(e.passedCount) passed, \(e.criticalFailedCount) failed (critical), "
        out += "\(e.warningCount) warning\(e.warningCount == 1 ? "" : "s"), \(e.skippedCount) skipped\n\n"
        let ordered = e.resultsFailuresFirst
        let failing = ordered.filter { $0.status == .failed }
        let rest = ordered.filter { $0.status != .failed }
        if !failing.isEmpty {
            out += table(failing, precision)
        }
        if !rest.isEmpty {
            let title = failing.isEmpty ? "All \(rest.count) conditions" : "\(rest.count) other condition\(rest.count == 1 ? "" : "s")"
            out += "\n<details><summary>\(title)</summary>\n\n" + table(rest, precision) + "\n</details>\n"
        }
        return out
    }

    static func table(_ results: [ConditionResult], _ precision: ReportPrecision) -> String {
        var out = "| Status | Gate | Metric | Condition | Value | Baseline | Change | Threshold | Details |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for r in results {
            let numbers = ConditionNumbers(r, precision)
            let change =
                (r.value != nil && r.baseline != nil)
                ? signed((r.value ?? 0) - (r.baseline ?? 0), precision) : "—"
            out +=
                "| \(status(r)) | \(Markdown.escape(Sanitize.name(r.gate.displayName))) | \(Markdown.escape(Sanitize.name(r.metric))) | \(r.kind.key) \(NumberFormatting.exact(r.threshold)) "
            out +=
                "| \(numbers.value) | \(numbers.baseline) | \(change) | \(Markdown.escape(numbers.required)) | \(Markdown.escape(details(r, precision))) |\n"
        }
        return out
    }

    /// The condition's message, and for an aggregated value how it was taken.
    static func details(_ r: ConditionResult, _ precision: ReportPrecision) -> String {
        guard let runs = r.runs else { return r.message(precision) }
        return r.message(precision) + " (value: " + RepeatedRunsText.spread(runs, precision) + ")"
    }

    static func status(_ r: ConditionResult) -> String {
        switch (r.status, r.severity) {
        case (.passed, _): return "✅ passed"
        case (.skipped, _): return "⏭️ skipped"
        case (.waived, _): return "🟡 waived"
        case (.failed, .critical): return "❌ failed"
        case (.failed, .warning): return "⚠️ warning"
        case (.failed, .info): return "ℹ️ info"
        }
    }

    static func signed(_ x: Double, _ precision: ReportPrecision = .human) -> String {
        let s = precision.difference(x)
        return x > 0 ? "+" + s : s
    }
}
