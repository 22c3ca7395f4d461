/// The columns of a predictions file that `qgate score` needs, read once into
/// flat arrays: categorical columns as codes of one shared `CategoryCodes`
/// (so a label and a predicted label with the same text get the same code),
/// numeric columns as doubles.
struct PredictionTable {
    var path: String
    var rows = 0
    /// Labels and predicted labels (classification) share these codes.
    var classes = CategoryCodes()
    var labelCodes: [Int32] = []
    var predictionCodes: [Int32]?
    /// Regression: the label and the prediction as numbers.
    var labelValues: [Double] = []
    var predictionValues: [Double]?
    var scores: [Double]?
    /// Multiclass probability columns: the class code each holds, and its values.
    var probabilityClasses: [Int32] = []
    var probabilities: [[Double]] = []
    var groups: [(column: String, codes: CategoryCodes, rows: [Int32])] = []
    var latency: [Double]?
    /// Header positions of the label and prediction columns, to point at a cell later.
    var labelField = 0
    var predictionField: Int?
    /// Header positions of each probability column and each group column.
    var probabilityFields: [Int] = []
    var groupFields: [Int] = []
    /// The header, to point at a column's name.
    var header: CSVHeader?

    /// A cell that cannot be used, with its file position recovered for the message.
    static func cellError(_ message: ScoreError.Message, path: String, line: Int, field: Int, hint: String) -> ScoreError {
        let position = CSVReader.cell(path: path, line: line, field: field)
        // The position goes into the words when the location cannot hold it (`CSVReader.cell`); the kind stays.
        return ScoreError(ScoreError.Message(message.text + position.suffix, kind: message.kind.rawValue), at: position.at, hint: hint)
    }

    /// Where the cell of header column `field` in data row `row` (0-based, as in the arrays) is.
    func location(row: Int, field: Int) -> SourceLocation? {
        CSVReader.location(path: path, record: row, field: field)
    }

    static func load(path: String, options: ScoreOptions, regression: Bool) throws -> PredictionTable {
        var table = PredictionTable(path: path)
        enum Role {
            case label, prediction, score
            case probability(Int)
            case group(Int)
            case latency
        }
        var roles: [Role] = []
        var fields: [Int] = []  // header position of each selected column
        try CSVBatches.read(
            path: path,
            select: { header in
                table.header = header
                table.labelField = try header.index(of: options.label, role: "label")
                fields.append(table.labelField)
                roles.append(.label)
                if let p = options.prediction {
                    table.predictionField = try header.index(of: p, role: "prediction")
                    fields.append(table.predictionField!)
                    roles.append(.prediction)
                }
                if let s = options.score {
                    fields.append(try header.index(of: s, role: "score"))
                    roles.append(.score)
                }
                if let prefix = options.probabilityPrefix {
                    let matching = header.names.indices.filter { header[$0].hasPrefix(prefix) && header[$0].count > prefix.count }
                    if matching.isEmpty {
                        throw ScoreError(
                            .noProbabilityColumns(prefix: prefix, path: path),
                            at: header.row,
                            hint: "name them prefix + class label, e.g. \(Sanitize.inline(prefix))cat, \(Sanitize.inline(prefix))dog")
                    }
                    for i in matching {
                        fields.append(i)
                        roles.append(.probability(table.probabilities.count))
                        table.probabilityFields.append(i)
                        table.probabilityClasses.append(table.classes.code(String(header[i].dropFirst(prefix.count))))
                        table.probabilities.append([])
                    }
                }
                for (k, g) in options.groups.enumerated() {
                    fields.append(try header.index(of: g, role: "group"))
                    roles.append(.group(k))
                    table.groupFields.append(fields[fields.count - 1])
                    table.groups.append((g, CategoryCodes(), []))
                }
                if let l = options.latency {
                    fields.append(try header.index(of: l, role: "latency"))
                    roles.append(.latency)
                }
                var seen = Set<Int>()
                for (f, r) in zip(fields, roles) where !seen.insert(f).inserted {
                    if case .group = r { continue }
                    throw ScoreError(
                        .columnWithTwoRoles(header[f]), at: header.locations[f],
                        hint: "label, score, prediction and latency must be different columns")
                }
                if options.score != nil { table.scores = [] }
                if options.prediction != nil { if regression { table.predictionValues = [] } else { table.predictionCodes = [] } }
                if options.latency != nil { table.latency = [] }
                return fields
            }, header: { _ in },
            body: { batch in
                // Column by column: each column's cells go into a local array, appended
                // once per batch (no per-cell role switch or uniqueness check).
                try batch.withCells { cell in
                    func numbers(_ c: Int, _ what: String, range: ClosedRange<Double>? = nil, rangeHint: String = "") throws -> [Double] {
                        var out = [Double](repeating: 0, count: batch.rows)
                        for r in 0..<batch.rows {
                            let bytes = cell(r, c)
                            guard var v = CellValue.number(bytes), v.isFinite else {
                                if CellValue.isMissing(bytes) {
                                    throw cellError(
                                        .missingValue(what), path: path, line: batch.lines[r], field: fields[c],
                                        hint: "every row needs a \(what); drop or impute the row before scoring")
                                }
                                throw cellError(
                                    .notAFiniteNumber(what, String(decoding: bytes, as: UTF8.self)),
                                    path: path, line: batch.lines[r], field: fields[c], hint: "write a decimal number such as 0.73")
                            }
                            if let range, !range.contains(v) {
                                throw cellError(
                                    .outOfRange(what, v, range),
                                    path: path, line: batch.lines[r], field: fields[c], hint: rangeHint)
                            }
                            if v == 0 { v = 0 }  // -0.0 ties with 0.0
                            out[r] = v
                        }
                        return out
                    }
                    func codes(_ c: Int, _ interner: inout CategoryCodes, _ what: String, allowMissing: Bool = false) throws -> [Int32] {
                        var out = [Int32](repeating: 0, count: batch.rows)
                        for r in 0..<batch.rows {
                            let bytes = cell(r, c)
                            if !allowMissing && CellValue.isMissing(bytes) {
                                throw cellError(
                                    .missingValue(what), path: path, line: batch.lines[r], field: fields[c],
                                    hint: "every row needs a \(what); drop the row before scoring")
                            }
                            guard let k = interner.code(bytes) else {
                                throw cellError(
                                    .invalidUTF8(in: what), path: path, line: batch.lines[r], field: fields[c],
                                    hint: "write the file as UTF-8")
                            }
                            out[r] = k
                        }
                        return out
                    }
                    for (c, role) in roles.enumerated() {
                        switch role {
                        case .label:
                            if regression {
                                table.labelValues += try numbers(c, "label")
                            } else {
                                table.labelCodes += try codes(c, &table.classes, "label")
                            }
                        case .prediction:
                            if regression {
                                table.predictionValues? += try numbers(c, "prediction")
                            } else {
                                table.predictionCodes? += try codes(c, &table.classes, "prediction")
                            }
                        case .score: table.scores? += try numbers(c, "score")
                        case .probability(let k):
                            table.probabilities[k] += try numbers(
                                c, "probability", range: 0...1, rangeHint: "write class probabilities, not scores or logits")
                        case .group(let g): table.groups[g].rows += try codes(c, &table.groups[g].codes, "group", allowMissing: true)
                        case .latency:
                            table.latency? += try numbers(
                                c, "latency", range: 0...Double.infinity, rangeHint: "latency is a duration in milliseconds")
                        }
                    }
                }
                table.rows += batch.rows
            })
        if table.rows == 0 {
            throw ScoreError(
                .noRows(path), at: table.header?.row,
                hint: "score at least one prediction")
        }
        return table
    }
}

extension ScoreError.Message {
    fileprivate static func noProbabilityColumns(prefix: String, path: String) -> Self {
        Self("no probability columns starting with \(Sanitize.quoted(prefix)) in the header of \(Sanitize.quoted(path))")
    }
    fileprivate static func columnWithTwoRoles(_ column: String) -> Self { Self("column \(Sanitize.quoted(column)) is given two roles") }
    fileprivate static func missingValue(_ what: String) -> Self { Self("missing \(what)") }
    fileprivate static func notAFiniteNumber(_ what: String, _ cell: String) -> Self {
        Self("\(what) \(Sanitize.quoted(cell)) is not a finite number")
    }
    fileprivate static func outOfRange(_ what: String, _ value: Double, _ range: ClosedRange<Double>) -> Self {
        let f = NumberFormatting.exact
        return Self("\(what) \(f(value)) is outside [\(f(range.lowerBound)), \(range.upperBound.isFinite ? f(range.upperBound) : "∞")]")
    }
    fileprivate static func invalidUTF8(in what: String) -> Self { Self("invalid UTF-8 in the \(what)") }
    fileprivate static func noRows(_ path: String) -> Self { Self("\(Sanitize.quoted(path)) has a header but no rows") }
}
