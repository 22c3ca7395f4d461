import QualityGateCore

/// `qgate evaluate`: arguments in, `EvaluationRequest.run()`, report out.
enum EvaluateCommand: QGateCommand {
    static let about = CommandAbout(
        name: "evaluate",
        abstract: "Check a model's metrics against the policy; exit 1 blocks the release.",
        discussion: """
            Reads the policy (quality-gates.yaml), the metrics written by training or
            evaluation, and optionally the baseline (the metrics of the last released
            model) for relative gates. Prints a report and exits 0 when the release is
            allowed, 1 when a critical gate failed, 2 on any usage, configuration or
            input error.
            """,
        examples: [
            "qgate evaluate --metrics Examples/sentiment/metrics.json --baseline Examples/sentiment/baseline.json",
            "qgate evaluate --metrics metrics.json --metrics latency.json --format json --output gate.json",
            "qgate evaluate --metrics seed1.json --metrics seed2.json --metrics seed3.json --aggregate median",
            "qgate evaluate --metrics eval/metrics.json --baseline-ref v1.3.0 --record"
        ],
        exitCodes: [
            (0, "release allowed (warnings allowed unless --fail-on-warning)"),
            (1, "release blocked: a critical condition failed"),
            (2, "usage, configuration or input error")
        ])

    struct Options: CommandOptions {
        var policy = PolicyInputs()
        var record = false
        var report = ReportOutputs<ReportFormat>()
        var push = PushOptions()
        var failOnWarning = false
        var newFailuresOnly = false
        var explain = false

        static var declarations: [CommandOption<Self>] {
            PolicyInputs.declarations.within(\.policy)
                + [
                    .flag(
                        "record", \.record,
                        help:
                            "Append this evaluation's verdict and failing conditions, the candidate's version (the metrics' `version` key) and commit to the model's history in the store."
                    )
                ]
                + [
                    ReportOutputs.format(help: "Report format on stdout."),
                    ReportOutputs.output(
                        bareFile: true,
                        help:
                            "Also write a report to FILE, atomically, creating missing directories (repeatable: --output markdown=gate.md --output junit=gate.xml). Without FORMAT= the format is the one FILE's extension names (.md/.markdown, .json, .xml = junit, .prom = prometheus, .html, .txt), else the --format report; stdout then only gets the verdict line (on stderr)."
                    ),
                    ReportOutputs.noGitHub(help: "Inside GitHub Actions, do not append to $GITHUB_STEP_SUMMARY or write $GITHUB_OUTPUT."),
                    ReportOutputs.precision
                ].within(\.report)
                + PushOptions.declarations(
                    pushgatewayHelp: "Push the Prometheus metrics to this Pushgateway (PUT URL/metrics/job/qgate/model/<model>)."
                ).within(\.push)
                + [
                    .flag("fail-on-warning", \.failOnWarning, help: "Exit 1 when a warning-severity condition failed."),
                    .flag(
                        "new-failures-only", \.newFailuresOnly,
                        help:
                            "A failure the baseline already had, with no worse a value, is a warning (as `new_failures_only: true` on every gate)."
                    ),
                    .flag(
                        "explain", \.explain,
                        help:
                            "After the report, explain every condition: its rule, the arithmetic with the actual numbers, the decision. Does not change the exit code."
                    ),
                    ReportOutputs.color.within(\.report)
                ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        _ = try o.push.credentials(console)  // a usage error before anything is recorded
        let (store, request) = try o.policy.request(
            GateEvaluator.Options(today: console.clock.today(), newFailuresOnly: o.newFailuresOnly, failOnWarning: o.failOnWarning),
            console: console)
        let evaluation = try request.run()
        if o.record { try record(evaluation, metrics: o.policy.metrics, in: store, console: console) }
        let timestamp = console.clock.epochSeconds()
        let exitCode = ExitCode.of(evaluation)
        let precision = o.report.precision.precision
        try o.report.publish(
            push: o.push,
            pushed: PushedMetrics(job: "qgate", model: evaluation.policy.model ?? "", what: "metrics") {
                PrometheusReport.render(evaluation, timestamp: timestamp)
            },
            render: { $0.render(evaluation, precision: precision, timestamp: timestamp, exitCode: exitCode) },
            github: { try GitHubIntegration.publish(evaluation, precision: precision, environment: $0) }, console: console)
        if o.report.replacesStdout {
            let files = o.report.outputs.map { Sanitize.inline($0.path) }.joined(separator: ", ")
            console.writeErr("qgate: \(evaluation.verdictLine) (report written to \(files))\n")
        } else if o.report.format == .github {
            console.writeWorkflowCommands(GitHubAnnotations.commands(evaluation))
        } else {
            console.writeOut(
                o.report.format.render(
                    evaluation, style: o.report.style(console), precision: precision, timestamp: timestamp, exitCode: exitCode))
        }
        if o.explain { console.writeOut("\n" + ExplainReport.render(evaluation, precision: precision)) }
        return exitCode
    }

    /// `--record`: the verdict as computed (with `--fail-on-warning`) goes into the
    /// model's history, with the candidate's version and commit found as `baseline promote` finds them.
    static func record(_ evaluation: Evaluation, metrics: [String], in store: BaselineStore, console: Console) throws {
        guard let modelText = evaluation.policy.model else {
            throw BaselineError(.recordWithoutModelName)
        }
        let hashes = try metrics.map { try FileSystem.sha256(ofFile: $0).hex }
        let record = try store.record(
            evaluation, model: try ModelName(modelText), metricsSHA256: hashes.joined(separator: ","),
            version: try MetricsVersion.read(paths: metrics), gitCommit: GitRevision.currentCommit(environment: console.environment),
            warn: { console.writeErr("qgate: warning: \($0)\n") })
        console.writeErr("qgate: evaluation recorded in \(Sanitize.inline(store.locationName)) (history record \(record.seq))\n")
    }
}

extension BaselineError.Message {
    fileprivate static var recordWithoutModelName: Self { Self("--record needs a model name: set `model:` in the policy") }
}
