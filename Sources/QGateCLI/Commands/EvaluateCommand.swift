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
        options: [BaselineOptions.config, BaselineOptions.metrics] + BaselineOptions.options + [
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
        let metrics = try BaselineOptions.requireMetrics(args, command: spec.name)
        let (store, source) = try BaselineOptions.source(args, metrics: metrics, command: spec.name, console: console)
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
