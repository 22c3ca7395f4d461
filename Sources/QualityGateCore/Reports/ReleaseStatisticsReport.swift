/// `qgate baseline history --stats` as text, JSON, Markdown and Prometheus
/// gauges (for the Grafana dashboard).
public enum ReleaseStatisticsReport {
    static func percent(_ part: Int, of total: Int) -> String {
        total > 0 ? NumberFormatting.rounded(100 * Double(part) / Double(total), significantDigits: 3) + "%" : "—"
    }

    static func signed(_ x: Double, _ precision: ReportPrecision) -> String { (x > 0 ? "+" : "") + precision.difference(x) }

    static func days(_ x: Double) -> String { NumberFormatting.rounded(x, significantDigits: 3) }

    /// `▁▂▃▄▅▆▇█`, one character per value, scaled to the largest.
    static func sparkline(_ values: [Double]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = values.max() ?? 0
        return String(values.map { top > 0 ? blocks[min(7, Int(($0 / top) * 7 + 0.5))] : blocks[0] })
    }

    public static func text(_ s: ReleaseStatistics, precision: ReportPrecision = .human) -> String {
        var out = "Release statistics for \(Sanitize.name(s.model))" + (s.since.map { " since \($0)" } ?? "") + "\n\n"
        var summary = TextTable([.left, .right, .left])
        summary.add(["evaluations", String(s.evaluations), ""])
        summary.add(["  blocked", String(s.blocked), percent(s.blocked, of: s.evaluations)])
        summary.add(["  passed with warnings", String(s.passedWithWarnings), percent(s.passedWithWarnings, of: s.evaluations)])
        summary.add(["  passed", String(s.passed), percent(s.passed, of: s.evaluations)])
        summary.add(["releases (promotions)", String(s.promotions), ""])
        summary.add(["rollbacks", String(s.rollbacks), ""])
        if !s.releaseIntervals.isEmpty {
            let sorted = s.releaseIntervals.sorted()
            summary.add([
                "days between releases", days(ReleaseStatistics.median(sorted)), "median; longest \(days(sorted[sorted.count - 1]))"
            ])
        }
        for line in summary.render() { out += "  " + String(line.reversed().drop { $0 == " " }.reversed()) + "\n" }
        if !s.gates.isEmpty {
            out += "\nGates that failed, most blocking first\n"
            var t = TextTable([.left, .left, .right, .right, .right])
            t.add(["GATE", "METRIC", "BLOCKED", "RATE", "WARNINGS"])
            for g in s.gates {
                t.add([
                    Sanitize.name(g.gate), Sanitize.name(g.metric), String(g.blocking), percent(g.blocking, of: s.evaluations),
                    String(g.warnings)
                ])
            }
            for line in t.render() { out += "  " + line + "\n" }
        }
        if !s.metrics.isEmpty {
            out += "\nChange of gated metrics between consecutive releases\n"
            var t = TextTable([.left, .left, .right, .right, .right])
            t.add(["METRIC", "BETTER", "CHANGES", "MEDIAN", "WORST"])
            for m in s.metrics {
                t.add([
                    Sanitize.name(m.metric), m.direction.rawValue, String(m.changes), signed(m.median, precision),
                    signed(m.worst, precision)
                ])
            }
            for line in t.render() { out += "  " + line + "\n" }
        }
        if !s.weeks.isEmpty {
            out += "\nPer week (█ passed, ▒ blocked; bars scaled to the busiest week)\n"
            let busiest = max(1, s.weeks.map(\.evaluations).max() ?? 1)
            let scale = min(1.0, 40.0 / Double(busiest))
            var t = TextTable([.left, .left, .left])
            for w in s.weeks {
                let blocked = Int((Double(w.blocked) * scale).rounded(.up))
                let passed = Int((Double(w.evaluations - w.blocked) * scale).rounded(.up))
                let bar = String(repeating: "█", count: passed) + String(repeating: "▒", count: blocked)
                t.add([w.start, bar, "\(w.evaluations) evaluated, \(w.blocked) blocked, \(w.promotions) released"])
            }
            for line in t.render() { out += "  " + line + "\n" }
            let shares = s.weeks.map { $0.evaluations > 0 ? Double($0.blocked) / Double($0.evaluations) : 0 }
            out += "\n  blocked share per week  " + sparkline(shares) + "\n"
        }
        return out
    }

    public static func json(_ s: ReleaseStatistics) -> String {
        let intervals = s.releaseIntervals.sorted()
        return JSONOutput.object([
            ("schema", .string("qgate.release-statistics/v1")),
            ("model", .string(s.model)),
            ("since", .optional(s.since)),
            ("evaluations", .number(Double(s.evaluations))),
            ("blocked", .number(Double(s.blocked))),
            ("passed_with_warnings", .number(Double(s.passedWithWarnings))),
            ("passed", .number(Double(s.passed))),
            ("blocked_share", .optional(s.blockedShare)),
            ("promotions", .number(Double(s.promotions))),
            ("rollbacks", .number(Double(s.rollbacks))),
            (
                "days_between_releases",
                .object([
                    ("median", .optional(intervals.isEmpty ? nil : ReleaseStatistics.median(intervals))),
                    ("max", .optional(intervals.last))
                ])
            ),
            (
                "gates",
                .array(
                    s.gates.map { g in
                        .object([
                            ("gate", .string(g.gate)), ("metric", .string(g.metric)), ("blocked", .number(Double(g.blocking))),
                            ("blocking_rate", .optional(s.evaluations > 0 ? Double(g.blocking) / Double(s.evaluations) : nil)),
                            ("warnings", .number(Double(g.warnings)))
                        ])
                    })
            ),
            (
                "metric_changes",
                .array(
                    s.metrics.map { m in
                        .object([
                            ("metric", .string(m.metric)), ("better", .string(m.direction.rawValue)),
                            ("changes", .number(Double(m.changes))),
                            ("median", .number(m.median)), ("worst", .number(m.worst))
                        ])
                    })
            ),
            (
                "weeks",
                .array(
                    s.weeks.map { w in
                        .object([
                            ("start", .string(w.start)), ("evaluations", .number(Double(w.evaluations))),
                            ("blocked", .number(Double(w.blocked))),
                            ("promotions", .number(Double(w.promotions)))
                        ])
                    })
            )
        ]).rendered() + "\n"
    }

    public static func markdown(_ s: ReleaseStatistics, precision: ReportPrecision = .human) -> String {
        var out = "### Release statistics: \(Markdown.escape(Sanitize.name(s.model)))" + (s.since.map { " since \($0)" } ?? "") + "\n\n"
        let intervals = s.releaseIntervals.sorted()
        let interval =
            intervals.isEmpty ? "—" : "\(days(ReleaseStatistics.median(intervals))) (longest \(days(intervals[intervals.count - 1])))"
        out +=
            "| Evaluations | Blocked | Passed with warnings | Passed | Releases | Rollbacks | Days between releases |\n|--:|--:|--:|--:|--:|--:|--:|\n"
        out +=
            "| \(s.evaluations) | \(s.blocked) (\(percent(s.blocked, of: s.evaluations))) | \(s.passedWithWarnings) (\(percent(s.passedWithWarnings, of: s.evaluations)))"
            + " | \(s.passed) (\(percent(s.passed, of: s.evaluations))) | \(s.promotions) | \(s.rollbacks) | \(interval) |\n"
        if !s.gates.isEmpty {
            out += "\n| Gate | Metric | Blocked | Rate | Warnings |\n|---|---|--:|--:|--:|\n"
            for g in s.gates {
                out +=
                    "| \(Markdown.escape(Sanitize.name(g.gate))) | \(Markdown.escape(Sanitize.name(g.metric))) | \(g.blocking) | \(percent(g.blocking, of: s.evaluations)) | \(g.warnings) |\n"
            }
        }
        if !s.metrics.isEmpty {
            out += "\n| Metric | Better | Changes | Median change | Worst change |\n|---|---|--:|--:|--:|\n"
            for m in s.metrics {
                out +=
                    "| \(Markdown.escape(Sanitize.name(m.metric))) | \(m.direction.rawValue) | \(m.changes) | \(signed(m.median, precision)) | \(signed(m.worst, precision)) |\n"
            }
        }
        if !s.weeks.isEmpty {
            let shares = s.weeks.map { $0.evaluations > 0 ? Double($0.blocked) / Double($0.evaluations) : 0 }
            out += "\nBlocked share per week (from \(s.weeks[0].start)): `\(sparkline(shares))`\n"
        }
        return out
    }

    public static func prometheus(_ s: ReleaseStatistics, timestamp: Int) -> String {
        var out = ""
        let model = ("model", s.model)
        func family(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
            out += PrometheusReport.gauge(name, help, samples)
        }
        family(
            "qgate_history_evaluations", "Recorded evaluations in the history window, by verdict.",
            [
                ([model, ("verdict", "blocked")], Double(s.blocked)),
                ([model, ("verdict", "passed_with_warnings")], Double(s.passedWithWarnings)),
                ([model, ("verdict", "passed")], Double(s.passed))
            ])
        family("qgate_history_blocked_ratio", "Share of recorded evaluations that were blocked.", [([model], s.blockedShare ?? .nan)])
        family("qgate_history_promotions", "Promotions (releases) in the history window.", [([model], Double(s.promotions))])
        family("qgate_history_rollbacks", "Rollbacks in the history window.", [([model], Double(s.rollbacks))])
        family(
            "qgate_history_gate_blocked", "Evaluations a gate blocked (a critical condition failed).",
            s.gates.map { ([model, ("gate", $0.gate), ("metric", $0.metric)], Double($0.blocking)) })
        family(
            "qgate_history_gate_blocking_ratio", "Share of evaluations a gate blocked.",
            s.gates.map {
                ([model, ("gate", $0.gate), ("metric", $0.metric)], s.evaluations > 0 ? Double($0.blocking) / Double(s.evaluations) : .nan)
            })
        family(
            "qgate_history_metric_change",
            "Change of a gated metric between consecutive releases (median, and worst in the bad direction).",
            s.metrics.flatMap {
                [
                    ([model, ("metric", $0.metric), ("stat", "median")], $0.median),
                    ([model, ("metric", $0.metric), ("stat", "worst")], $0.worst)
                ]
            })
        // Seconds, Prometheus' base unit (promtool rejects a `_days` name); the
        // intervals are whole seconds kept in days, so round the conversion back.
        let intervals = s.releaseIntervals.map { ($0 * 86_400).rounded() }.sorted()
        if !intervals.isEmpty {
            family(
                "qgate_history_release_interval_seconds", "Seconds between consecutive promotions.",
                [
                    ([model, ("stat", "median")], ReleaseStatistics.median(intervals)),
                    ([model, ("stat", "max")], intervals[intervals.count - 1])
                ])
        }
        family("qgate_history_stats_timestamp_seconds", "Unix time the statistics were computed.", [([model], Double(timestamp))])
        return out
    }
}
