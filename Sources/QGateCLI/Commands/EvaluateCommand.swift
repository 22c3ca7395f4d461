import QualityGateCore

/// `qgate evaluate`: arguments in, `EvaluationRequest.run()`, report out.
enum EvaluateCommand {
    static let spec = CommandSpec(
        name: "evaluate",
        abstract: "Check a model's metrics against the policy; exit 1 blocks the release.",
        discussion: """
            Reads the policy (quality-gates.yaml), the metrics written by training or
            evaluation, and optionally the baseline (the metrics of the last released
            model) for relative gates. Prints a report and exits 0 when the release is
            allowed, 1 when a critical gate failed, 2 on any usage, configuration or
            input error.
            """,
        options: [
            .value("config", "FILE", help: "The policy file.", default: "quality-gates.yaml"),
            .value("metrics", "FILE", repeatable: true,
                   help: "Metrics JSON (or YAML) of the candidate model. Repeat to merge several files; a metric in two files is an error. Required."),
            .value("baseline", "FILE", help: "Metrics of the previous release, for relative gates (overrides the store)."),
            .value("baseline-ref", "REF[:PATH]",
                   help: "Read the baseline from git: the metrics file (PATH, default: the first --metrics path) as it was at revision REF, e.g. the last release tag."),
            .value("store", "DIR", help: "Baseline store; its current baseline of the policy's model is used when no --baseline is given (default: $QGATE_STORE, else .qgate)."),
            .flag("record", help: "Append this evaluation's verdict and failing conditions to the model's history in the store."),
            .value("format", "FORMAT", help: "Report format.", default: "text", allowed: ["text", "json"]),
            .value("output", "FILE", help: "Write the report to FILE (atomically) instead of stdout; the verdict line still goes to stderr."),
            .flag("fail-on-warning", help: "Exit 1 when a warning-severity condition failed."),
            .value("color", "WHEN", help: "Colour the text report.", default: "auto", allowed: ["auto", "always", "never"]),
        ],
        examples: [
            "qgate evaluate --metrics Examples/sentiment/metrics.json --baseline Examples/sentiment/baseline.json",
            "qgate evaluate --metrics metrics.json --metrics latency.json --format json --output gate.json",
            "qgate evaluate --metrics eval/metrics.json --baseline-ref v1.3.0 --record",
        ],
        exitCodes: [(0, "release allowed (warnings allowed unless --fail-on-warning)"),
                    (1, "release blocked: a critical condition failed"),
                    (2, "usage, configuration or input error")])

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        let metrics = args.all("metrics")
        guard !metrics.isEmpty else {
            throw UsageError("missing '--metrics FILE'", command: spec.name,
                             hint: "pass the metrics.json written by your evaluation step")
        }
        let store = BaselineStore.resolve(option: args.value("store"), environment: console.environment)
        let source: EvaluationRequest.BaselineSource
        switch (args.value("baseline"), args.value("baseline-ref")) {
        case (.some, .some):
            throw UsageError("'--baseline' and '--baseline-ref' cannot be used together", command: spec.name)
        case (.some(let file), nil):
            source = .file(file)
        case (nil, .some(let refSpec)):
            let parts = refSpec.split(separator: ":", maxSplits: 1).map(String.init)
            source = .gitRef(ref: parts.first ?? refSpec, path: parts.count > 1 ? parts[1] : metrics[0])
        case (nil, nil):
            source = store.exists ? .store(store) : .none
        }
        let request = EvaluationRequest(configPath: args.value("config") ?? "quality-gates.yaml",
                                        metricsPaths: metrics, baselineSource: source)
        let evaluation = try request.run()
        if args.flag("record") {
            guard let modelText = evaluation.policy.model else {
                throw BaselineError("--record needs a model name: set `model:` in the policy")
            }
            let hashes = try metrics.map { try FileSystem.sha256(ofFile: $0).hex }
            let record = try store.record(evaluation, model: try ModelName(modelText), metricsSHA256: hashes.joined(separator: ","))
            console.writeErr("qgate: evaluation recorded in \(Sanitize.inline(store.directory)) (history record \(record.seq))\n")
        }
        let failOnWarning = args.flag("fail-on-warning")
        let output = args.value("output")
        let report: String
        if args.value("format") == "json" {
            report = JSONReport.render(evaluation, failOnWarning: failOnWarning)
        } else {
            let color = output == nil && TerminalStyle.shouldColor(
                mode: args.value("color") ?? "auto", isTTY: console.stdoutIsTTY, environment: console.environment)
            report = TextReport.render(evaluation, style: TerminalStyle(enabled: color))
        }
        if let output {
            try FileSystem.writeAtomically(Array(report.utf8), to: output)
            console.writeErr("qgate: \(evaluation.verdictLine) (report written to \(Sanitize.inline(output)))\n")
        } else {
            console.writeOut(report)
        }
        return evaluation.exitCode(failOnWarning: failOnWarning)
    }
}
