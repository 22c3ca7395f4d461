import QualityGateCore

/// `qgate synth-test`: test the policy itself with synthetic good, boundary and
/// bad models, plus the team's own declared cases; lint the policy.
enum SynthTestCommand: QGateCommand {
    static let about = CommandAbout(
        name: "synth-test",
        abstract: "Test the policy itself with synthetic good, boundary and bad metrics.",
        discussion: """
            A gate that can never fail looks like safety and is none. From the policy
            (and the baseline, if given) this derives a clearly good model (must pass),
            a model exactly on each condition's bound (must pass: bounds are
            inclusive) and a model violating each condition alone (must be blocked
            if the condition is critical, warned if warning), runs the real evaluator
            on each and reports any case that does not behave. --cases adds the
            team's own cases:

              cases:
                - name: release 1.4 passes
                  metrics: {accuracy: 0.95, latency: {p95_ms: 100}}
                  baseline: {accuracy: 0.94}     # optional
                  expect: pass                   # pass | warn | block
                  failing: [p95-latency]         # optional: gates that must fail

            It also lints the policy: conditions that can never fail, conditions that
            can never all pass, and gated metrics missing from --metrics (or the
            baseline). (A direction the metric's name contradicts is a policy error.)
            """,
        examples: ["qgate synth-test --baseline Examples/sentiment/baseline.json --cases Examples/sentiment/gate-cases.yaml"],
        exitCodes: [
            (0, "every case behaved as expected"), (1, "a case misbehaved (or a lint finding with --strict)"),
            (2, "usage, configuration or input error")
        ])

    struct Options: CommandOptions {
        var config = PolicyFile()
        var baseline: String?
        var metrics: String?
        var cases: String?
        var strict = false
        var report = ReportOutputs<TextOrJSON>()

        static var declarations: [CommandOption<Self>] {
            [
                .value("config", "FILE", \.config, .policyFile, help: "The policy file."),
                .value(
                    "baseline", "FILE", \.baseline, .text, help: "Baseline metrics for relative conditions (default: synthetic values)."),
                .value("metrics", "FILE", \.metrics, .text, help: "Example or last metrics: lint gated metrics they do not contain."),
                .value("cases", "FILE", \.cases, .text, help: "Declared cases (YAML) to run as well."),
                .flag("strict", \.strict, help: "Lint findings are errors (exit 1).")
            ]
                + [ReportOutputs.format(help: "Report format."), ReportOutputs.color, ReportOutputs.precision].within(\.report)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        var request = PolicyTestRequest(
            configPath: o.config.path, baselinePath: o.baseline, metricsPath: o.metrics,
            casesPath: o.cases, strict: o.strict)
        request.today = console.clock.today()
        let report = try request.run()
        switch o.report.format {
        case .json: console.writeOut(report.json(exitCode: ExitCode.of(report)))
        case .text: console.writeOut(report.text(style: o.report.style(console), precision: o.report.precision.precision))
        }
        return ExitCode.of(report)
    }
}
