import QualityGateCore

/// `qgate profile`: dataset readiness metrics for `data-readiness` gates.
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
            """,
        examples: ["qgate profile --data train.csv --label y --timestamp created_at --output data-metrics.json"],
        exitCodes: [(0, "metrics written"), (2, "usage or input error (the message names file, line and column)")])

    struct Options: CommandOptions {
        var data: String?
        var label: String?
        var timestamp: String?
        var output: String?

        static var declarations: [CommandOption<Self>] {
            [
                .value("data", "FILE", \.data, .text, help: "Dataset CSV with a header row. Required."),
                .value("label", "COLUMN", \.label, .text, help: "Label column, for class balance."),
                .value("timestamp", "COLUMN", \.timestamp, .text, help: "Timestamp column, for freshness (data.age_days)."),
                .value("output", "FILE", \.output, .text, help: "Write the metrics here, atomically (default: standard output).")
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        guard let path = o.data else {
            throw UsageError.missing("--data FILE", hint: "pass the dataset CSV")
        }
        let today = console.clock.today()
        let metrics = try ProfileRequest(path: path, label: o.label, timestamp: o.timestamp, today: today).run()
        return try MetricsOutput.write(metrics, to: o.output, console: console, what: "profiled \(Sanitize.quoted(path))")
    }
}
