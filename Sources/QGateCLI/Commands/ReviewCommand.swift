import QualityGateCore

/// `qgate review`: the evaluation as a stage-by-stage production-readiness review.
enum ReviewCommand {
    static let spec = CommandSpec(
        name: "review",
        abstract: "Production-readiness review: stage by stage, ending in Go / Conditional Go / No-Go.",
        discussion: """
            Evaluates the policy like `evaluate` and groups the gates by their `stage:`
            (problem-framing, data-readiness, feature-engineering, model-performance,
            responsible-ai, security-robustness, deployment-monitoring). Each stage is
            Pass, Conditional (only warnings failed), Fail (a critical condition
            failed) or Not assessed (no gates). The table shows each stage's key risk,
            the gates' `mitigation:` and `owner:`. Exit codes as `evaluate`.
            """,
        options: [BaselineOptions.config, BaselineOptions.metrics] + BaselineOptions.options + [
            .value("output-dir", "DIR", help: "Also write the review as review-<model>-<timestamp>.md and .txt in DIR."),
            .flag("fail-on-warning", help: "Exit 1 on Conditional Go."),
        ],
        examples: ["qgate review --metrics Examples/sentiment/metrics.json --baseline Examples/sentiment/baseline.json --output-dir reviews"],
        exitCodes: [(0, "Go or Conditional Go"), (1, "No-Go (or Conditional Go with --fail-on-warning)"), (2, "usage, configuration or input error")])

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        let start = Clock.monotonicSeconds()
        let metrics = try BaselineOptions.requireMetrics(args, command: spec.name)
        let (_, source) = try BaselineOptions.source(args, metrics: metrics, command: spec.name, console: console)
        var request = EvaluationRequest(configPath: args.value("config") ?? "quality-gates.yaml",
                                        metricsPaths: metrics, baselineSource: source)
        request.options = try EvaluateCommand.options(args, console: console)
        let evaluation = try request.run()
        let review = ReadinessReview(evaluation: evaluation, elapsedSeconds: Clock.monotonicSeconds() - start)
        let text = review.text()
        console.writeOut(text)
        if let dir = args.value("output-dir") {
            try FileSystem.makeDirectories(dir)
            let model = (try? ModelName(evaluation.policy.model ?? "model"))?.value ?? "model"
            let base = "\(dir)/review-\(model)-\(console.clock.compactUTC())"
            try FileSystem.writeAtomically(Array(review.markdown().utf8), to: base + ".md")
            try FileSystem.writeAtomically(Array(text.utf8), to: base + ".txt")
            console.writeErr("qgate: review written to \(Sanitize.inline(base)).md and .txt\n")
        }
        return ExitCode.of(evaluation)
    }
}
