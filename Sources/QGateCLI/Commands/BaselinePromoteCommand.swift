import QualityGateCore

/// `qgate baseline promote`: record a model's metrics as its released baseline.
enum BaselinePromoteCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline promote",
        abstract: "Record a model's metrics as its released baseline.",
        discussion: """
            Appends a promotion to the model's hash-chained history (version, time,
            git commit from $GITHUB_SHA or `git rev-parse HEAD`, the metrics file's
            SHA-256 and each artifact's SHA-256 and size) and makes it the baseline
            that relative gates compare against. Writes are atomic and serialized by
            a lock, so concurrent CI jobs are safe. The version is --version, else
            the metrics file's `version` key, else r<record number>; a version
            already promoted is refused unless --force.
            """,
        examples: ["qgate baseline promote --metrics metrics.json --version 1.4.0 --artifact model.onnx --require-pass"],
        exitCodes: [(0, "promoted"), (1, "refused by --require-pass: the model is blocked"), (2, "usage, input or store error")])

    struct Options: CommandOptions {
        var metrics: String?
        var version: String?
        var artifacts: [String] = []
        var requirePass = false
        var force = false
        var store = StoreOptions()

        static var declarations: [CommandOption<Self>] {
            [
                .value("metrics", "FILE", \.metrics, .text, help: "Metrics of the released model. Required."),
                StoreOptions.model.within(\.store),
                .value(
                    "version", "V", \.version, .text,
                    help: "Release version to record (default: the metrics file's `version` key, else r<record number>)."),
                .values("artifact", "FILE", \.artifacts, .text, help: "A release artifact whose SHA-256 and size to record."),
                .flag(
                    "require-pass", \.requirePass,
                    help: "Evaluate the policy against the current baseline first; refuse (exit 1) a blocked model."),
                .flag(
                    "force", \.force,
                    help:
                        "Record a second promotion of a version already in the history (rollback --to VERSION then restores the latest)."
                )
            ]
                + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        guard let metrics = o.metrics else {
            throw UsageError.missing("--metrics FILE", hint: "pass the metrics of the model being released")
        }
        let request = PromotionRequest(
            store: try o.store.resolvedStore(console), model: o.store.model, configPath: o.store.config.path,
            metricsPath: metrics, version: o.version, artifacts: o.artifacts,
            requirePass: o.requirePass, environment: console.environment, repeatingVersion: o.force)
        switch try request.run() {
        case .refused(let evaluation):
            console.writeOut(TextReport.render(evaluation))
            console.writeErr("qgate: not promoted — \(evaluation.verdictLine)\n")
            return ExitCode.blocked
        case .promoted(let record, _, let dropped, let warnings):
            warnings.forEach(StoreOptions.warn(console))
            if !dropped.isEmpty {
                console.writeErr("qgate: not recorded (not finite): \(dropped.map(Sanitize.inline).joined(separator: ", "))\n")
            }
            console.writeOut(
                "promoted \(Sanitize.inline(record.model)) version \(Sanitize.inline(record.version ?? "?")) (history record \(record.seq), \(record.metrics.count) metrics, \(record.artifacts.count) artifacts)\n"
            )
            return ExitCode.allowed
        }
    }
}
