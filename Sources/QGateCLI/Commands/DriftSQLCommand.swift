import QualityGateCore

/// `qgate drift sql`: prints the query that bins a table where it lives, so
/// the engine does the counting and `qgate drift` reads its one-row answer.
enum DriftSQLCommand: QGateCommand {
    static let about = CommandAbout(
        name: "drift sql",
        abstract: "Print the SQL that computes qgate.histograms/v1 JSON for a table in DuckDB, Spark, BigQuery or PostgreSQL.",
        discussion: """
            The query returns one row with one column, `histograms`: the histogram
            JSON that `qgate drift --reference/--current FILE.json` reads. With
            --reference, numeric columns are binned with that file's edges (the
            counts are then exactly what qgate counts from a CSV); without it, name
            the columns with --numeric and --categorical and the edges are the
            engine's quantiles (approximate except on PostgreSQL; see README).
            Column and table names are quoted for the dialect.
            """,
        examples: [
            "qgate drift sql --dialect duckdb --table train --numeric age,income --categorical country > ref.sql",
            "qgate drift sql --dialect spark --table prod.events --reference ref.hist.json > current.sql"
        ],
        exitCodes: [(0, "query printed"), (2, "usage or input error")])

    struct Options: CommandOptions {
        var dialect: SQLDialect?
        var table: String?
        var reference: String?
        var numeric: [String]?
        var categorical: [String]?
        var bins: Int?

        static var declarations: [CommandOption<Self>] {
            [
                .value("dialect", "SQL", \.dialect, .choice, help: "The engine that runs the query. Required."),
                .value("table", "NAME", \.table, .text, help: "The table (dot-separated parts: project.dataset.table). Required."),
                .value(
                    "reference", "FILE", \.reference, .text,
                    help: "Reference histogram JSON: bin with its edges, for its columns."),
                .value(
                    "numeric", "A,B", \.numeric, .list, help: "Numeric columns, binned on the engine's quantiles (without --reference)."),
                .value("categorical", "A,B", \.categorical, .list, help: "Categorical columns, counted per value (without --reference)."),
                .value("bins", "N", \.bins, .bins, help: "Quantile bins per numeric column without --reference (default 10).")
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        guard let dialect = o.dialect else {
            throw UsageError.missing("--dialect SQL", hint: "one of: \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let table = o.table else { throw UsageError.missing("--table NAME", hint: "the table holding the data") }
        let sql: HistogramSQL
        if let reference = o.reference {
            guard o.numeric == nil, o.categorical == nil, o.bins == nil else {
                throw UsageError(
                    "--reference takes its columns and edges from the file", hint: "drop --numeric, --categorical and --bins")
            }
            let file = try HistogramJSON.read(path: reference, config: DriftConfig())
            sql = HistogramSQL(dialect: dialect, table: table, columns: HistogramSQL.columns(of: file), edges: .reference(file))
        } else {
            let columns =
                (o.numeric ?? []).map { HistogramSQL.Column(name: $0, kind: .numeric) }
                + (o.categorical ?? []).map { HistogramSQL.Column(name: $0, kind: .categorical) }
            guard !columns.isEmpty else {
                throw UsageError.missing("--reference FILE", hint: "or name the columns with --numeric and --categorical")
            }
            sql = HistogramSQL(dialect: dialect, table: table, columns: columns, edges: .quantiles(bins: o.bins ?? 10))
        }
        console.writeOut(try sql.query())
        return ExitCode.allowed
    }
}
