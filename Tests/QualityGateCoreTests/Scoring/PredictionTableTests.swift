import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The one-pass predictions reader against the batched reader it replaced
/// (`batchedLoad` below: `CSVBatches` split and copied the fields, then each
/// column was converted): on random files with ties, −0, missing and bad cells,
/// quoted fields with commas and line breaks, CRLF and blank lines, both give
/// the same table or the same error at the same position.
final class PredictionTableTests: TemporaryDirectoryTestCase {
    /// The reader before the one-pass one, with its batch-by-batch, column-by-column
    /// conversion; the cell conversions and error texts are shared.
    static func batchedLoad(path: String, options o: ScoreOptions, regression: Bool) throws -> PredictionTable {
        var table = PredictionTable(path: path)
        var plan: [(PredictionTable.Column, PredictionTable.ColumnWords, role: String)] = []
        var numbers: [[Double]] = []
        var codes: [[Int32]] = []
        var interners: [CategoryCodes] = []
        try CSVBatches.read(
            path: path,
            select: { header in
                table.header = header
                func add(
                    _ field: Int, _ what: String, _ role: String, number: Bool, interner: Int = 0, range: ClosedRange<Double>? = nil,
                    hint: String = ""
                ) {
                    let slot = number ? numbers.count : codes.count
                    if number { numbers.append([]) } else { codes.append([]) }
                    plan.append(
                        (
                            PredictionTable.Column(
                                field: field, isNumber: number, slot: slot, interner: interner, allowMissing: role == "group",
                                low: range?.lowerBound ?? -.infinity, high: range?.upperBound ?? .infinity),
                            PredictionTable.ColumnWords(what: what, rangeHint: hint), role
                        ))
                }
                table.labelField = try header.index(of: o.label, role: "label")
                add(table.labelField, "label", "label", number: regression)
                if let p = o.prediction {
                    table.predictionField = try header.index(of: p, role: "prediction")
                    add(table.predictionField!, "prediction", "prediction", number: regression)
                }
                if let s = o.score { add(try header.index(of: s, role: "score"), "score", "score", number: true) }
                if let prefix = o.probabilityPrefix {
                    for i in header.names.indices where header[i].hasPrefix(prefix) && header[i].count > prefix.count {
                        table.probabilityFields.append(i)
                        table.probabilityClasses.append(table.classes.code(String(header[i].dropFirst(prefix.count))))
                        add(
                            i, "probability", "probability", number: true, range: 0...1,
                            hint: "write class probabilities, not scores or logits")
                    }
                }
                for (g, name) in o.groups.enumerated() {
                    let f = try header.index(of: name, role: "group")
                    table.groupFields.append(f)
                    table.groups.append((name, CategoryCodes(), []))
                    add(f, "group", "group", number: false, interner: 1 + g)
                }
                if let l = o.latency {
                    add(
                        try header.index(of: l, role: "latency"), "latency", "latency", number: true, range: 0...Double.infinity,
                        hint: "latency is a duration in milliseconds")
                }
                interners = [table.classes] + table.groups.map(\.codes)
                return plan.map(\.0.field)
            }, header: { _ in },
            body: { batch in
                try batch.withCells { cell in
                    for (c, (column, words, _)) in plan.enumerated() {
                        for r in 0..<batch.rows {
                            let bytes = cell(r, c)
                            if column.isNumber {
                                guard let v = PredictionTable.number(bytes, column) else {
                                    throw PredictionTable.badNumber(bytes, column, words, path: path, line: batch.lines[r])
                                }
                                numbers[column.slot].append(v)
                            } else {
                                guard let k = PredictionTable.code(bytes, column, &interners[column.interner]) else {
                                    throw PredictionTable.badCode(bytes, column, words, path: path, line: batch.lines[r])
                                }
                                codes[column.slot].append(k)
                            }
                        }
                    }
                }
                table.rows += batch.rows
            })
        table.classes = interners[0]
        for g in table.groups.indices {
            table.groups[g].codes = interners[1 + g]
            table.groups[g].rows = codes[plan.first { $0.role == "group" && $0.0.interner == 1 + g }!.0.slot]
        }
        func values(_ role: String) -> [[Double]] { plan.filter { $0.role == role }.map { numbers[$0.0.slot] } }
        func codesOf(_ role: String) -> [[Int32]] { plan.filter { $0.role == role }.map { codes[$0.0.slot] } }
        if regression {
            table.labelValues = values("label")[0]
            table.predictionValues = values("prediction").first
        } else {
            table.labelCodes = codesOf("label")[0]
            table.predictionCodes = codesOf("prediction").first
        }
        table.scores = values("score").first
        table.probabilities = values("probability")
        table.latency = values("latency").first
        return table
    }

    /// The table's contents, numbers by bit pattern (−0 and 0 differ there), for comparing.
    static func summary(_ t: PredictionTable) -> String {
        func bits(_ v: [Double]?) -> String { v.map { $0.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") } ?? "-" }
        var s = "rows \(t.rows)\nclasses \(t.classes.names)\nlabels \(t.labelCodes) \(bits(t.labelValues))\n"
        s += "predictions \(t.predictionCodes.map { "\($0)" } ?? "-") \(bits(t.predictionValues))\n"
        s += "scores \(bits(t.scores))\nlatency \(bits(t.latency))\n"
        s += "probabilities \(t.probabilityClasses) \(t.probabilityFields) \(t.probabilities.map { bits($0) })\n"
        for g in t.groups { s += "group \(g.column) \(g.codes.names) \(g.rows)\n" }
        s += "fields \(t.labelField) \(String(describing: t.predictionField)) \(t.groupFields)\n"
        return s
    }

    static func outcome(_ body: () throws -> PredictionTable) -> String {
        do { return summary(try body()) } catch let e as ScoreError {
            return "ScoreError \(e.kind) \(e.message) \(String(describing: e.location)) \(e.hint ?? "")"
        } catch let e as CSVError {
            return "CSVError \(e.kind) \(e.message) \(String(describing: e.location)) \(e.hint ?? "")"
        } catch {
            return "error \(error)"
        }
    }

    /// A random predictions file: at most one defect (a bad cell, a short row), as
    /// the two readers may stop at different ones of several (the old one column by column within a batch).
    static func randomFile(_ rng: inout SplitMix64, rows: Int, task: Int) -> String {
        func pick<T>(_ xs: [T]) -> T { xs[rng.index(below: xs.count)] }
        let newline = rng.index(below: 2) == 0 ? "\n" : "\r\n"
        let header: [String]
        switch task {
        case 0: header = ["y", "p", "\"note, with comma\"", "g", "lat"]
        case 1: header = ["y", "yhat", "note", "g"]
        default: header = ["y", "yhat", "proba_a", "proba_b", "g"]
        }
        var lines = [header.joined(separator: ",")]
        let defectRow = rng.index(below: 3) == 0 ? rng.index(below: rows) : -1
        let good = ["0.5", "0.25", "0", "-0", "1", "0.1234", "1e-3", "0.7500", "\"0.5\"", "+0.5", ".5", "0.30000000000000004"]
        let bad = ["", "NA", "NaN", "abc", "1e999", "\"\"", "-1", "2", "inf", "1,5", "\u{1}", "\"0.5\"x"]
        for r in 0..<rows {
            var cells: [String]
            let note = pick(["plain", "\"a,b\"", "\"line\(newline)break\"", "\"say \"\"hi\"\"\"", ""])
            let group = pick(["a", "b", "\"c,d\"", "", "NA", "\"é\""])
            switch task {
            case 0:
                cells = [pick(["0", "1"]), pick(good), note, group, pick(["12.5", "0", "3", "\"7.25\"", "1e2", "0.001"])]
            case 1:
                cells = [pick(["1.5", "-2", "0", "3.25", "-0"]), pick(["1.5", "2", "\"0.5\"", "-3"]), note, group]
            default:
                cells = [
                    pick(["a", "b"]), pick(["a", "b", "\"a\""]), pick(["0.25", "0.75", "1", "0"]), pick(["0.5", "0", "1", "0.125"]), group
                ]
            }
            if r == defectRow {
                if rng.index(below: 6) == 0 {
                    cells.removeLast()
                } else {
                    let c = pick([0, 1, cells.count - 1, 2, 3].filter { $0 < cells.count })
                    cells[c] = pick(bad)
                }
            }
            lines.append(cells.joined(separator: ","))
            if rng.index(below: 50) == 0 { lines.append("") }
        }
        return lines.joined(separator: newline) + (rng.index(below: 2) == 0 ? newline : "")
    }

    func testOnePassReaderMatchesTheBatchedReader() throws {
        var rng = SplitMix64(seed: 22)
        var defects = Set<String>()
        for round in 0..<600 {
            let task = round % 3
            let rows = [1, 2, 5, 40, 300][rng.index(below: 5)]
            // U+0001 stands for a byte that is not UTF-8.
            let bytes = Array(Self.randomFile(&rng, rows: rows, task: task).utf8).map { $0 == 1 ? 0xFF : $0 }
            let path = dir + "/p\(round).csv"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            var o = ScoreOptions()
            switch task {
            case 0:
                o.score = "p"
                o.latency = "lat"
                o.groups = ["g"]
            case 1:
                o.prediction = "yhat"
                o.groups = ["g", "note"]
            default:
                o.prediction = "yhat"
                o.probabilityPrefix = "proba_"
                o.groups = ["g"]
            }
            let regression = task == 1
            let new = Self.outcome { try PredictionTable.load(path: path, options: o, regression: regression) }
            let old = Self.outcome { try Self.batchedLoad(path: path, options: o, regression: regression) }
            XCTAssertEqual(new, old, "file \(round):\n" + String(decoding: bytes, as: UTF8.self))
            if !new.hasPrefix("rows") {
                defects.insert(String(new.prefix(while: { $0 != " " })) + " " + String(new.split(separator: " ")[1]))
            }
        }
        // The random files reach every kind of bad cell and a short row.
        XCTAssertEqual(
            defects,
            [
                "CSVError rowWidth", "ScoreError missingValue", "ScoreError notAFiniteNumber", "ScoreError outOfRange",
                "ScoreError invalidUTF8", "CSVError textAfterClosingQuote"
            ])
    }

    /// A bad cell is still reported at its own line and column when a quoted
    /// field before it spans lines and the file uses CRLF.
    func testBadCellAfterAMultiLineQuotedFieldKeepsItsPosition() throws {
        let path = try write("p.csv", "y,note,p\r\n1,\"two\r\nlines\",0.5\r\n0,x,abc\r\n")
        var o = ScoreOptions()
        o.score = "p"
        XCTAssertThrowsError(try PredictionTable.load(path: path, options: o, regression: false)) { error in
            let e = error as? ScoreError
            XCTAssertEqual(e?.kind, "notAFiniteNumber")
            XCTAssertEqual(e?.message, "score `abc` is not a finite number")
            XCTAssertEqual(e?.location?.line, 4)
            XCTAssertEqual(e?.location?.column, 5)
        }
    }

    /// Percentiles by radix select equal those of the sorted values, ties and extremes included.
    func testLatencySelectMatchesSorting() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<300 {
            let n = [1, 2, 3, 10, 1000, 70_000][round % 6]
            let values: [Double] = (0..<n).map { _ in
                switch rng.index(below: 5) {
                case 0: return Double(rng.index(below: 4))
                case 1: return Double(rng.index(below: 1_000_000)) / 1000
                case 2: return Double(bitPattern: UInt64(rng.index(below: Int.max)) >> 1)
                case 3: return 1e300
                default: return Double(rng.index(below: 100)) * 0.1
                }
            }
            let sorted = values.sorted()
            let m = LatencySummary.compute(values)
            for q in LatencySummary.percentiles {
                XCTAssertEqual(m["latency.p\(q)_ms"]??.bitPattern, Percentile.linear(sorted, Double(q)).bitPattern, "n \(n) p\(q)")
            }
            XCTAssertEqual(m["latency.max_ms"]??.bitPattern, sorted.last!.bitPattern)
        }
    }
}
