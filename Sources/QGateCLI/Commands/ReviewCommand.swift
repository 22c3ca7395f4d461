import QualityGateCore

/// `qgate review`: the evaluation as a stage-by-stage production-readiness review.
enum ReviewCommand: QGateCommand {
    static let about = CommandAbout(
        name: "review",
        abstract: "Production-readiness review: stage by stage, ending in Go / Conditional Go / No-Go.",
        discussion: """
            Evaluates the policy like `evaluate` and groups the gates by their `stage:`
            (problem-framing, data-readiness, feature-engineering, model-performance,
            responsible-ai, security-robustness, deployment-monitoring). Each stage is
            Pass, Conditional (only warnings failed), Fail (a critical condition
            failed) or Not assessed (no gates, or every condition skipped). The
            table shows each stage's key risk, the gates' `mitigation:` and
            `owner:`. With no stage assessed the review is at best Conditional Go.
            `--format json` prints schema qgate.review/v1. Exit codes as `evaluate`.
            """,
        examples: [
            "qgate review --metrics Examples/sentiment/metrics.json --baseline Examples/sentiment/baseline.json --output-dir reviews"
        ],
        exitCodes: [
            (0, "Go or Conditional Go"), (1, "No-Go (with --fail-on-warning, a failed warning is No-Go)"),
            (2, "usage, configuration or input error")
        ])

    /// The review formats on stdout and in `--output` files.
    enum Format: String, ReportChoice, Sendable {
        case text, json, html
    }

    struct Options: CommandOptions {
        var policy = PolicyInputs()
        var outputDir: String?
        var format = Format.text
        var outputs: [ReportDestination<Format>] = []
        var failOnWarning = false
        var precision = ReportPrecisionOption()

        static var declarations: [CommandOption<Self>] {
            PolicyInputs.declarations.within(\.policy) + [
                .value(
                    "output-dir", "DIR", \.outputDir, .text, help: "Also write the review as review-<model>-<timestamp>.md and .txt in DIR."
                ),
                .value(
                    "format", "FORMAT", \.format, .choice, help: "Review format on stdout (the --output-dir files stay Markdown and text)."),
                .values(
                    "output", "FORMAT=FILE", \.outputs, ReportDestination.formatted,
                    help: "Also write the review to FILE in FORMAT, atomically (repeatable: --output html=review.html)."),
                .flag("fail-on-warning", \.failOnWarning, help: "Failed warnings block: No-Go, exit 1."),
                ReportPrecisionOption.option.within(\.precision)
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let start = Clock.monotonicSeconds()
        let (_, request) = try o.policy.request(
            GateEvaluator.Options(today: console.clock.today(), failOnWarning: o.failOnWarning), console: console)
        let evaluation = try request.run()
        let review = ReadinessReview(
            evaluation: evaluation, elapsedSeconds: Clock.monotonicSeconds() - start, precision: o.precision.precision)
        let text = review.text()
        func render(_ format: Format) -> String {
            switch format {
            case .json: return review.json()
            case .text: return text
            case .html: return HTMLReviewReport.render(review)
            }
        }
        for output in o.outputs {
            try FileSystem.makeParentDirectories(of: output.path)
            try FileSystem.writeAtomically(Array(render(output.format ?? o.format).utf8), to: output.path)
        }
        console.writeOut(render(o.format))
        if let dir = o.outputDir {
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
