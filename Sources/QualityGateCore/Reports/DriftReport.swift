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
        // Under `threshold: auto`, the χ² critical PSI and the p-value after the statistic.
        let test: [TextTable.Alignment] = c.automatic ? [.right, .right] : []
        var table = TextTable([.left, .left, .left, .left, .right] + test + [.left, .right, .right, .left])
        table.add(
            ["", "COLUMN", "TYPE", "STATUS", c.method.rawValue.uppercased()] + (c.automatic ? ["PSI CRITICAL", "P-VALUE"] : [])
                + ["PSI BAND", "KL", "JS", "MISSING ref → cur"])
        let features = d.columns.filter { $0.role == .feature }
        for col in features {
            let mark = col.drifted ? "✗" : (col.status == .missingInReference ? "-" : "✓")
            table.add(
                [
                    mark, Sanitize.name(col.name), col.kind.rawValue, col.status.rawValue, d.statisticText(col, precision) ?? "—"
                ] + (c.automatic ? [f(col.criticalPSI), f(col.pValue)] : []) + [
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

    /// `threshold_mode` and `confidence` after `threshold`, under `threshold: auto`.
    static func withThresholdMode(_ config: DriftConfig, _ fields: [(String, JSONOutput)]) -> [(String, JSONOutput)] {
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
            + PrometheusReport.gauge(
                "qgate_drift_threshold", "Threshold of the method that decided drift: a column drifted above it.",
                [([m, ("method", d.config.method.rawValue)], d.config.effectiveThreshold)])
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
        let auto = d.config.automatic
        out +=
            "| Column | Type | Status | \(d.config.method.rawValue.uppercased()) | \(auto ? "PSI critical | p-value | " : "")PSI band | Drifted |\n"
        out += "|---|---|---|---|\(auto ? "---|---|" : "")---|---|\n"
        let f: (Double?) -> String = { $0.map(precision.number) ?? "—" }
        for c in d.columns where c.role == .feature {
            let test = auto ? "\(f(c.criticalPSI)) | \(f(c.pValue)) | " : ""
            out +=
                "| \(Markdown.escape(Sanitize.name(c.name))) | \(c.kind.rawValue) | \(c.status.rawValue) | \(d.statisticText(c, precision) ?? "—") | \(test)\(c.psiBand?.text ?? "—") | \(c.drifted ? "yes" : "no") |\n"
        }
        if auto { out += "\nthreshold \(Markdown.escape(d.thresholdText))\n" }
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
