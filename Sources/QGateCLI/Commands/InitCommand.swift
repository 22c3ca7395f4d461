import QualityGateCore

/// `qgate init`: write a first, commented quality-gates.yaml.
enum InitCommand: QGateCommand {
    static let about = CommandAbout(
        name: "init",
        abstract: "Write a first quality-gates.yaml, one gate per metric of an evaluation.",
        discussion: """
            With --from, every quality metric of the evaluation gets a gate: its
            direction inferred from the name (loss, error, latency, time, rmse, mae,
            ece, brier, ... are lower-is-better), an absolute bound at today's value
            and a relative tolerance against the last release. Counts and
            uncertainty claims get none. Without --from, a one-gate template.
            The file is a starting point: review each bound, then run
            `qgate validate` and `qgate synth-test`. An existing file is kept
            unless --force is given.
            """,
        examples: [
            "qgate init --from eval/metrics.json --model sentiment-classifier",
            "qgate init --print > quality-gates.yaml"
        ],
        exitCodes: [(0, "the policy was written"), (2, "the file exists, or a usage or input error")])

    struct Options: CommandOptions {
        var from: String?
        var model: String?
        var config = PolicyFile()
        var force = false
        var print = false

        static var declarations: [CommandOption<Self>] {
            [
                .value("from", "FILE", \.from, .text, help: "Metrics (JSON or YAML) of the evaluation the gates start from."),
                .value(
                    "model", "NAME", \.model, .text, help: "The model's name in the baseline store (default: the current directory's name)."
                ),
                .value("config", "FILE", \.config, .policyFile, help: "Where to write the policy."),
                .flag("force", \.force, help: "Replace an existing file."),
                .flag("print", \.print, help: "Write the policy to stdout instead of a file.")
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let model = try modelName(o.model, console: console)
        let metrics = try o.from.map { try MetricsLoader.load(path: $0) }
        let text = PolicyStarter.policy(
            for: metrics,
            options: PolicyStarter.Options(model: model.value, source: o.from, date: Clock.isoDate(day: console.clock.today())))
        // What init writes must pass `qgate validate`: check before writing anything.
        let policy = try PolicyLoader.parse(Array(text.utf8), file: o.config.path, today: console.clock.today())
        if o.print {
            console.writeOut(text)
            return ExitCode.allowed
        }
        if !o.force, try FileSystem.existsStrict(o.config.path) {
            throw UsageError(
                "\(Sanitize.quoted(o.config.path)) already exists", command: about.name,
                hint: "pass --force to replace it, --config FILE to write elsewhere, or --print to see the policy")
        }
        try FileSystem.writeAtomically(Array(text.utf8), to: o.config.path)
        console.writeErr(
            "qgate: wrote \(Sanitize.inline(o.config.path)) (\(policy.gates.count) gate\(policy.gates.count == 1 ? "" : "s")); review each bound, then run `qgate validate`\n"
        )
        return ExitCode.allowed
    }

    /// `--model`, else the current directory's name when it is a valid model name.
    private static func modelName(_ option: String?, console: Console) throws -> ModelName {
        if let option { return try ModelName(option) }
        let directory = console.environment["PWD"].flatMap { $0.split(separator: "/").last.map(String.init) }
        if let named = try? ModelName(directory ?? "") { return named }
        return try ModelName("model")
    }
}
