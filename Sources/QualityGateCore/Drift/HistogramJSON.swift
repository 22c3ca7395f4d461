/// Pre-binned distributions as JSON (schema `qgate.histograms/v1`), so data too
/// large for one machine can be binned by Spark, BigQuery or DuckDB and judged
/// here. `qgate drift --emit-histograms` writes the reference's in this format.
///
///     {"schema": "qgate.histograms/v1", "rows": 1000000,
///      "columns": {
///        "text_length": {"type": "numeric", "edges": [12, 40, 95], "counts": [250000, 250000, 250000, 250000], "missing": 0},
///        "constant_col": {"type": "numeric", "constant": 1, "counts": [0, 1000000, 0], "missing": 0},
///        "source": {"type": "categorical", "counts": {"web": 600000, "app": 400000}, "missing": 0}}}
///
/// `edges` are the interior edges; `counts` has one more entry. `"closed"`
/// says which bin a value on an edge belongs to: `"right"` (qgate's CSV path,
/// the default when absent: bins (a, b], a value's bin is the number of edges
/// strictly below it) or `"left"` (numpy's `histogram` and Spark's
/// `Bucketizer`: bins [a, b)). A current histogram must use the reference's
/// edges and closedness, and may add `"non_numeric": N`.
public enum HistogramJSON {
    public static let schema = "qgate.histograms/v1"

    /// Which side of a bin an edge belongs to.
    public enum Closed: String, Sendable { case left, right }

    /// One histogram file as read: where each column was, for errors that
    /// compare several files.
    public struct File: Sendable {
        public var path: String
        public var rows: Int
        public var closed: Closed
        public var columns: [ColumnHistogram]
        var root: SourceLocation
        var closedAt: SourceLocation
        var rowsAt: SourceLocation
        var columnAt: [String: SourceLocation] = [:]
    }

    public static func render(rows: Int, columns: [ColumnHistogram], closed: Closed = .right) -> String {
        JSONOutput.object([
            ("schema", .string(schema)),
            ("closed", .string(closed.rawValue)),
            ("rows", .number(Double(rows))),
            (
                "columns",
                .object(
                    columns.map { h in
                        var fields: [(String, JSONOutput)] = [("type", .string(h.kind.rawValue))]
                        if h.kind == .numeric {
                            if let c = h.constant {
                                fields.append(("constant", .number(c)))
                            } else {
                                fields.append(("edges", .array(h.edges.map { .number($0) })))
                            }
                            fields.append(("counts", .array(h.counts.map { .number(Double($0)) })))
                            if h.nonNumeric > 0 { fields.append(("non_numeric", .number(Double(h.nonNumeric)))) }
                        } else {
                            let names = h.categoryCounts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                            fields.append(("counts", .object(names.map { ($0, .number(Double(h.categoryCounts[$0] ?? 0))) })))
                        }
                        fields.append(("missing", .number(Double(h.missing))))
                        return (h.name, .object(fields))
                    })
            )
        ]).rendered()
    }

    public static func load(path: String, config: DriftConfig, isReference: Bool = true) throws -> (rows: Int, columns: [ColumnHistogram]) {
        let file = try read(path: path, config: config, isReference: isReference)
        return (file.rows, file.columns)
    }

    public static func read(path: String, config: DriftConfig, isReference: Bool = true) throws -> File {
        let root = try JSON.parse(try FileSystem.readBytes(path), file: path)
        func fail(_ message: DriftError.Message, _ v: JSONValue, hint: String? = nil) -> DriftError {
            DriftError(message, at: v.location, hint: hint ?? "see README: histogram JSON (\(schema))")
        }
        guard case .object(let top) = root.kind else { throw fail(.histogramsNotAnObject, root) }
        func member(_ members: [JSONMember], _ key: String) -> JSONValue? { members.first { $0.key == key }?.value }
        guard let schemaValue = member(top, "schema"), case .string(schema) = schemaValue.kind else {
            throw fail(.unknownHistogramSchema, root)
        }
        guard let rowsValue = member(top, "rows"), case .number(let rowsNumber) = rowsValue.kind, rowsNumber >= 0,
            rowsNumber == rowsNumber.rounded(), rowsNumber < 1e15
        else {
            throw fail(.invalidRows, member(top, "rows") ?? root)
        }
        guard let columnsValue = member(top, "columns"), case .object(let columns) = columnsValue.kind else {
            throw fail(.columnsNotAnObject, root)
        }
        var closed = Closed.right
        if let closedValue = member(top, "closed") {
            guard case .string(let text) = closedValue.kind, let side = Closed(rawValue: text) else {
                throw fail(.invalidClosed, closedValue)
            }
            closed = side
        }
        var file = File(
            path: path, rows: Int(rowsNumber), closed: closed, columns: [], root: root.location,
            closedAt: member(top, "closed")?.location ?? root.location, rowsAt: rowsValue.location)
        func count(_ v: JSONValue) throws -> Int {
            guard case .number(let d) = v.kind, d >= 0, d == d.rounded(), d < 1e15 else { throw fail(.invalidCount, v) }
            return Int(d)
        }
        if isReference { try DriftProfiler.checkNames(columns.map(\.key), config: config) }
        for column in columns {
            if let wanted = config.columns, !wanted.contains(column.key) { continue }
            if config.exclude.contains(column.key) { continue }
            guard case .object(let fields) = column.value.kind,
                let typeValue = member(fields, "type"), case .string(let typeText) = typeValue.kind,
                let kind = ColumnHistogram.Kind(rawValue: typeText)
            else {
                throw fail(.missingColumnType(column.key), column.value)
            }
            var h = ColumnHistogram(name: column.key, kind: kind)
            h.rows = Int(rowsNumber)
            h.missing = try member(fields, "missing").map(count) ?? 0
            guard let countsValue = member(fields, "counts") else { throw fail(.missingCounts(column.key), column.value) }
            if kind == .numeric {
                if let c = member(fields, "constant") {
                    guard case .number(let v) = c.kind, v.isFinite else { throw fail(.invalidConstant, c) }
                    h.constant = v
                } else if let e = member(fields, "edges") {
                    guard case .array(let items) = e.kind else { throw fail(.edgesNotAnArray, e) }
                    for item in items {
                        guard case .number(let v) = item.kind, v.isFinite else { throw fail(.invalidEdge, item) }
                        if let last = h.edges.last, v <= last { throw fail(.unorderedEdges, item) }
                        h.edges.append(v)
                    }
                    if h.edges.isEmpty { throw fail(.emptyEdges, e, hint: "give at least one interior edge") }
                } else {
                    throw fail(.missingEdges(column.key), column.value)
                }
                guard case .array(let items) = countsValue.kind, items.count == h.binCount else {
                    throw fail(.wrongCountLength(column.key, h.binCount), countsValue)
                }
                h.counts = try items.map(count)
                h.nonNumeric = try member(fields, "non_numeric").map(count) ?? 0
                if isReference && h.nonNumeric > 0 {
                    throw fail(
                        .nonNumericInReference, column.value,
                        hint: "a numeric reference column holds numbers only")
                }
            } else {
                guard case .object(let cats) = countsValue.kind else {
                    throw fail(.categoryCountsNotAnObject, countsValue)
                }
                for cat in cats { h.categoryCounts[cat.key] = try count(cat.value) }
            }
            // Sum without overflow: each count is below 1e15, but there may be many.
            var total = h.missing
            for c in h.counts + Array(h.categoryCounts.values) + [h.nonNumeric] {
                let (sum, overflow) = total.addingReportingOverflow(c)
                if overflow || sum > h.rows {
                    throw fail(.moreValuesThanRows(column.key, rows: h.rows), column.value)
                }
                total = sum
            }
            if h.present + h.missing > h.rows {
                throw fail(.valuesDoNotAddUp(column.key, values: h.present + h.missing, rows: h.rows), column.value)
            }
            file.columnAt[column.key] = column.value.location
            file.columns.append(h)
        }
        return file
    }

    /// Checks a current histogram against the reference's bins (same edges).
    static func aligned(reference: [ColumnHistogram], current: [ColumnHistogram], currentPath: String) throws -> [ColumnHistogram] {
        var byName: [String: ColumnHistogram] = [:]
        for h in current { byName[h.name] = h }
        return try reference.map { r in
            guard var c = byName[r.name] else {
                var absent = r.emptyLike()
                absent.rows = -1
                return absent
            }
            if r.kind == .numeric && (c.kind != .numeric || c.edges != r.edges || c.constant != r.constant) {
                throw DriftError(.differentEdges(r.name, in: currentPath))
            }
            if r.kind == .categorical && c.kind != .categorical {
                throw DriftError(.kindMismatch(r.name, in: currentPath))
            }
            c.name = r.name
            return c
        }
    }
}

extension DriftError.Message {
    fileprivate static var histogramsNotAnObject: Self { Self("a histogram file holds a JSON object") }
    fileprivate static var unknownHistogramSchema: Self {
        Self("missing or unknown `schema` (expected \"\(HistogramJSON.schema)\")")
    }
    fileprivate static var invalidClosed: Self { Self("`closed` must be \"left\" or \"right\"") }
    fileprivate static var invalidRows: Self { Self("`rows` must be a non-negative integer") }
    fileprivate static var columnsNotAnObject: Self { Self("`columns` must be an object of column name to histogram") }
    fileprivate static var invalidCount: Self { Self("a count must be a non-negative integer") }
    fileprivate static func missingColumnType(_ column: String) -> Self {
        Self("column \(Sanitize.quoted(column)) needs \"type\": \"numeric\" or \"categorical\"")
    }
    fileprivate static func missingCounts(_ column: String) -> Self { Self("column \(Sanitize.quoted(column)) has no `counts`") }
    fileprivate static var invalidConstant: Self { Self("`constant` must be a finite number") }
    fileprivate static var edgesNotAnArray: Self { Self("`edges` must be an array of numbers") }
    fileprivate static var invalidEdge: Self { Self("an edge must be a finite number") }
    fileprivate static var unorderedEdges: Self { Self("edges must increase strictly") }
    fileprivate static var emptyEdges: Self { Self("`edges` is empty: one bin cannot show any drift") }
    fileprivate static func missingEdges(_ column: String) -> Self {
        Self("numeric column \(Sanitize.quoted(column)) needs `edges` (or `constant`)")
    }
    fileprivate static func wrongCountLength(_ column: String, _ bins: Int) -> Self {
        Self("column \(Sanitize.quoted(column)) needs \(bins) counts (one more than edges)")
    }
    fileprivate static var nonNumericInReference: Self { Self("a reference histogram cannot have `non_numeric` values") }
    fileprivate static var categoryCountsNotAnObject: Self { Self("categorical `counts` must be an object of category to count") }
    fileprivate static func moreValuesThanRows(_ column: String, rows: Int) -> Self {
        Self("column \(Sanitize.quoted(column)) counts more values than `rows` (\(rows))")
    }
    fileprivate static func valuesDoNotAddUp(_ column: String, values: Int, rows: Int) -> Self {
        Self("column \(Sanitize.quoted(column)) counts \(values) values but `rows` is \(rows)")
    }
    fileprivate static func differentEdges(_ column: String, in path: String) -> Self {
        Self("column \(Sanitize.quoted(column)) in \(Sanitize.quoted(path)) is not binned with the reference's edges")
    }
    fileprivate static func kindMismatch(_ column: String, in path: String) -> Self {
        Self("column \(Sanitize.quoted(column)) is categorical in the reference but numeric in \(Sanitize.quoted(path))")
    }
}
