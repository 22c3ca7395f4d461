import QualityGateCore

/// `qgate baseline promote|show|history|rollback|verify`: the store of released
/// baselines and their tamper-evident history.
enum BaselineCommands {
    static let storeOption = OptionSpec.value("store", "DIR", help: "The baseline store: a directory, or git:BRANCH for a branch of the remote origin (default: $QGATE_STORE, else .qgate).")
    static let modelOption = OptionSpec.value("model", "NAME", help: "The model (default: the policy's `model:`).")
    static let configOption = OptionSpec.value("config", "FILE", help: "The policy file, for the default model name.", default: "quality-gates.yaml")
    static let formatOption = OptionSpec.value("format", "FORMAT", help: "Output format.", default: "text", allowed: ["text", "json"])

    static let promote = CommandSpec(
        name: "baseline promote",
        abstract: "Record a model's metrics as its released baseline.",
        discussion: """
            Appends a promotion to the model's hash-chained history (version, time,
            git commit from $GITHUB_SHA or `git rev-parse HEAD`, the metrics file's
            SHA-256 and each artifact's SHA-256 and size) and makes it the baseline
            that relative gates compare against. Writes are atomic and serialized by
            a lock, so concurrent CI jobs are safe.
            """,
        options: [
            .value("metrics", "FILE", help: "Metrics of the released model. Required."),
            modelOption,
            .value("version", "V", help: "Release version to record (default: r<record number>)."),
            .value("artifact", "FILE", repeatable: true, help: "A release artifact whose SHA-256 and size to record."),
            .flag("require-pass", help: "Evaluate the policy against the current baseline first; refuse (exit 1) a blocked model."),
            configOption, storeOption,
        ],
        examples: ["qgate baseline promote --metrics metrics.json --version 1.4.0 --artifact model.onnx --require-pass"],
        exitCodes: [(0, "promoted"), (1, "refused by --require-pass: the model is blocked"), (2, "usage, input or store error")])

    static let show = CommandSpec(
        name: "baseline show", abstract: "Show the current baseline of a model.", discussion: "",
        options: [modelOption, formatOption, configOption, storeOption],
        examples: ["qgate baseline show --model sentiment-classifier --format json"],
        exitCodes: [(0, "shown"), (2, "no baseline, or a store error")])

    static let history = CommandSpec(
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
        options: [modelOption, .value("limit", "N", help: "Show only the last N records."),
                  .flag("stats", help: "Summarise the history instead of listing it."),
                  .value("since", "YYYY-MM-DD", help: "With --stats: only records from this day on."),
                 ] + PushOptions.options(pushgatewayHelp: "With --stats: also push the gauges to this Pushgateway (job qgate-history).") + [
                  .value("format", "FORMAT", help: "Output format (markdown and prometheus need --stats).", default: "text",
                         allowed: ["text", "json", "markdown", "prometheus"]),
                  configOption, storeOption],
        examples: ["qgate baseline history --limit 20",
                   "qgate baseline history --stats --since 2026-01-01",
                   "qgate baseline history --stats --format prometheus > /var/lib/node_exporter/qgate_history.prom"],
        exitCodes: [(0, "listed"), (2, "a broken or unreadable history, or a usage error")])

    static let rollback = CommandSpec(
        name: "baseline rollback", abstract: "Make an earlier promotion the current baseline again.",
        discussion: "Recorded as a new history event; nothing is deleted.",
        options: [modelOption, .value("to", "VERSION", help: "The version to restore (default: the promotion before the current one)."),
                  configOption, storeOption],
        examples: ["qgate baseline rollback --to 1.3.0"],
        exitCodes: [(0, "rolled back"), (2, "no such version, or a store error")])

    static let verify = CommandSpec(
        name: "baseline verify", abstract: "Check the history's hash chain, the baseline file and artifacts.",
        discussion: """
            Detects an edited, reordered or deleted history record, a record whose
            baseline hash is not that of its own metrics, times that go backwards, a
            modified baseline file, and artifacts that differ from the hashes
            recorded when the current baseline was promoted. With QGATE_HISTORY_KEY
            set, also unsigned or wrongly signed records and a history cut short or
            deleted (checked against the signed head, head.json). A baseline file
            left behind by interrupted writes is a note, not a failure.
            """,
        options: [modelOption, .value("artifact", "FILE", repeatable: true, help: "An artifact to check against the recorded SHA-256."),
                  configOption, storeOption],
        examples: ["qgate baseline verify --artifact model.onnx"],
        exitCodes: [(0, "everything matches"), (1, "a mismatch or tampering, named in the output"), (2, "usage or store error")])

    static let sign = CommandSpec(
        name: "baseline sign", abstract: "Sign a history written before QGATE_HISTORY_KEY was introduced.",
        discussion: """
            With QGATE_HISTORY_KEY set, every history record must carry an HMAC and
            the history must match the store's signed head. This adopts a history
            that has no signature yet: it signs every record as it stands and enters
            the model in the signed head. Run `qgate baseline verify` first: signing
            vouches for the history as it is. A history already signed is refused.
            """,
        options: [modelOption, configOption, storeOption],
        examples: ["QGATE_HISTORY_KEY=... qgate baseline sign --model sentiment-classifier"],
        exitCodes: [(0, "signed"), (2, "no key, nothing to sign, already signed, or a store error")])

    static let all = [promote, show, history, rollback, verify, sign]

    static func store(_ args: ParsedArguments, _ console: Console) throws -> BaselineStore {
        try BaselineStore.open(option: args.value("store"), environment: console.environment, clock: console.clock)
    }

    /// A write after the commit point failed: the change stands, so this is a
    /// warning and exit 0 (a CI retry would otherwise make the change twice).
    static func warn(_ console: Console) -> (String) -> Void {
        { console.writeErr("qgate: warning: \($0)\n") }
    }

    /// `--model`, else the policy's `model:`.
    static func model(_ args: ParsedArguments, _ console: Console) throws -> ModelName {
        if let m = args.value("model") { return try ModelName(m) }
        let config = args.value("config") ?? "quality-gates.yaml"
        let policy = try PolicyLoader.load(path: config, today: console.clock.today())
        guard let m = policy.model else {
            throw BaselineError(.noModelName(policy: config))
        }
        return try ModelName(m)
    }

    static func run(_ spec: CommandSpec, _ args: ParsedArguments, console: Console) throws -> Int32 {
        switch spec.name {
        case promote.name: return try runPromote(args, console: console)
        case show.name:
            let name = try model(args, console)
            let store = try store(args, console)
            guard let record = try store.currentBaseline(name) else {
                throw BaselineError(.noBaseline(name, in: store.locationName),
                                    hint: "record one with `qgate baseline promote --metrics FILE`")
            }
            console.writeOut(args.value("format") == "json" ? BaselineReport.showJSON(record)
                                                             : BaselineReport.showText(record, store: store))
            return ExitCode.allowed
        case history.name:
            let push = try PushOptions.target(args, command: spec.name)
            let name = try model(args, console)
            var records = try store(args, console).history(name)
            let format = args.value("format") ?? "text"
            if args.flag("stats") {
                if args.value("limit") != nil {
                    throw UsageError("'--limit' lists records and does not combine with '--stats'", command: spec.name, hint: "use --since DATE to narrow the statistics")
                }
                // The policy, when there is one, names each gate's metric and its good direction.
                let config = args.value("config") ?? "quality-gates.yaml"
                let policy = args.value("config") != nil || FileSystem.exists(config) ? try PolicyLoader.load(path: config, today: console.clock.today()) : nil
                let stats = try ReleaseStatistics.compute(records, model: name.value, since: args.value("since"), policy: policy)
                switch format {
                case "json": console.writeOut(ReleaseStatisticsReport.json(stats))
                case "markdown": console.writeOut(ReleaseStatisticsReport.markdown(stats))
                case "prometheus": console.writeOut(ReleaseStatisticsReport.prometheus(stats, timestamp: console.clock.epochSeconds()))
                default: console.writeOut(ReleaseStatisticsReport.text(stats))
                }
                if let push {
                    try Pushgateway.push(ReleaseStatisticsReport.prometheus(stats, timestamp: console.clock.epochSeconds()), model: name.value, url: push.url,
                                         job: "qgate-history", timeout: push.timeout)
                    console.writeErr("qgate: release statistics pushed to \(Sanitize.inline(push.url))\n")
                }
                return ExitCode.allowed
            }
            if format == "markdown" || format == "prometheus" || args.value("since") != nil || args.value("pushgateway") != nil {
                throw UsageError("'--format \(format)', '--since' and '--pushgateway' need '--stats'", command: spec.name, hint: "add --stats")
            }
            if let limitText = args.value("limit") {
                guard let limit = Int(limitText), limit > 0 else {
                    throw UsageError("invalid value '\(Sanitize.inline(limitText))' for '--limit'", command: spec.name, hint: "a positive integer")
                }
                records = Array(records.suffix(limit))
            }
            console.writeOut(args.value("format") == "json" ? BaselineReport.historyJSON(records) : BaselineReport.historyText(records))
            return ExitCode.allowed
        case rollback.name:
            let r = try store(args, console).rollback(try model(args, console), to: args.value("to"), warn: warn(console))
            console.writeOut("rolled back \(Sanitize.inline(r.model)) to version \(Sanitize.inline(r.version ?? "?")) (history record \(r.seq))\n")
            return ExitCode.allowed
        case sign.name:
            let name = try model(args, console)
            let count = try store(args, console).sign(name)
            console.writeOut("signed \(count) history record\(count == 1 ? "" : "s") of \(Sanitize.inline(name.value))\n")
            return ExitCode.allowed
        default:
            let v = try StoreVerification.run(store: store(args, console), model: try model(args, console), artifacts: args.all("artifact"))
            console.writeOut(BaselineReport.verificationText(v))
            return ExitCode.of(v)
        }
    }

    static func runPromote(_ args: ParsedArguments, console: Console) throws -> Int32 {
        guard let metrics = args.value("metrics") else {
            throw UsageError("missing '--metrics FILE'", command: promote.name, hint: "pass the metrics of the model being released")
        }
        let request = PromotionRequest(
            store: try store(args, console), model: args.value("model"), configPath: args.value("config") ?? "quality-gates.yaml",
            metricsPath: metrics, version: args.value("version"), artifacts: args.all("artifact"),
            requirePass: args.flag("require-pass"), environment: console.environment)
        switch try request.run() {
        case .refused(let evaluation):
            console.writeOut(TextReport.render(evaluation))
            console.writeErr("qgate: not promoted — \(evaluation.verdictLine)\n")
            return ExitCode.blocked
        case .promoted(let record, _, let dropped, let warnings):
            warnings.forEach(warn(console))
            if !dropped.isEmpty {
                console.writeErr("qgate: not recorded (not finite): \(dropped.map(Sanitize.inline).joined(separator: ", "))\n")
            }
            console.writeOut("promoted \(Sanitize.inline(record.model)) version \(Sanitize.inline(record.version ?? "?")) (history record \(record.seq), \(record.metrics.count) metrics, \(record.artifacts.count) artifacts)\n")
            return ExitCode.allowed
        }
    }
}

extension BaselineError.Message {
    fileprivate static func noBaseline(_ model: ModelName, in directory: String) -> Self {
        Self("model \(Sanitize.quoted(model.value)) has no baseline in \(Sanitize.quoted(directory))")
    }
}
