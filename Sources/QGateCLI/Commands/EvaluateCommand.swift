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
            .value("baseline", "FILE", help: "Metrics of the previous release, for relative gates."),
            .value("format", "FORMAT", help: "Report format.", default: "text", allowed: ["text", "json"]),
            .value("output", "FILE", help: "Write the report to FILE (atomically) instead of stdout; the verdict line still goes to stderr."),
            .flag("fail-on-warning", help: "Exit 1 when a warning-severity condition failed."),
            .value("color", "WHEN", help: "Colour the text report.", default: "auto", allowed: ["auto", "always", "never"]),
        ],
        examples: [
            "qgate evaluate --metrics Examples/sentiment/metrics.json --baseline Examples/sentiment/baseline.json",
            "qgate evaluate --metrics metrics.json --metrics latency.json --format json --output gate.json",
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
        let request = EvaluationRequest(configPath: args.value("config") ?? "quality-gates.yaml",
                                        metricsPaths: metrics, baselinePath: args.value("baseline"))
        let evaluation = try request.run()
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
