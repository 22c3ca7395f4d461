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

    /// A cell that cannot be used, with its file position recovered for the message.
    static func cellError(_ message: String, path: String, line: Int, field: Int, hint: String) -> ScoreError {
        ScoreError(message, at: CSVReader.location(path: path, line: line, field: field), hint: hint)
    }

    static func load(path: String, options: ScoreOptions, regression: Bool) throws -> PredictionTable {
        var table = PredictionTable(path: path)
        enum Role { case label, prediction, score, probability(Int), group(Int), latency }
        var roles: [Role] = []
        var fields: [Int] = []  // header position of each selected column
        try CSVBatches.read(path: path, select: { header in
            func column(_ name: String, _ what: String) throws -> Int {
                if let i = header.firstIndex(of: name) { return i }
                let suggestion = Suggestion.closest(to: name, in: header).map { " — did you mean \(Sanitize.quoted($0))?" } ?? ""
                throw ScoreError("no \(what) column \(Sanitize.quoted(name)) in the header of \(Sanitize.quoted(path))\(suggestion)",
                                 at: SourceLocation(file: path, line: 1, column: 1),
                                 hint: "the header has: \(header.prefix(20).map(Sanitize.inline).joined(separator: ", "))")
            }
            table.labelField = try column(options.label, "label")
            fields.append(table.labelField); roles.append(.label)
            if let p = options.prediction {
                table.predictionField = try column(p, "prediction")
                fields.append(table.predictionField!); roles.append(.prediction)
            }
            if let s = options.score { fields.append(try column(s, "score")); roles.append(.score) }
            if let prefix = options.probabilityPrefix {
                let matching = header.indices.filter { header[$0].hasPrefix(prefix) && header[$0].count > prefix.count }
                if matching.isEmpty {
                    throw ScoreError("no probability columns starting with \(Sanitize.quoted(prefix)) in the header of \(Sanitize.quoted(path))",
                                     at: SourceLocation(file: path, line: 1, column: 1),
                                     hint: "name them prefix + class label, e.g. \(Sanitize.inline(prefix))cat, \(Sanitize.inline(prefix))dog")
                }
                for i in matching {
                    fields.append(i); roles.append(.probability(table.probabilities.count))
                    table.probabilityClasses.append(table.classes.code(String(header[i].dropFirst(prefix.count))))
                    table.probabilities.append([])
                }
            }
            for (k, g) in options.groups.enumerated() {
                fields.append(try column(g, "group")); roles.append(.group(k))
                table.groups.append((g, CategoryCodes(), []))
            }
            if let l = options.latency { fields.append(try column(l, "latency")); roles.append(.latency) }
            var seen = Set<Int>()
            for (f, r) in zip(fields, roles) where !seen.insert(f).inserted {
                if case .group = r { continue }
                throw ScoreError("column \(Sanitize.quoted(header[f])) is given two roles", hint: "label, score, prediction and latency must be different columns")
            }
            if options.score != nil { table.scores = [] }
            if options.prediction != nil { if regression { table.predictionValues = [] } else { table.predictionCodes = [] } }
            if options.latency != nil { table.latency = [] }
            return fields
        }, header: { _ in }, body: { batch in
            try batch.withCells { cell in
                for r in 0..<batch.rows {
                    for (c, role) in roles.enumerated() {
                        let bytes = cell(r, c)
                        func number(_ what: String, finite: Bool = true) throws -> Double {
                            if CellValue.isMissing(bytes) {
                                throw cellError("missing \(what)", path: path, line: batch.lines[r], field: fields[c],
                                                hint: "every row needs a \(what); drop or impute the row before scoring")
                            }
                            guard var v = CellValue.number(bytes), v.isFinite else {
                                throw cellError("\(what) \(Sanitize.quoted(String(decoding: bytes, as: UTF8.self))) is not a finite number",
                                                path: path, line: batch.lines[r], field: fields[c], hint: "write a decimal number such as 0.73")
                            }
                            if v == 0 { v = 0 }  // -0.0 ties with 0.0
                            return v
                        }
                        func code(_ codes: inout CategoryCodes, _ what: String) throws -> Int32 {
                            if CellValue.isMissing(bytes) && what != "group" {
                                throw cellError("missing \(what)", path: path, line: batch.lines[r], field: fields[c],
                                                hint: "every row needs a \(what); drop the row before scoring")
                            }
                            guard let k = codes.code(bytes) else {
                                throw cellError("invalid UTF-8 in the \(what)", path: path, line: batch.lines[r], field: fields[c], hint: "write the file as UTF-8")
                            }
                            return k
                        }
                        switch role {
                        case .label:
                            if regression { table.labelValues.append(try number("label")) } else { table.labelCodes.append(try code(&table.classes, "label")) }
                        case .prediction:
                            if regression { table.predictionValues!.append(try number("prediction")) }
                            else { table.predictionCodes!.append(try code(&table.classes, "prediction")) }
                        case .score: table.scores!.append(try number("score"))
                        case .probability(let k):
                            let v = try number("probability")
                            if v < 0 || v > 1 {
                                throw cellError("probability \(NumberFormatting.exact(v)) is outside [0, 1]", path: path, line: batch.lines[r],
                                                field: fields[c], hint: "write class probabilities, not scores or logits")
                            }
                            table.probabilities[k].append(v)
                        case .group(let g): table.groups[g].rows.append(try code(&table.groups[g].codes, "group"))
                        case .latency:
                            let v = try number("latency")
                            if v < 0 {
                                throw cellError("negative latency \(NumberFormatting.exact(v))", path: path, line: batch.lines[r], field: fields[c],
                                                hint: "latency is a duration in milliseconds")
                            }
                            table.latency!.append(v)
                        }
                    }
                }
            }
            table.rows += batch.rows
        })
        if table.rows == 0 {
            throw ScoreError("\(Sanitize.quoted(path)) has a header but no rows", at: SourceLocation(file: path, line: 2, column: 1),
                             hint: "score at least one prediction")
        }
        return table
    }
}
