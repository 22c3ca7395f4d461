import QualityGateCore

/// `qgate baseline history`: the model's promotions, rollbacks and recorded
/// evaluations, or (`--stats`) what they add up to.
enum BaselineHistoryCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline history", abstract: "List promotions, rollbacks and recorded evaluations, or their statistics.",
        discussion: """
            Evaluations are recorded by `qgate evaluate --record`. With --stats: the
            number of evaluations and the share blocked, passed with warnings and
            passed; how often each gate blocked; the median and worst change of each
            gated metric between consecutive releases (worst = furthest in the
            gate's bad direction, from the policy); days between releases; and a bar
            per ISO week. A change compares two releases' recorded metrics, which may
            come from different evaluation data: it shows how the world moved as
            much as how the model did. --format prometheus writes the same as gauges for Grafana.
            """,
        examples: [
            "qgate baseline history --limit 20",
            "qgate baseline history --stats --since 2026-01-01",
            "qgate baseline history --stats --format prometheus > /var/lib/node_exporter/qgate_history.prom"
        ],
        exitCodes: [(0, "listed"), (2, "a broken or unreadable history, or a usage error")])

    /// The listing is text or JSON; the statistics also Markdown and Prometheus.
    enum Format: String, ReportChoice, Sendable {
        case text, json, markdown, prometheus, html
    }

    struct Options: CommandOptions {
        var store = StoreOptions()
        var limit: Int?
        var stats = false
        var since: String?
        var push = PushOptions()
        var format = Format.text
        var precision = ReportPrecisionOption()
        var outputs: [ReportDestination<Format>] = []

        static var declarations: [CommandOption<Self>] {
            [
                StoreOptions.model.within(\.store),
                .value(
                    "limit", "N", \.limit, .integer(from: 1, to: .max, hint: "a positive integer"), help: "Show only the last N records."),
                .flag("stats", \.stats, help: "Summarise the history instead of listing it."),
                .value("since", "YYYY-MM-DD", \.since, .text, help: "With --stats: only records from this day on.")
            ]
                + PushOptions.declarations(pushgatewayHelp: "With --stats: also push the gauges to this Pushgateway (job qgate-history).")
                .within(\.push)
                + [
                    .value("format", "FORMAT", \.format, .choice, help: "Output format (markdown, prometheus and html need --stats)."),
                    .values(
                        "output", "FORMAT=FILE", \.outputs, ReportDestination.formatted,
                        help: "With --stats: also write the statistics to FILE, atomically (repeatable: --output html=history.html).")
                ]
                + [ReportPrecisionOption.option.within(\.precision)]
                + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let name = try o.store.modelName(console)
        let records = try o.store.resolvedStore(console).history(name)
        if o.stats {
            if o.limit != nil {
                throw UsageError(
                    "'--limit' lists records and does not combine with '--stats'", hint: "use --since DATE to narrow the statistics")
            }
            // The policy, when there is one, names each gate's metric and its good direction.
            let policy = try o.store.config.loadIfPresent(today: console.clock.today())
            let stats = try ReleaseStatistics.compute(records, model: name.value, since: o.since, policy: policy)
            let timestamp = console.clock.epochSeconds()
            func render(_ format: Format) -> String {
                switch format {
                case .json: return ReleaseStatisticsReport.json(stats)
                case .markdown: return ReleaseStatisticsReport.markdown(stats, precision: o.precision.precision)
                case .prometheus: return ReleaseStatisticsReport.prometheus(stats, timestamp: timestamp)
                case .text: return ReleaseStatisticsReport.text(stats, precision: o.precision.precision)
                case .html: return HTMLHistoryReport.render(stats, records: records, policy: policy)
                }
            }
            try Publishing.publish(
                push: o.push,
                pushed: PushedMetrics(job: "qgate-history", model: name.value, what: "release statistics") {
                    ReleaseStatisticsReport.prometheus(stats, timestamp: timestamp)
                },
                reports: o.outputs.map { output in (output.path, { render(output.format ?? o.format) }) }, github: nil, console: console)
            console.writeOut(render(o.format))
            return ExitCode.allowed
        }
        if !o.outputs.isEmpty { throw UsageError("'--output' needs '--stats'", hint: "add --stats") }
        if o.format == .markdown || o.format == .prometheus || o.format == .html || o.since != nil || o.push.pushgateway != nil {
            throw UsageError("'--format \(o.format.rawValue)', '--since' and '--pushgateway' need '--stats'", hint: "add --stats")
        }
        let listed = o.limit.map { Array(records.suffix($0)) } ?? records
        console.writeOut(o.format == .json ? BaselineReport.historyJSON(listed) : BaselineReport.historyText(listed))
        return ExitCode.allowed
    }
}
