import QualityGateCore

/// `qgate synth-test`: test the policy itself with synthetic good, boundary and
/// bad models, plus the team's own declared cases; lint the policy.
enum SynthTestCommand {
    static let spec = CommandSpec(
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
            can never all pass, directions that look wrong, and gated metrics missing
            from --metrics (or the baseline).
            """,
        options: [
            .value("config", "FILE", help: "The policy file.", default: "quality-gates.yaml"),
            .value("baseline", "FILE", help: "Baseline metrics for relative conditions (default: synthetic values)."),
            .value("metrics", "FILE", help: "Example or last metrics: lint gated metrics they do not contain."),
            .value("cases", "FILE", help: "Declared cases (YAML) to run as well."),
            .flag("strict", help: "Lint findings are errors (exit 1)."),
            .value("format", "FORMAT", help: "Report format.", default: "text", allowed: ["text", "json"]),
            .value("color", "WHEN", help: "Colour the text report.", default: "auto", allowed: ["auto", "always", "never"]),
        ],
        examples: ["qgate synth-test --baseline Examples/sentiment/baseline.json --cases Examples/sentiment/gate-cases.yaml"],
        exitCodes: [(0, "every case behaved as expected"), (1, "a case misbehaved (or a lint finding with --strict)"),
                    (2, "usage, configuration or input error")])

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        var request = PolicyTestRequest(
            configPath: args.value("config") ?? "quality-gates.yaml", baselinePath: args.value("baseline"),
            metricsPath: args.value("metrics"), casesPath: args.value("cases"), strict: args.flag("strict"))
        request.today = try EvaluateCommand.options(args, console: console).today
        let report = try request.run()
        if args.value("format") == "json" {
            console.writeOut(report.json(exitCode: ExitCode.of(report)))
        } else {
            let color = TerminalStyle.shouldColor(mode: args.value("color") ?? "auto", isTTY: console.stdoutIsTTY,
                                                  environment: console.environment)
            console.writeOut(report.text(style: TerminalStyle(enabled: color)))
        }
        return ExitCode.of(report)
    }
}
