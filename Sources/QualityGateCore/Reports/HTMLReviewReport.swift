/// `qgate review --format html`: the recommendation as a banner, the seven
/// stages as a table with their status, key risk, mitigation and owners, and
/// each stage's conditions beneath it with the bar of the evaluation page.
public enum HTMLReviewReport {
    public static func render(_ review: ReadinessReview) -> String {
        let e = review.evaluation
        let model = Sanitize.name(e.policy.model ?? "model")
        var body = "<header>\n<h1>Production-readiness review — <span class=\"name\">\(HTML.escape(model))</span></h1>\n"
        let verdict = recommendationBadge(review.recommendation)
        body +=
            "<div class=\"banner \(verdict.cssClass)\" role=\"status\">\(verdict.icon) \(HTML.escape(review.recommendationLine))</div>\n"
        body += "<p>\(HTML.escape(e.verdictLine))</p>\n</header>\n<main>\n"
        body +=
            "<table>\n<thead><tr><th>#</th><th>Stage</th><th>Status</th><th>Key risk</th><th>Suggested mitigation</th><th>Owner</th></tr></thead>\n<tbody>\n"
        for (i, row) in review.rows.enumerated() {
            body += "<tr><td>\(i + 1)</td><td>\(HTML.escape(row.title))</td><td>\(stageBadge(row.status).html)</td>"
            body +=
                "<td>\(HTML.escape(review.keyRiskText(row)))</td><td>\(HTML.escape(ReadinessReview.listText(row.mitigations, "; ")))</td>"
            body += "<td>\(HTML.escape(ReadinessReview.listText(row.owners, ", ")))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        for (i, row) in review.rows.enumerated() {
            body += "<section class=\"card\">\n<h2>\(i + 1). \(HTML.escape(row.title)) — \(stageBadge(row.status).html)</h2>\n"
            if row.results.isEmpty {
                body += "<p class=\"muted\">no gates</p>\n</section>\n"
                continue
            }
            body += "<table>\n<tbody>\n"
            for r in row.results {
                let b = HTMLEvaluationReport.badge(r)
                let numbers = ConditionNumbers(r, review.precision)
                let gate = Sanitize.name(r.gate.displayName)
                let chart = SVGChart.conditionBar(
                    value: r.value, baseline: r.baseline, requirement: r.requirement, status: b.cssClass,
                    title: "\(gate): value \(numbers.value), required \(numbers.required), baseline \(numbers.baseline)")
                body += "<tr><td>\(b.html)</td><td class=\"name\">\(HTML.escape(gate))</td><td>\(r.kind.key)</td>"
                body += "<td>\(HTML.escape(r.message(review.precision)))</td><td>\(chart)</td></tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"
        }
        body += "</main>\n<footer>\n<ul>\n"
        for line in Provenance.lines(e) { body += "<li><code>\(HTML.escape(line))</code></li>\n" }
        body += "</ul>\n</footer>\n"
        return HTML.page(title: "qgate review: \(review.recommendation.rawValue) — \(model)", body: body)
    }

    static func recommendationBadge(_ r: ReadinessReview.Recommendation) -> HTML.Badge {
        switch r {
        case .go: return HTML.Badge(cssClass: "pass", icon: "✔", label: "Go")
        case .conditionalGo: return HTML.Badge(cssClass: "warn", icon: "▲", label: "Conditional Go")
        case .noGo: return HTML.Badge(cssClass: "fail", icon: "✖", label: "No-Go")
        }
    }

    static func stageBadge(_ s: ReadinessReview.StageStatus) -> HTML.Badge {
        switch s {
        case .pass: return HTML.Badge(cssClass: "pass", icon: "✔", label: s.rawValue)
        case .conditional: return HTML.Badge(cssClass: "warn", icon: "▲", label: s.rawValue)
        case .fail: return HTML.Badge(cssClass: "fail", icon: "✖", label: s.rawValue)
        case .notAssessed: return HTML.Badge(cssClass: "skip", icon: "–", label: s.rawValue)
        }
    }
}
