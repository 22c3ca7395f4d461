import QualityGateCore

/// `qgate profile`: dataset readiness metrics for `data-readiness` gates, and
/// with a policy's `data:` section the dataset checks themselves.
enum ProfileCommand: QGateCommand {
    static let about = CommandAbout(
        name: "profile",
        abstract: "Compute dataset readiness metrics (volume, missing values, balance, freshness) from a CSV.",
        discussion: """
            Writes a metrics JSON file for `qgate evaluate`, all under `data.`: rows,
            column_count, column.<name>.missing_share, missing_share (the largest of
            those), duplicate_row_share (rows textually identical to an earlier row),
            constant_columns (at most one distinct non-missing value); with --label
            classes.<label> counts, class_count, minority_class_share and
            min_rows_per_class; with --timestamp age_days, today minus the UTC date of
            the newest timestamp (ISO 8601 dates or date-times; QGATE_TODAY=YYYY-MM-DD
            pins today; a newest timestamp more than a day ahead is an error). With one
            class the minority share is null, and so are shares of a file without rows.
            Missing cells are empty or NA, N/A, NaN, nan, null, NULL, None.

            When the policy (--config, else quality-gates.yaml when it exists) has a
            `data:` section, its checks (min_rows, max_age_days, max_missing_share,
            min_class_share) are applied to these metrics: the report goes to stdout
            (--format), the metrics only to --output, and the exit code says whether
            the dataset passed. A check whose metric is not computed or null fails.
            """,
        examples: [
            "qgate profile --data train.csv --label y --timestamp created_at --output data-metrics.json",
            "qgate profile --data train.csv --label y --timestamp created_at --config quality-gates.yaml"
        ],
        exitCodes: [
            (0, "metrics written (and every critical data check passed)"),
            (1, "a critical data check failed"),
            (2, "usage, configuration or input error (the message names file, line and column)")
        ])

    /// The data-check report formats.
    enum Format: String, ReportChoice, Sendable {
        case text, json, markdown
    }

    struct Options: CommandOptions {
        var data: String?
        var label: String?
        var timestamp: String?
        var output: String?
        var config: PolicyFile?
        var report = ReportOutputs<Format>()

        static var declarations: [CommandOption<Self>] {
            let report: [CommandOption<ReportOutputs<Format>>] = [
                ReportOutputs.format(help: "Data-check report format on stdout (with a `data:` section)."),
                ReportOutputs.noGitHub(help: "Inside GitHub Actions, do not write the step summary and outputs."),
                ReportOutputs.color
            ]
            return [
                .value("data", "FILE", \.data, .text, help: "Dataset CSV with a header row. Required."),
                .value("label", "COLUMN", \.label, .text, help: "Label column, for class balance."),
                .value("timestamp", "COLUMN", \.timestamp, .text, help: "Timestamp column, for freshness (data.age_days)."),
                .value(
                    "output", "FILE", \.output, .text,
                    help: "Write the metrics here, atomically (default: standard output, unless data checks run)."),
                .value(
                    "config", "FILE", \.config, .policyFile,
                    help: "Policy with a `data:` section to check (default: \(PolicyFile.defaultPath) when it exists).")
            ] + report.within(\.report)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        guard let path = o.data else {
            throw UsageError.missing("--data FILE", hint: "pass the dataset CSV")
        }
        let today = console.clock.today()
        let policy = try (o.config ?? PolicyFile()).loadIfPresent(today: today)
        if let config = o.config, policy?.data == nil {
            throw UsageError(
                "the policy \(Sanitize.quoted(config.path)) has no `data:` section",
                hint: "add `data:` with the checks (e.g. `min_rows: 1000`), or leave out --config to only write the metrics")
        }
        let metrics = try ProfileRequest(path: path, label: o.label, timestamp: o.timestamp, today: today).run()
        guard let checks = policy?.data else {
            return try MetricsOutput.write(metrics, to: o.output, console: console, what: "profiled \(Sanitize.quoted(path))")
        }
        let evaluation = DataCheckEvaluation(checks, metrics: metrics, source: path)
        if o.output != nil {
            _ = try MetricsOutput.write(metrics, to: o.output, console: console, what: "profiled \(Sanitize.quoted(path))")
        }
        if GitHubIntegration.isActive(environment: console.environment) && !o.report.noGitHub {
            try GitHubIntegration.publish(evaluation, environment: console.environment)
        }
        switch o.report.format {
        case .text: console.writeOut(DataCheckReport.text(evaluation, style: o.report.style(console)))
        case .json: console.writeOut(DataCheckReport.json(evaluation))
        case .markdown: console.writeOut(DataCheckReport.markdown(evaluation))
        }
        return ExitCode.of(evaluation)
    }
}
