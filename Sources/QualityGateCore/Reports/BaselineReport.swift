/// Text and JSON views of the store for `qgate baseline show`, `history` and `verify`.
public enum BaselineReport {
    public static func showText(_ r: HistoryRecord, store: BaselineStore, precision: ReportPrecision = .human) -> String {
        var out = "model     \(Sanitize.name(r.model))\n"
        out += "version   \(Sanitize.name(r.version ?? "?"))\n"
        out += "promoted  \(r.time) (history record \(r.seq))\n"
        out += "commit    \(Sanitize.inline(r.gitCommit ?? "—"))\n"
        out += "metrics   \(Sanitize.inline(r.metricsFile ?? "—")) sha256 \(Sanitize.inline(r.metricsSHA256 ?? "—"))\n"
        for a in r.artifacts {
            out += "artifact  \(Sanitize.inline(a.path)) sha256 \(a.sha256) (\(a.size) bytes)\n"
        }
        out += "\n"
        var table = TextTable([.left, .right])
        table.add(["METRIC", "VALUE"])
        for (name, value) in r.metrics { table.add([Sanitize.name(name), precision.number(value)]) }
        for line in table.render() { out += "  " + line + "\n" }
        return out
    }

    public static func showJSON(_ r: HistoryRecord) -> String {
        String(decoding: BaselineStore.baselineView(of: r), as: UTF8.self)
    }

    public static func historyText(_ records: [HistoryRecord]) -> String {
        var table = TextTable([.right, .left, .left, .left, .left])
        table.add(["SEQ", "TIME", "EVENT", "VERSION", "DETAIL"])
        var notes: [(Int, [String])] = []
        for r in records {
            let detail: String
            switch r.event {
            case .promote:
                detail = "\(r.metrics.count) metrics" + (r.gitCommit.map { " @ \(Sanitize.inline(String($0.prefix(12))))" } ?? "")
            case .rollback: detail = "restores record \(r.restoresSeq ?? 0)"
            case .evaluation:
                detail =
                    (r.verdict ?? "?") + (r.baselineVersion.map { " vs \(Sanitize.name($0))" } ?? "")
                    + (r.gitCommit.map { " @ \(Sanitize.inline(String($0.prefix(12))))" } ?? "")
                let lines = r.format == .v1 ? r.v1Failed : r.failed.map(\.line)
                if !lines.isEmpty { notes.append((table.rows.count, lines.map { Sanitize.name($0) })) }
            }
            table.add([String(r.seq), r.time, r.event.rawValue, Sanitize.name(r.version ?? "—"), detail])
        }
        var out = ""
        for (i, line) in table.render().enumerated() {
            out += "  " + line + "\n"
            if let n = notes.first(where: { $0.0 == i }) {
                for f in n.1 { out += "        " + f + "\n" }
            }
        }
        return out
    }

    /// `qgate baseline verify`: every finding, then the verdict line.
    public static func verificationText(_ v: StoreVerification) -> String {
        var out = ""
        for line in v.ok { out += "✓ \(line)\n" }
        for line in v.notes { out += "! \(line)\n" }
        for line in v.problems { out += "✗ \(line)\n" }
        out += v.passed ? "VERIFIED\n" : "TAMPERED OR MISMATCHED: \(v.problems.count) problem\(v.problems.count == 1 ? "" : "s")\n"
        return out
    }

    public static func historyJSON(_ records: [HistoryRecord]) -> String {
        JSONOutput.array(records.map { r in .object(r.fields() + [("sha256", .string(r.sha256))]) }).rendered()
    }
}
