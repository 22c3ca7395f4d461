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
            .value("format", "FORMAT", help: "Report format on stdout.", default: "text",
                   allowed: ReportFormat.allCases.map(\.rawValue)),
            .value("output", "[FORMAT=]FILE", repeatable: true,
                   help: "Also write a report to FILE, atomically (repeatable: --output markdown=gate.md --output junit=gate.xml). Without FORMAT= it is the --format report, and stdout then only gets the verdict line (on stderr)."),
            .flag("no-github", help: "Inside GitHub Actions, do not append to $GITHUB_STEP_SUMMARY or write $GITHUB_OUTPUT."),
        ] + PushOptions.options(pushgatewayHelp: "Push the Prometheus metrics to this Pushgateway (PUT URL/metrics/job/qgate/model/<model>).") + [
            .flag("fail-on-warning", help: "Exit 1 when a warning-severity condition failed."),
            .flag("new-failures-only", help: "A failure the baseline already had, with no worse a value, is a warning (as `new_failures_only: true` on every gate)."),
            .flag("explain", help: "After the report, explain every condition: its rule, the arithmetic with the actual numbers, the decision. Does not change the exit code."),
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
        let push = try PushOptions.target(args, command: spec.name)
        let (store, source) = try BaselineOptions.source(args, metrics: metrics, command: spec.name, console: console)
        var request = EvaluationRequest(configPath: args.value("config") ?? "quality-gates.yaml",
                                        metricsPaths: metrics, baselineSource: source)
        request.options = try options(args, console: console)
        let evaluation = try request.run()
        if args.flag("record") {
            guard let modelText = evaluation.policy.model else {
                throw BaselineError(.recordWithoutModelName)
            }
            let hashes = try metrics.map { try FileSystem.sha256(ofFile: $0).hex }
            let record = try store.record(evaluation, model: try ModelName(modelText), metricsSHA256: hashes.joined(separator: ","),
                                          warn: { console.writeErr("qgate: warning: \($0)\n") })
            console.writeErr("qgate: evaluation recorded in \(Sanitize.inline(store.locationName)) (history record \(record.seq))\n")
        }
        let format = ReportFormat(rawValue: args.value("format") ?? "text") ?? .text
        let timestamp = console.clock.epochSeconds()
        let outputs = try parseOutputs(args.all("output"), default: format)
        let exitCode = ExitCode.of(evaluation)
        // Whatever can still fail comes before the verdict is shown (see Publishing).
        if let push {
            try Pushgateway.push(PrometheusReport.render(evaluation, timestamp: timestamp), model: evaluation.policy.model ?? "", url: push.url,
                                 timeout: push.timeout)
            console.writeErr("qgate: metrics pushed to \(Sanitize.inline(push.url))\n")
        }
        let github = GitHubIntegration.isActive(environment: console.environment) && !args.flag("no-github")
        try Publishing.publish(
            reports: outputs.map { output in (output.path, { output.format.render(evaluation, timestamp: timestamp, exitCode: exitCode) }) },
            github: github ? { try GitHubIntegration.publish(evaluation, environment: console.environment) } : nil)
        // A bare `--output FILE` replaces stdout; FORMAT=FILE outputs come in addition to it.
        if outputs.contains(where: \.replacesStdout) {
            console.writeErr("qgate: \(evaluation.verdictLine) (report written to \(outputs.map { Sanitize.inline($0.path) }.joined(separator: ", ")))\n")
        } else {
            let color = format == .text && TerminalStyle.shouldColor(
                mode: args.value("color") ?? "auto", isTTY: console.stdoutIsTTY, environment: console.environment)
            if format == .github {
                console.writeWorkflowCommands(GitHubAnnotations.commands(evaluation))
            } else {
                console.writeOut(format.render(evaluation, style: TerminalStyle(enabled: color), timestamp: timestamp, exitCode: exitCode))
            }
        }
        if args.flag("explain") { console.writeOut("\n" + ExplainReport.render(evaluation)) }
        return exitCode
    }

    /// `--new-failures-only`, `--fail-on-warning`, and today's date (`QGATE_TODAY=YYYY-MM-DD` pins it, for tests and replays).
    static func options(_ args: ParsedArguments, console: Console) throws -> GateEvaluator.Options {
        GateEvaluator.Options(today: console.clock.today(), newFailuresOnly: args.flag("new-failures-only"), failOnWarning: args.flag("fail-on-warning"))
    }

    struct Output {
        var format: ReportFormat
        var path: String
        var replacesStdout: Bool
    }

    /// `FORMAT=FILE` (FORMAT must be known) or a plain `FILE` in the --format report.
    static func parseOutputs(_ specs: [String], default format: ReportFormat) throws -> [Output] {
        try specs.map { spec in
            guard let eq = spec.firstIndex(of: "="), spec[..<eq].allSatisfy({ $0.isLetter && $0.isASCII }) else {
                return Output(format: format, path: spec, replacesStdout: true)
            }
            let name = String(spec[..<eq])
            guard let f = ReportFormat(rawValue: name) else {
                let known = ReportFormat.allCases.map(\.rawValue)
                throw UsageError("unknown report format '\(Sanitize.inline(name))' in '--output \(Sanitize.inline(spec))'", command: self.spec.name,
                                 hint: Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'?" } ?? "one of: \(known.joined(separator: ", "))")
            }
            let path = String(spec[spec.index(after: eq)...])
            guard !path.isEmpty else { throw UsageError("empty file name in '--output \(Sanitize.inline(spec))'", command: self.spec.name) }
            return Output(format: f, path: path, replacesStdout: false)
        }
    }
}

extension BaselineError.Message {
    fileprivate static var recordWithoutModelName: Self { Self("--record needs a model name: set `model:` in the policy") }
}
