/// `qgate evaluate --format html`: the verdict as a banner, one row per
/// condition with a bar showing the value against its bound and the baseline,
/// the `--explain` arithmetic in a details row, provenance in the footer.
public enum HTMLEvaluationReport {
    public static func render(_ e: Evaluation, precision: ReportPrecision = .human) -> String {
        let model = e.policy.model.map { Sanitize.name($0) }
        var body = "<header>\n"
        body += "<h1>qgate evaluation\(model.map { " — <span class=\"name\">\(HTML.escape($0))</span>" } ?? "")</h1>\n"
        let banner = verdictBadge(e.verdict)
        body += "<div class=\"banner \(banner.cssClass)\" role=\"status\">\(banner.icon) \(HTML.escape(e.verdictLine))</div>\n"
        body += "<p>\(e.results.count) conditions: \(e.passedCount) passed, \(e.criticalFailedCount) failed (critical), "
        body += "\(e.warningCount) warning\(e.warningCount == 1 ? "" : "s"), \(e.waivedCount) waived, \(e.skippedCount) skipped</p>\n"
        for notice in e.notices { body += "<p class=\"warn\">▲ \(HTML.escape(notice))</p>\n" }
        body += "</header>\n<main>\n"
        body += "<p class=\"legend muted\"><span><span class=\"swatch region\"></span>allowed region</span>"
        body += "<span>│ bound</span><span>◇ baseline</span><span>● value</span></p>\n"
        body += "<table>\n<thead><tr><th>Status</th><th>Gate</th><th>Metric</th><th>Condition</th><th>Value</th><th>Baseline</th>"
        body += "<th>Required</th><th>Where the value sits</th></tr></thead>\n<tbody>\n"
        for r in e.resultsFailuresFirst { body += row(r, e, precision) }
        body += "</tbody>\n</table>\n</main>\n"
        body += "<footer>\n<p>Provenance:</p>\n<ul>\n"
        for line in Provenance.lines(e) { body += "<li><code>\(HTML.escape(line))</code></li>\n" }
        body += "</ul>\n<p>Written by qgate \(HTML.escape(QGateVersion.current)).</p>\n</footer>\n"
        return HTML.page(title: "qgate: \(e.verdictLine)\(model.map { " — \($0)" } ?? "")", body: body)
    }

    static func verdictBadge(_ v: Evaluation.Verdict) -> HTML.Badge {
        switch v {
        case .passed: return .pass
        case .passedWithWarnings: return .warn
        case .blocked: return HTML.Badge(cssClass: "fail", icon: "✖", label: "blocked")
        }
    }

    /// What a condition's status means for the release, in words and colour.
    static func badge(_ r: ConditionResult) -> HTML.Badge {
        switch (r.status, r.severity) {
        case (.passed, _): return .pass
        case (.skipped, _): return .skipped
        case (.waived, _): return .waived
        case (.failed, _) where r.preExisting: return .preExisting
        case (.failed, .critical): return .fail
        case (.failed, .warning): return .warn
        case (.failed, .info): return .info
        }
    }

    static func row(_ r: ConditionResult, _ e: Evaluation, _ precision: ReportPrecision) -> String {
        let numbers = ConditionNumbers(r, precision)
        let b = badge(r)
        let gate = Sanitize.name(r.gate.displayName)
        let metric = Sanitize.name(r.metric)
        let chart = SVGChart.conditionBar(
            value: r.value, baseline: r.baseline, requirement: r.requirement, status: b.cssClass,
            title: "\(gate): value \(numbers.value), required \(numbers.required), baseline \(numbers.baseline)")
        var out = "<tr><td>\(b.html)</td><td class=\"name\">\(HTML.escape(gate))</td>"
        out += "<td class=\"name\">\(HTML.escape(metric))</td><td>\(r.kind.key) \(HTML.escape(NumberFormatting.exact(r.threshold)))</td>"
        out += "<td class=\"num\">\(HTML.escape(numbers.value))</td><td class=\"num\">\(HTML.escape(numbers.baseline))</td>"
        out +=
            "<td class=\"num\">\(HTML.escape(numbers.required))</td><td>\(chart.isEmpty ? "<span class=\"muted\">—</span>" : chart)</td></tr>\n"
        out += "<tr class=\"explain\"><td></td><td colspan=\"7\"><details><summary>\(HTML.escape(r.message(precision)))</summary><pre>"
        var lines = [
            "rule:     \(ConditionRule.words(r.kind, threshold: r.threshold, direction: r.gate.direction))",
            "numbers:  \(ExplainReport.arithmetic(r, precision))"
        ]
        if let c = r.claimCheck { lines.append("claims:   \(c)") }
        if let s = r.significance { lines.append("noise:    \(s.detail)") }
        lines.append("decision: \(ExplainReport.decision(r, e, precision))")
        lines.append(
            "policy:   \(Sanitize.inline(r.location.description)) (\(r.severity.rawValue), direction \(r.gate.direction.rawValue))")
        out += lines.map(HTML.escape).joined(separator: "\n") + "</pre></details></td></tr>\n"
        return out
    }
}
