/// The SQL that bins a table where it lives (DuckDB, Spark SQL, BigQuery,
/// PostgreSQL) and returns one row, one column `histograms`: the
/// `qgate.histograms/v1` document `qgate drift` reads. Edges come from a
/// reference histogram file (then the counts are exactly qgate's own, closed
/// as that file says) or from the engine's quantile function (approximate;
/// closed on the right as qgate's CSV path).
///
/// Missing values are those qgate's CSV path skips: NULL, NaN and ±infinity in
/// numeric columns; NULL and the CSV missing words (`NA`, `null`, ...) in
/// categorical ones. Numeric columns must have a numeric SQL type.
public struct HistogramSQL: Sendable {
    public enum Edges: Sendable {
        /// Bin with these histograms' edges (numeric columns) and closedness.
        case reference(HistogramJSON.File)
        /// Quantile edges computed by the engine, for this many bins.
        case quantiles(bins: Int)
    }

    public struct Column: Sendable {
        public var name: String
        public var kind: ColumnHistogram.Kind
        public init(name: String, kind: ColumnHistogram.Kind) {
            self.name = name
            self.kind = kind
        }
    }

    public var dialect: SQLDialect
    /// Dot-separated parts (`project.dataset.table`), each quoted.
    public var table: String
    public var columns: [Column]
    public var edges: Edges

    public init(dialect: SQLDialect, table: String, columns: [Column], edges: Edges) {
        self.dialect = dialect
        self.table = table
        self.columns = columns
        self.edges = edges
    }

    /// The columns of a reference histogram file, as typed there.
    public static func columns(of file: HistogramJSON.File) -> [Column] {
        file.columns.map { Column(name: $0.name, kind: $0.kind) }
    }

    /// The words qgate's CSV reader reads as missing (`CellValue.isMissing`).
    static let missingWords = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]

    public func query() throws -> String {
        let parts = table.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !columns.isEmpty else { throw DriftError(.noColumns) }
        for part in parts { try Self.checkName(part, what: "table name") }
        var seen = Set<String>()
        for c in columns {
            try Self.checkName(c.name, what: "column name")
            guard seen.insert(c.name).inserted else { throw DriftError(.duplicateColumn(c.name)) }
        }
        let d = dialect
        let text = d.stringType
        let closed: HistogramJSON.Closed
        let reference: [String: ColumnHistogram]
        switch edges {
        case .reference(let file):
            closed = file.closed
            reference = Dictionary(file.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        case .quantiles(let bins):
            guard bins > 1 && bins <= 1000 else { throw DriftError(.invalidBins(bins)) }
            closed = .right
            reference = [:]
        }
        let approximate: Int? = if case .quantiles(let bins) = edges { bins } else { nil }

        var values: [String] = []
        var binned: [String] = []
        var totals = ["COUNT(*) AS n_rows"]
        var edgeArrays: [String] = []
        var categoryTables: [String] = []
        var document =
            "'{\"schema\": \"\(HistogramJSON.schema)\", \"closed\": \"\(closed.rawValue)\", \"rows\": ' || CAST(n_rows AS \(text))"
        document += " || ', \"columns\": {'"
        for (i, c) in columns.enumerated() {
            let source = d.identifier(c.name)
            let key = JSONOutput.string(c.name).renderedCompact()
            document += "\n  || \(d.string((i > 0 ? ", " : "") + key + ": {\"type\": \"\(c.kind.rawValue)\", "))"
            if c.kind == .categorical {
                let cell = "CAST(\(source) AS \(text))"
                let words = Self.missingWords.map(d.string).joined(separator: ", ")
                values.append("CASE WHEN \(cell) IN (\(words)) THEN NULL ELSE \(cell) END AS v\(i)")
                binned.append("v\(i)")
                totals.append("COUNT(*) - COUNT(v\(i)) AS m\(i)")
                categoryTables.append("cats\(i) AS (SELECT v\(i) AS k, COUNT(*) AS n FROM vals WHERE v\(i) IS NOT NULL GROUP BY v\(i))")
                document += "\n  || '\"counts\": ' || (SELECT COALESCE(\(d.jsonObject(key: "k", count: "n")), '{}') FROM cats\(i))"
            } else {
                let number = "CAST(\(source) AS \(d.doubleType))"
                values.append("CASE WHEN ABS(\(number)) < \(d.infinity) THEN \(number) END AS v\(i)")
                let bins: Int
                if let approximate {
                    bins = approximate
                    edgeArrays.append("\(d.distinctEdges(d.quantiles("v\(i)", bins: bins), bins: bins)) AS e\(i)")
                    binned.append("CASE WHEN v\(i) IS NOT NULL THEN \(d.countBelow("e\(i)", "v\(i)")) END AS b\(i)")
                    document += "\n  || '\"edges\": ' || \(d.jsonArray("e\(i)")) || ', \"counts\": ['"
                } else {
                    guard let h = reference[c.name], h.kind == .numeric else { throw DriftError(.notInReference(c.name)) }
                    bins = h.binCount
                    binned.append("\(binExpression(h, value: "v\(i)", closed: closed)) AS b\(i)")
                    if let constant = h.constant {
                        document += "\n  || '\"constant\": \(JSONOutput.number(constant).renderedCompact()), \"counts\": ['"
                    } else {
                        let list = JSONOutput.array(h.edges.map { .number($0) }).renderedCompact()
                        document += "\n  || '\"edges\": \(list), \"counts\": ['"
                    }
                }
                totals.append("COUNT(*) - COUNT(b\(i)) AS m\(i)")
                for k in 0..<bins {
                    totals.append("COUNT(CASE WHEN b\(i) = \(k) THEN 1 END) AS c\(i)_\(k)")
                    let count = "CAST(c\(i)_\(k) AS \(text))"
                    let item = k == 0 ? count : "', ' || \(count)"
                    // Approximate edges may coincide and be merged: only len(edges) + 1 bins exist.
                    document +=
                        approximate == nil ? " || \(item)" : "\n  || CASE WHEN \(k) <= \(d.length("e\(i)")) THEN \(item) ELSE '' END"
                }
                document += " || ']'"
            }
            document += " || ', \"missing\": ' || CAST(m\(i) AS \(text)) || '}'"
        }
        document += "\n  || '}}'"

        let tableName = parts.map(d.identifier).joined(separator: ".")
        let from = approximate == nil ? "vals" : "vals CROSS JOIN edges"
        var ctes = ["vals AS (\n  SELECT\n    " + values.joined(separator: ",\n    ") + "\n  FROM \(tableName)\n)"]
        if !edgeArrays.isEmpty { ctes.append("edges AS (\n  SELECT\n    " + edgeArrays.joined(separator: ",\n    ") + "\n  FROM vals\n)") }
        ctes.append("binned AS (\n  SELECT\n    " + binned.joined(separator: ",\n    ") + "\n  FROM \(from)\n)")
        ctes.append("totals AS (\n  SELECT\n    " + totals.joined(separator: ",\n    ") + "\n  FROM binned\n)")
        ctes += categoryTables

        var header =
            "-- qgate drift sql (\(d.rawValue)): histograms as \(HistogramJSON.schema) JSON (one row, column `histograms`).\n"
        switch edges {
        case .reference(let file):
            header += "-- Numeric bins: the edges of \(Sanitize.inline(file.path)), closed on the \(closed.rawValue).\n"
        case .quantiles(let bins):
            header += "-- Numeric bins: \(bins) quantile bins from \(d.quantileNote).\n"
        }
        let outerFrom = approximate == nil ? "totals" : "totals CROSS JOIN edges"
        return header + "WITH " + ctes.joined(separator: ",\n") + "\nSELECT\n  " + document + " AS histograms\nFROM \(outerFrom);\n"
    }

    /// The bin of `value` for a reference column: the number of edges below it
    /// (closed right) or at or below it (closed left); NULL when missing.
    private func binExpression(_ h: ColumnHistogram, value: String, closed: HistogramJSON.Closed) -> String {
        let d = dialect
        var cases = ["WHEN \(value) IS NULL THEN NULL"]
        if let c = h.constant {
            cases += ["WHEN \(value) < \(d.double(c)) THEN 0", "WHEN \(value) = \(d.double(c)) THEN 1"]
            return "CASE " + cases.joined(separator: " ") + " ELSE 2 END"
        }
        let below = closed == .right ? "<=" : "<"
        for (k, e) in h.edges.enumerated() { cases.append("WHEN \(value) \(below) \(d.double(e)) THEN \(k)") }
        return "CASE " + cases.joined(separator: " ") + " ELSE \(h.edges.count) END"
    }

    /// Names are quoted, never spliced; one holding a control or invisible
    /// format character (a line break, a bidi override) is refused: the
    /// printed SQL must read as what it does.
    static func checkName(_ name: String, what: String) throws {
        if name.isEmpty { throw DriftError(.emptyName(what)) }
        if name.unicodeScalars.contains(where: Sanitize.mustEscape) { throw DriftError(.unprintableName(name, what: what)) }
    }
}

extension DriftError.Message {
    fileprivate static var noColumns: Self { Self("no column to bin") }
    fileprivate static func duplicateColumn(_ name: String) -> Self { Self("column \(Sanitize.quoted(name)) is named twice") }
    fileprivate static func invalidBins(_ bins: Int) -> Self { Self("\(bins) bins: give 2 to 1000") }
    fileprivate static func notInReference(_ name: String) -> Self {
        Self("numeric column \(Sanitize.quoted(name)) has no edges in the reference histograms")
    }
    fileprivate static func emptyName(_ what: String) -> Self { Self("empty \(what)") }
    fileprivate static func unprintableName(_ name: String, what: String) -> Self {
        Self("\(what) \(Sanitize.quoted(name)) holds a control or invisible character")
    }
}
