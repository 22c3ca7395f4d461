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

    /// What one selected column's cells become: a number (optionally within a
    /// range) or a code of one of the interners (0: the shared classes, 1 + g: group g).
    /// Plain values only, so the per-cell loop touches no reference count.
    struct Column {
        var field: Int
        var isNumber: Bool
        /// Index into the numeric or the code columns.
        var slot: Int
        var interner = 0
        var allowMissing = false
        var low = -Double.infinity
        var high = Double.infinity
    }

    /// The words an error about a column's cell uses.
    struct ColumnWords {
        var what: String
        var rangeHint = ""
    }

    /// Reads `path` in one pass: each record is split in place and the cells of
    /// the selected columns converted straight into typed arrays (no batches, no
    /// copies of a field, no second thread). A bad cell stops the read at the
    /// first one in file order.
    static func load(path: String, options: ScoreOptions, regression: Bool) throws -> PredictionTable {
        var table = PredictionTable(path: path)
        var plan = ColumnPlan()
        var converter: Converter?
        defer { converter?.deallocate() }
        // Where each role's values end up: a slot of `numbers` or `codes`.
        var label = 0
        var prediction: Int?
        var score: Int?
        var probability: [Int] = []
        var group: [Int] = []
        var latency: Int?
        try CSVRecords.read(
            path: path,
            header: { header in
                table.header = header
                var fields: [(Int, isGroup: Bool)] = []
                table.labelField = try header.index(of: options.label, role: "label")
                fields.append((table.labelField, false))
                if let p = options.prediction {
                    table.predictionField = try header.index(of: p, role: "prediction")
                    fields.append((table.predictionField!, false))
                }
                var scoreField: Int?
                if let s = options.score {
                    scoreField = try header.index(of: s, role: "score")
                    fields.append((scoreField!, false))
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
                        fields.append((i, false))
                        table.probabilityFields.append(i)
                        table.probabilityClasses.append(table.classes.code(String(header[i].dropFirst(prefix.count))))
                    }
                }
                for g in options.groups {
                    let field = try header.index(of: g, role: "group")
                    fields.append((field, true))
                    table.groupFields.append(field)
                    table.groups.append((g, CategoryCodes(), []))
                }
                var latencyField: Int?
                if let l = options.latency {
                    latencyField = try header.index(of: l, role: "latency")
                    fields.append((latencyField!, false))
                }
                var seen = Set<Int>()
                for (f, isGroup) in fields where !seen.insert(f).inserted && !isGroup {
                    throw ScoreError(
                        .columnWithTwoRoles(header[f]), at: header.locations[f],
                        hint: "label, score, prediction and latency must be different columns")
                }
                // Read in header-role order, as the errors of one record are checked.
                label = regression ? plan.number(table.labelField, "label") : plan.code(table.labelField, "label", interner: 0)
                if let f = table.predictionField {
                    prediction = regression ? plan.number(f, "prediction") : plan.code(f, "prediction", interner: 0)
                }
                if let f = scoreField { score = plan.number(f, "score") }
                for f in table.probabilityFields {
                    probability.append(
                        plan.number(f, "probability", range: 0...1, rangeHint: "write class probabilities, not scores or logits"))
                }
                for (g, f) in table.groupFields.enumerated() {
                    group.append(plan.code(f, "group", interner: 1 + g, allowMissing: true))
                }
                if let f = latencyField {
                    latency = plan.number(f, "latency", range: 0...Double.infinity, rangeHint: "latency is a duration in milliseconds")
                }
                converter = Converter(plan: plan, interners: [table.classes] + table.groups.map(\.codes))
            },
            record: { fields, line in
                if let c = converter!.add(fields) {
                    let column = plan.columns[c]
                    let bytes = fields[column.field]
                    throw column.isNumber
                        ? Self.badNumber(bytes, column, plan.words[c], path: path, line: line)
                        : Self.badCode(bytes, column, plan.words[c], path: path, line: line)
                }
                return true
            })
        // The label column is always read: its count is the rows'.
        let rows = converter.map { c in regression ? c.numbers[label].count : c.codes[label].count } ?? 0
        if rows == 0 {
            throw ScoreError(
                .noRows(path), at: table.header?.row,
                hint: "score at least one prediction")
        }
        let (numbers, codes, interners) = (converter!.numbers, converter!.codes, converter!.interners)
        table.rows = rows
        table.classes = interners[0]
        for g in table.groups.indices {
            table.groups[g].codes = interners[1 + g]
            table.groups[g].rows = codes[group[g]]
        }
        if regression {
            table.labelValues = numbers[label]
            table.predictionValues = prediction.map { numbers[$0] }
        } else {
            table.labelCodes = codes[label]
            table.predictionCodes = prediction.map { codes[$0] }
        }
        table.scores = score.map { numbers[$0] }
        table.probabilities = probability.map { numbers[$0] }
        table.latency = latency.map { numbers[$0] }
        return table
    }

    /// The columns a read converts, in the order each record's cells are checked.
    struct ColumnPlan {
        var columns: [Column] = []
        var words: [ColumnWords] = []
        var numberColumns = 0
        var codeColumns = 0

        /// Adds a numeric column; returns its slot among the numeric columns.
        mutating func number(_ field: Int, _ what: String, range: ClosedRange<Double>? = nil, rangeHint: String = "") -> Int {
            columns.append(
                Column(
                    field: field, isNumber: true, slot: numberColumns, low: range?.lowerBound ?? -.infinity,
                    high: range?.upperBound ?? .infinity))
            words.append(ColumnWords(what: what, rangeHint: rangeHint))
            numberColumns += 1
            return numberColumns - 1
        }

        /// Adds a categorical column coded by interner `interner`; returns its slot among the code columns.
        mutating func code(_ field: Int, _ what: String, interner: Int, allowMissing: Bool = false) -> Int {
            columns.append(Column(field: field, isNumber: false, slot: codeColumns, interner: interner, allowMissing: allowMissing))
            words.append(ColumnWords(what: what))
            codeColumns += 1
            return codeColumns - 1
        }
    }

    /// A plan's columns converted into typed arrays as each record is read.
    /// The arrays sit in memory of the converter's own, reached through pointers
    /// that never change, and the converter is nothing but those pointers: a
    /// record's conversion retains nothing and needs no exclusivity check
    /// (arrays of arrays captured by the reading closure cost both, per record).
    /// Its owner calls `deallocate()`.
    struct Converter {
        let columns: UnsafeMutableBufferPointer<Column>
        let numbers: UnsafeMutableBufferPointer<[Double]>
        let codes: UnsafeMutableBufferPointer<[Int32]>
        let interners: UnsafeMutableBufferPointer<CategoryCodes>

        init(plan: ColumnPlan, interners: [CategoryCodes]) {
            columns = .allocate(capacity: plan.columns.count)
            _ = columns.initialize(from: plan.columns)
            numbers = .allocate(capacity: plan.numberColumns)
            numbers.initialize(repeating: [])
            codes = .allocate(capacity: plan.codeColumns)
            codes.initialize(repeating: [])
            self.interners = .allocate(capacity: interners.count)
            _ = self.interners.initialize(from: interners)
        }

        func deallocate() {
            columns.deallocate()
            numbers.deinitialize().deallocate()
            codes.deinitialize().deallocate()
            interners.deinitialize().deallocate()
        }

        /// Converts one record's cells in plan order; the index of the first bad one, nil if none.
        @inline(__always) func add(_ fields: CSVFields) -> Int? {
            for c in columns.indices {
                let column = columns[c]
                let bytes = fields[column.field]
                if column.isNumber {
                    guard let v = PredictionTable.number(bytes, column) else { return c }
                    numbers[column.slot].append(v)
                } else {
                    guard let k = PredictionTable.code(bytes, column, &interners[column.interner]) else { return c }
                    codes[column.slot].append(k)
                }
            }
            return nil
        }
    }

    /// A numeric cell's value (−0 read as 0, so it ties with 0); nil if it is
    /// missing, not a finite number or outside the column's range (`badNumber` says which).
    @inline(__always) static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Column) -> Double? {
        guard var v = CellValue.number(bytes), v.isFinite, v >= column.low, v <= column.high else { return nil }
        if v == 0 { v = 0 }
        return v
    }

    /// A categorical cell's code; nil if it is missing where a value is needed, or not UTF-8.
    @inline(__always) static func code(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Column, _ interner: inout CategoryCodes) -> Int32? {
        if !column.allowMissing && CellValue.isMissing(bytes) { return nil }
        return interner.code(bytes)
    }

    /// Why `number` refused a cell.
    static func badNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Column, _ words: ColumnWords, path: String, line: Int)
        -> ScoreError
    {
        let what = words.what
        guard let v = CellValue.number(bytes), v.isFinite else {
            if CellValue.isMissing(bytes) {
                return cellError(
                    .missingValue(what), path: path, line: line, field: column.field,
                    hint: "every row needs a \(what); drop or impute the row before scoring")
            }
            return cellError(
                .notAFiniteNumber(what, String(decoding: bytes, as: UTF8.self)),
                path: path, line: line, field: column.field, hint: "write a decimal number such as 0.73")
        }
        return cellError(.outOfRange(what, v, column.low...column.high), path: path, line: line, field: column.field, hint: words.rangeHint)
    }

    /// Why `code` refused a cell.
    static func badCode(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Column, _ words: ColumnWords, path: String, line: Int) -> ScoreError
    {
        if !column.allowMissing && CellValue.isMissing(bytes) {
            return cellError(
                .missingValue(words.what), path: path, line: line, field: column.field,
                hint: "every row needs a \(words.what); drop the row before scoring")
        }
        return cellError(.invalidUTF8(in: words.what), path: path, line: line, field: column.field, hint: "write the file as UTF-8")
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
