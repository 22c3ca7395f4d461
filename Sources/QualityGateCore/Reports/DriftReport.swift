/// Reports of `qgate drift`: text (with small histograms of the drifted
/// columns), JSON, Prometheus, and the GitHub step outputs.
public enum DriftReport {
    public static func text(_ d: DriftResult, style: TerminalStyle = .plain, precision: ReportPrecision = .human) -> String {
        let c = d.config
        var out =
            style.bold(
                "qgate drift · \(c.method.rawValue), \(c.binning.rawValue) bins (\(c.bins)), threshold \(d.thresholdText)"
            ) + "\n"
        out +=
            style.dim(
                "reference \(Sanitize.inline(d.referenceSource)) (\(d.referenceRows) rows) · current \(Sanitize.inline(d.currentSource)) (\(d.currentRows) rows)"
            ) + "\n\n"
        let f: (Double?) -> String = { $0.map(precision.number) ?? "—" }
        let pct: (Double?) -> String = { $0.map { NumberFormatting.rounded($0 * 100, significantDigits: 3) + "%" } ?? "—" }
        // The columns that decide: the statistic (and under `threshold: auto` the χ²
        // critical PSI and p-value), or a test's name, statistic, p-value and adjusted p-value.
        let decision = decisionColumns(d, precision)
        var table = TextTable([.left, .left, .left, .left] + decision.alignments + [.left, .right, .right, .left])
        table.add(["", "COLUMN", "TYPE", "STATUS"] + decision.headers + ["PSI BAND", "KL", "JS", "MISSING ref → cur"])
        let features = d.columns.filter { $0.role == .feature }
        for col in features {
            let mark = col.drifted ? "✗" : (col.status == .missingInReference ? "-" : "✓")
            table.add(
                [mark, Sanitize.name(col.name), col.kind.rawValue, col.status.rawValue] + decision.cells(col) + [
                    col.psiBand?.text ?? "—", f(col.kl), f(col.js),
                    "\(pct(col.referenceMissingShare)) → \(pct(col.currentMissingShare))"
                ])
        }
        for line in table.render(decorate: { row, column, cell in
            guard row > 0, column == 0 else { return row == 0 ? style.dim(cell) : cell }
            return features[row - 1].drifted ? style.red(cell) : style.green(cell)
        }) { out += "  " + line + "\n" }
        let roles = roleLines(d, precision)
        if !roles.isEmpty { out += "\n" + roles.map { "  " + $0 + "\n" }.joined() }
        let drawn = d.driftedColumns + [d.prediction, d.label].compactMap { $0 }.filter(\.drifted)
        for col in drawn where !col.referenceCounts.isEmpty {
            out += "\n  \(Sanitize.name(col.name)) — reference vs current share per bin\n"
            let rs = DriftStatistics.shares(col.referenceCounts)
            let cs = DriftStatistics.shares(col.currentCounts)
            var bars = TextTable([.left, .left, .right, .left, .right])
            for i in col.labels.indices.prefix(20) {
                bars.add([Sanitize.name(col.labels[i]), bar(rs[i]), pct(rs[i]), bar(cs[i]), pct(cs[i])])
            }
            for line in bars.render() { out += "    " + line + "\n" }
            if col.labels.count > 20 { out += "    … \(col.labels.count - 20) more bins\n" }
        }
        let notices = d.roles.leftOut.map(\.notice) + d.columns.compactMap(\.mergeNotice)
        if !notices.isEmpty { out += "\n" }
        for notice in notices { out += "  " + style.dim(notice) + "\n" }
        let reason = d.reason(precision)
        out += "\n" + (d.retrain ? style.bold(style.red(reason)) : style.green(reason)) + "\n"
        // Also for --output text=FILE: a file someone prints in CI must not talk to the runner either.
        return WorkflowCommandGuard.neutralise(out)
    }

    /// The table columns that decide drift: their headers, alignments and cells per column.
    static func decisionColumns(_ d: DriftResult, _ precision: ReportPrecision) -> (
        headers: [String], markdownHeaders: [String], alignments: [TextTable.Alignment], cells: (ColumnDrift) -> [String]
    ) {
        let f: (Double?) -> String = { $0.map(precision.number) ?? "—" }
        let c = d.config
        if c.method.isTest {
            return (
                ["TEST", "STATISTIC", "P-VALUE", "ADJUSTED P"], ["Test", "Statistic", "p-value", "adjusted p"],
                [.left, .right, .right, .right],
                {
                    [
                        $0.test?.rawValue ?? "—", d.statisticText($0, precision) ?? "—", d.pValueText($0.pValue),
                        d.pValueText($0.adjustedPValue, adjusted: true)
                    ]
                }
            )
        }
        let statistic: (ColumnDrift) -> [String] = { [d.statisticText($0, precision) ?? "—"] }
        let name = c.method.rawValue.uppercased()
        guard c.automatic else { return ([name], [name], [.right], statistic) }
        return (
            [name, "PSI CRITICAL", "P-VALUE"], [name, "PSI critical", "p-value"], [.right, .right, .right],
            { statistic($0) + [f($0.criticalPSI), f($0.pValue)] }
        )
    }

    /// The prediction and label drift lines, for the roles that were named.
    static func roleLines(_ d: DriftResult, _ precision: ReportPrecision) -> [String] {
        [("prediction", d.prediction), ("label", d.label)].compactMap { what, c in c.map { d.roleLine(what, $0, precision) } }
    }

    /// A 20-character bar for a share in [0, 1].
    static func bar(_ share: Double) -> String {
        let n = Int((share * 20).rounded())
        return String(repeating: "█", count: n) + String(repeating: "·", count: 20 - n)
    }

    public static func json(_ d: DriftResult) -> String {
        let fields: [(String, JSONOutput)] = [
            ("schema", .string("qgate.drift/v1")),
            ("retrain", .bool(d.retrain)),
            ("reason", .string(d.reason)),
            ("drift_triggered", .bool(d.driftTriggered)),
            ("volume_triggered", .bool(d.volumeTriggered)),
            ("drifted_share", .number(d.driftedShare)),
            ("prediction_drifted", d.prediction.map { .bool($0.drifted) } ?? .null),
            ("label_drifted", d.label.map { .bool($0.drifted) } ?? .null),
            ("method", .string(d.config.method.rawValue)),
            ("binning", .string(d.config.binning.rawValue)),
            ("bins", .number(Double(d.config.bins))),
            ("threshold", .number(d.config.effectiveThreshold)),
            ("reference", .object([("source", .string(d.referenceSource)), ("rows", .number(Double(d.referenceRows)))])),
            (
                "current",
                .object([
                    ("source", .string(d.currentSource)), ("rows", .number(Double(d.currentRows))),
                    ("new_rows", .number(Double(d.newRows ?? d.currentRows)))
                ])
            ),
            (
                "columns",
                .array(
                    d.columns.map { .object(columnFields($0, d.config)) })
            ),
            (
                "left_out",
                .array(
                    d.roles.leftOut.map { l in
                        .object([
                            ("name", .string(l.name)), ("role", .string(l.role.rawValue)),
                            ("detected", l.detected.map { .string($0.rawValue) } ?? .null)
                        ])
                    })
            )
        ]
        return JSONOutput.object(withThresholdMode(d.config, fields)).rendered()
    }

    /// `threshold_mode` and `confidence` after `threshold`, under `threshold: auto`;
    /// under a test, `alpha` and `correction` instead of `threshold`.
    static func withThresholdMode(_ config: DriftConfig, _ fields: [(String, JSONOutput)]) -> [(String, JSONOutput)] {
        if config.method.isTest, let i = fields.firstIndex(where: { $0.0 == "threshold" }) {
            return Array(fields[..<i]) + [("alpha", .number(config.alpha)), ("correction", .string(config.correction.rawValue))]
                + fields[(i + 1)...]
        }
        guard config.automatic, let i = fields.firstIndex(where: { $0.0 == "threshold" }) else { return fields }
        return Array(fields[...i]) + [("threshold_mode", .string("auto")), ("confidence", .number(config.confidence))] + fields[(i + 1)...]
    }

    /// One column of the JSON report; under `threshold: auto` with its critical PSI and p-value.
    static func columnFields(_ c: ColumnDrift, _ config: DriftConfig) -> [(String, JSONOutput)] {
        var fields: [(String, JSONOutput)] = [
            ("name", .string(c.name)), ("role", .string(c.role.rawValue)), ("type", .string(c.kind.rawValue)),
            ("status", .string(c.status.rawValue)), ("drifted", .bool(c.drifted)), ("statistic", .optional(c.statistic)),
            ("psi", .optional(c.psi)), ("kl", .optional(c.kl)), ("js", .optional(c.js))
        ]
        if config.automatic { fields += [("psi_critical", .optional(c.criticalPSI)), ("p_value", .optional(c.pValue))] }
        if config.method.isTest {
            fields += [
                ("test", c.test.map { .string($0.rawValue) } ?? .null), ("p_value", .optional(c.pValue)),
                ("p_adjusted", .optional(c.adjustedPValue))
            ]
        }
        fields += [
            ("reference_missing_share", .optional(c.referenceMissingShare)),
            ("current_missing_share", .optional(c.currentMissingShare))
        ]
        if !c.mergedCategories.isEmpty { fields.append(("merged_categories", .array(c.mergedCategories.map { .string($0) }))) }
        let bins: [JSONOutput] = c.labels.indices.map { i in
            .object([
                ("label", .string(c.labels[i])), ("reference", .number(Double(c.referenceCounts[i]))),
                ("current", .number(Double(c.currentCounts[i])))
            ])
        }
        return fields + [("bins", .array(bins))]
    }

    public static func prometheus(_ d: DriftResult, model: String, timestamp: Int) -> String {
        let m = ("model", model)
        return PrometheusReport.gauge(
            "qgate_drift_statistic", "Drift statistic per column and method (natural log).",
            d.columns.flatMap { c in
                [("psi", c.psi), ("kl", c.kl), ("js", c.js)].compactMap { method, value in
                    value.map { ([m, ("column", c.name), ("method", method)], $0) }
                }
            })
            + PrometheusReport.gauge(
                "qgate_drift_column_drifted", "1 if the column drifted beyond the threshold.",
                d.columns.filter(\.compared).map { ([m, ("column", $0.name)], $0.drifted ? 1 : 0) })
            + (d.config.method.isTest
                ? PrometheusReport.gauge(
                    "qgate_drift_p_value_adjusted", "The column's p-value adjusted across the columns tested; drifted when <= alpha.",
                    d.columns.compactMap { c in c.adjustedPValue.map { ([m, ("column", c.name), ("test", c.test?.rawValue ?? "")], $0) } })
                    + PrometheusReport.gauge(
                        "qgate_drift_alpha", "Significance level: a column drifted when its adjusted p-value is at most this.",
                        [([m, ("method", d.config.method.rawValue), ("correction", d.config.correction.rawValue)], d.config.alpha)])
                : PrometheusReport.gauge(
                    "qgate_drift_threshold", "Threshold of the method that decided drift: a column drifted above it.",
                    [([m, ("method", d.config.method.rawValue)], d.config.effectiveThreshold)]))
            + (d.config.automatic
                ? PrometheusReport.gauge(
                    "qgate_drift_psi_critical", "threshold auto: the PSI noise alone exceeds at the stated confidence, per column.",
                    d.columns.compactMap { c in c.criticalPSI.map { ([m, ("column", c.name)], $0) } })
                : "")
            + PrometheusReport.gauge("qgate_drift_drifted_share", "Share of compared columns that drifted.", [([m], d.driftedShare)])
            + PrometheusReport.gauge("qgate_retrain_triggered", "1 if drift or volume triggered retraining.", [([m], d.retrain ? 1 : 0)])
            + PrometheusReport.gauge("qgate_drift_timestamp_seconds", "Unix time of the drift check.", [([m], Double(timestamp))])
    }

    public static func markdown(_ d: DriftResult, precision: ReportPrecision = .human) -> String {
        var out = "## \(d.retrain ? "🔁" : "✅") qgate drift: \(Markdown.escape(d.reason(precision)))\n\n"
        let decision = decisionColumns(d, precision)
        out += "| Column | Type | Status | \(decision.markdownHeaders.joined(separator: " | ")) | PSI band | Drifted |\n"
        out += "|---|---|---|" + String(repeating: "---|", count: decision.headers.count) + "---|---|\n"
        for c in d.columns where c.role == .feature {
            let cells = decision.cells(c).map(Markdown.escape).joined(separator: " | ")
            out +=
                "| \(Markdown.escape(Sanitize.name(c.name))) | \(c.kind.rawValue) | \(c.status.rawValue) | \(cells) | \(c.psiBand?.text ?? "—") | \(c.drifted ? "yes" : "no") |\n"
        }
        if d.config.automatic || d.config.method.isTest { out += "\nthreshold \(Markdown.escape(d.thresholdText))\n" }
        let notes = roleLines(d, precision) + d.roles.leftOut.map(\.notice) + d.columns.compactMap(\.mergeNotice)
        if !notes.isEmpty { out += "\n" + notes.map { "- " + Markdown.escape($0) + "\n" }.joined() }
        return out
    }

    /// `drift_detected`, `retrain` and the multi-line `drifted_columns`
    /// (a drifted prediction or label column among them: it is why a retrain was dispatched).
    public static func githubOutputs(_ d: DriftResult, delimiter: String) -> String {
        let drifted = d.driftedColumns + [d.prediction, d.label].compactMap { $0 }.filter(\.drifted)
        let names = drifted.map { WorkflowCommandGuard.neutralise(Sanitize.inline($0.name)) }
        var delim = delimiter
        while names.contains(where: { $0.contains(delim) }) { delim += "_" }
        return "drift_detected=\(!drifted.isEmpty)\nretrain=\(d.retrain)\ndrifted_columns<<\(delim)\n"
            + names.map { $0 + "\n" }.joined() + "\(delim)\n"
    }
}
