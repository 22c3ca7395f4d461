/// `qgate baseline history --stats --format html`: the release statistics,
/// per gated metric a line over the recorded evaluations and promotions with
/// the policy's absolute bounds drawn and blocked evaluations marked, the
/// blocked share per week, and the days between releases. Capped: the last
/// 200 points per metric, 20 metrics, 52 weeks, 50 intervals.
public enum HTMLHistoryReport {
    static let pointCap = 200
    static let metricCap = 20
    static let weekCap = 52
    static let intervalCap = 50

    public static func render(_ s: ReleaseStatistics, records: [HistoryRecord], policy: Policy?) -> String {
        let model = Sanitize.name(s.model)
        var body =
            "<header>\n<h1>Release history — <span class=\"name\">\(HTML.escape(model))</span>\(s.since.map { " since \(HTML.escape($0))" } ?? "")</h1>\n"
        let intervals = s.releaseIntervals.sorted()
        let median = intervals.isEmpty ? "—" : ReleaseStatisticsReport.days(ReleaseStatistics.median(intervals))
        body += "<table>\n<thead><tr><th>Evaluations</th><th>Blocked</th><th>Passed with warnings</th><th>Passed</th><th>Releases</th>"
        body += "<th>Rollbacks</th><th>Median days between releases</th></tr></thead>\n<tbody>\n<tr>"
        body +=
            "<td class=\"num\">\(s.evaluations)</td><td class=\"num\">\(s.blocked) (\(ReleaseStatisticsReport.percent(s.blocked, of: s.evaluations)))</td>"
        body += "<td class=\"num\">\(s.passedWithWarnings)</td><td class=\"num\">\(s.passed)</td><td class=\"num\">\(s.promotions)</td>"
        body += "<td class=\"num\">\(s.rollbacks)</td><td class=\"num\">\(median)</td></tr>\n</tbody>\n</table>\n</header>\n<main>\n"
        if !s.gates.isEmpty {
            body +=
                "<h2>Gates that failed</h2>\n<table>\n<thead><tr><th>Gate</th><th>Metric</th><th>Blocked</th><th>Rate</th><th>Warnings</th></tr></thead>\n<tbody>\n"
            for g in s.gates {
                body +=
                    "<tr><td class=\"name\">\(HTML.escape(Sanitize.name(g.gate)))</td><td class=\"name\">\(HTML.escape(Sanitize.name(g.metric)))</td>"
                body +=
                    "<td class=\"num\">\(g.blocking)</td><td class=\"num\">\(ReleaseStatisticsReport.percent(g.blocking, of: s.evaluations))</td>"
                body += "<td class=\"num\">\(g.warnings)</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += metricCharts(s, records: records, policy: policy)
        if !s.weeks.isEmpty {
            let weeks = Array(s.weeks.suffix(weekCap))
            body += "<h2>Blocked share per week</h2>\n"
            body +=
                SVGChart.bars(
                    labels: weeks.map(\.start), values: weeks.map { $0.evaluations > 0 ? Double($0.blocked) / Double($0.evaluations) : 0 },
                    top: 1,
                    valueText: { NumberFormatting.rounded($0 * 100, significantDigits: 3) + "%" },
                    title: "blocked share of evaluations per week") + "\n"
            body += HTML.more(s.weeks.count - weeks.count, "earlier weeks")
        }
        if !s.releaseIntervals.isEmpty {
            let shown = Array(s.releaseIntervals.suffix(intervalCap))
            body += "<h2>Days between releases</h2>\n"
            body +=
                SVGChart.bars(
                    labels: shown.indices.map { "#\($0 + 1 + s.releaseIntervals.count - shown.count)" }, values: shown,
                    top: shown.max() ?? 1,
                    valueText: ReleaseStatisticsReport.days, title: "days between consecutive promotions") + "\n"
            body += HTML.more(s.releaseIntervals.count - shown.count, "earlier intervals")
        }
        body += "</main>\n"
        return HTML.page(title: "qgate release history — \(model)", body: body)
    }

    /// One chart per metric a gate names (every recorded metric without a policy).
    static func metricCharts(_ s: ReleaseStatistics, records: [HistoryRecord], policy: Policy?) -> String {
        let sinceDay = s.since.flatMap(Clock.days(fromISODate:))
        let timed = records.enumerated().compactMap { i, r in ISOTimestamp.epochSeconds(r.time).map { (i, $0, r) } }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .filter { _, time, r in r.event != .rollback && (sinceDay.map { time >= $0 * 86400 } ?? true) }
            .map { $0.2 }
        var names: [String] = []
        if let policy {
            for g in policy.gates where !names.contains(g.metric) { names.append(g.metric) }
        } else {
            names = Set(timed.flatMap { $0.metrics.map(\.0) }).sorted()
        }
        let charted = HTML.capped(names, metricCap)
        var out = ""
        for name in charted.shown {
            // An evaluation record keeps the values of the conditions that failed.
            let points = timed.compactMap { r in
                (r.metrics.first { $0.0 == name }?.1 ?? r.failed.first { $0.metric == name && $0.value != nil }?.value).map { (r, $0) }
            }.suffix(pointCap)
            guard !points.isEmpty else { continue }
            var bounds: [Double] = []
            for g in policy?.gates ?? [] where g.metric == name {
                for c in g.conditions where !c.kind.isRelative {
                    switch c.kind.bound(threshold: c.threshold, baseline: 0, direction: g.direction) {
                    case .atLeast(let x), .atMost(let x): bounds.append(x)
                    case .within(let center, let radius): bounds += [center - radius, center + radius]
                    }
                }
            }
            let blocked = points.map { r, _ in r.event == .evaluation && r.verdict == Evaluation.Verdict.blocked.rawValue }
            let label = Sanitize.name(name)
            if out.isEmpty {
                out += "<h2>Gated metrics over releases</h2>\n<p class=\"legend muted\"><span>● evaluation or promotion</span>"
                out += "<span class=\"fail\">■ blocked evaluation</span><span>╌ bound</span></p>\n"
            }
            out += "<section class=\"card\">\n<h3 class=\"name\">\(HTML.escape(label))</h3>\n"
            out +=
                "<p class=\"muted\">\(points.count) records, \(blocked.filter { $0 }.count) blocked; from \(HTML.escape(Sanitize.inline(points.first?.0.time ?? ""))) "
            out += "to \(HTML.escape(Sanitize.inline(points.last?.0.time ?? "")))</p>\n"
            out +=
                SVGChart.lineChart(
                    values: points.map(\.1), blocked: blocked, bounds: bounds,
                    title: "\(label) over \(points.count) records, bounds \(bounds.map(NumberFormatting.exact).joined(separator: ", "))")
                + "\n"
            out += "</section>\n"
        }
        return out + HTML.more(charted.more, "metrics")
    }
}
