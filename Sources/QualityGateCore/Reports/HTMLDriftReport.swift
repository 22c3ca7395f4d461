/// `qgate drift --format html`: the retraining decision and why, a table of
/// every column (drifted first), and per column the reference and current
/// distributions overlaid, with the statistic against its threshold and the
/// missing shares. Bins, categories and charted columns are capped.
public enum HTMLDriftReport {
    /// Bins or categories drawn per column; the rest are counted.
    static let binCap = 30
    /// Columns in the table and columns charted.
    static let tableCap = 500
    static let chartCap = 40

    public static func render(_ d: DriftResult) -> String {
        let c = d.config
        let threshold = NumberFormatting.exact(c.effectiveThreshold)
        var body = "<header>\n<h1>qgate drift</h1>\n"
        let verdict =
            d.retrain
            ? HTML.Badge(cssClass: "fail", icon: "↻", label: "retrain") : HTML.Badge(cssClass: "pass", icon: "✔", label: "no retraining")
        body += "<div class=\"banner \(verdict.cssClass)\" role=\"status\">\(verdict.icon) \(HTML.escape(d.reason))</div>\n"
        body +=
            "<ul>\n<li>drift trigger: \(d.driftTriggered ? "<b>fired</b>" : "not fired") — \(d.driftedColumns.count) of \(d.comparedColumns.count) "
        body += "compared columns drifted (\(pct(d.driftedShare))), the trigger needs ≥ \(pct(c.driftedShare))</li>\n"
        if let needed = d.volumeRowsNeeded {
            body +=
                "<li>volume trigger: \(d.volumeTriggered ? "<b>fired</b>" : "not fired") — \(d.volumeRows) new rows of \(needed) needed</li>\n"
        }
        body +=
            c.method.isTest
            ? "<li>method \(c.method.rawValue), \(c.binning.rawValue) bins (\(c.bins)), a column drifts when its \(HTML.escape(d.thresholdText))</li>\n"
            : "<li>method \(c.method.rawValue), \(c.binning.rawValue) bins (\(c.bins)), a column drifts when its \(c.method.rawValue) ≥ \(HTML.escape(threshold))</li>\n"
        // Prediction and label drift are judged on their own lines; left-out columns say how to include them.
        for line in DriftReport.roleLines(d, .human) + d.roles.leftOut.map(\.notice) + d.columns.compactMap(\.mergeNotice) {
            body += "<li>\(HTML.escape(line))</li>\n"
        }
        body += "</ul>\n</header>\n<main>\n"
        // Drifted first; then the largest statistic, or under a test the smallest adjusted p-value.
        let rank: (ColumnDrift) -> Double = { c.method.isTest ? ($0.adjustedPValue ?? 2) : -($0.statistic ?? -1) }
        let ordered = d.columns.enumerated().sorted { a, b in
            (a.element.drifted ? 0 : 1, rank(a.element), a.offset) < (b.element.drifted ? 0 : 1, rank(b.element), b.offset)
        }.map(\.element)
        let table = HTML.capped(ordered, tableCap)
        let decides =
            c.method.isTest
            ? "<th>Statistic</th><th>Test: p-value, adjusted</th>" : "<th>\(c.method.rawValue.uppercased())</th><th>Threshold</th>"
        body += "<table>\n<thead><tr><th>Status</th><th>Column</th><th>Type</th>\(decides)"
        body += "<th>PSI band</th><th>Missing ref → cur</th></tr></thead>\n<tbody>\n"
        for col in table.shown {
            let b = badge(col)
            let role = col.role == .feature ? "" : " <span class=\"muted\">(\(col.role.rawValue))</span>"
            body +=
                "<tr><td>\(b.html)</td><td class=\"name\">\(HTML.escape(Sanitize.name(col.name)))\(role)</td><td>\(col.kind.rawValue)</td>"
            // Under `threshold: auto` a column must also pass the sample-size test (critical PSI, p-value).
            let auto = col.criticalPSI.map { "; psi &gt; \(number($0)), p \(number(col.pValue))" } ?? ""
            // Under a test the p-values decide: the raw one, and the adjusted one against alpha.
            let limit =
                col.test == nil
                ? HTML.escape(threshold) + auto
                : HTML.escape(
                    "\(col.test?.rawValue ?? ""): p \(d.pValueText(col.pValue)), adjusted \(d.pValueText(col.adjustedPValue, adjusted: true)) vs α \(threshold)"
                )
            body += "<td class=\"num\">\(number(col.statistic))</td><td class=\"num\">\(limit)</td>"
            body +=
                "<td>\(col.psiBand?.text ?? "—")</td><td class=\"num\">\(pct(col.referenceMissingShare)) → \(pct(col.currentMissingShare))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n" + HTML.more(table.more, "columns")
        body += "<h2>Distributions</h2>\n<p class=\"legend muted\"><span><span class=\"swatch ref\"></span>reference (wide bar)</span>"
        body += "<span><span class=\"swatch cur\"></span>current (narrow bar)</span></p>\n"
        let charted = HTML.capped(ordered.filter { !$0.labels.isEmpty }, chartCap)
        for col in charted.shown { body += card(col, d) }
        body += HTML.more(charted.more, "columns")
        body += "</main>\n<footer>\n<ul>\n"
        body += "<li>reference <code>\(HTML.escape(Sanitize.inline(d.referenceSource)))</code> (\(d.referenceRows) rows)</li>\n"
        body += "<li>current <code>\(HTML.escape(Sanitize.inline(d.currentSource)))</code> (\(d.currentRows) rows)</li>\n"
        body += "</ul>\n</footer>\n"
        return HTML.page(title: "qgate drift: \(d.retrain ? "retrain" : "no retraining")", body: body)
    }

    static func badge(_ col: ColumnDrift) -> HTML.Badge {
        if col.drifted { return HTML.Badge(cssClass: "fail", icon: "✖", label: "drifted") }
        if !col.compared {
            return HTML.Badge(cssClass: "skip", icon: "–", label: col.status.rawValue.split(separator: "_").joined(separator: " "))
        }
        return HTML.Badge(cssClass: "pass", icon: "✔", label: col.status == .ok ? "stable" : "stable (\(col.status.rawValue))")
    }

    /// One column's overlaid distributions; categories sorted by their larger share.
    static func card(_ col: ColumnDrift, _ d: DriftResult) -> String {
        let name = Sanitize.name(col.name)
        let rs = DriftStatistics.shares(col.referenceCounts)
        let cs = DriftStatistics.shares(col.currentCounts)
        var order = Array(col.labels.indices)
        if col.kind == .categorical {
            order.sort { (-max(rs[$0], cs[$0]), $0) < (-max(rs[$1], cs[$1]), $1) }
        }
        let bins = HTML.capped(order, binCap)
        let labels = bins.shown.map { Sanitize.name(col.labels[$0]) }
        var out = "<section class=\"card\">\n<h3>\(badge(col).html) <span class=\"name\">\(HTML.escape(name))</span></h3>\n"
        let judged =
            col.test == nil
            ? "\(d.config.method.rawValue) \(number(col.statistic)) against threshold \(HTML.escape(NumberFormatting.exact(d.config.effectiveThreshold)))"
            : HTML.escape(d.labelledStatistic(col, .human) + " against α " + NumberFormatting.exact(d.config.alpha))
        out += "<p>\(col.kind.rawValue); \(judged); missing \(pct(col.referenceMissingShare)) → \(pct(col.currentMissingShare))</p>\n"
        out +=
            SVGChart.overlaidBars(
                labels: labels, reference: bins.shown.map { rs[$0] }, current: bins.shown.map { cs[$0] },
                title: "\(name): reference vs current share per \(col.kind == .categorical ? "category" : "bin")") + "\n"
        out += HTML.more(bins.more, col.kind == .categorical ? "categories" : "bins")
        return out + "</section>\n"
    }

    static func number(_ x: Double?) -> String { x.map { HTML.escape(NumberFormatting.rounded($0, significantDigits: 4)) } ?? "—" }
    static func pct(_ x: Double?) -> String { x.map { NumberFormatting.rounded($0 * 100, significantDigits: 3) + "%" } ?? "—" }
}
