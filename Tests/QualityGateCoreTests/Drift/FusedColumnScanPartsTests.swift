import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Reading a file in parts on several threads (`CSVParts`) gives, byte for
/// byte, the serial read's histograms and errors: the same edges, counts and
/// categories, and every error at the same file:line:col.
final class FusedColumnScanPartsTests: TemporaryDirectoryTestCase {
    private let defaultCount = CSVParts.count

    override func tearDownWithError() throws {
        CSVParts.count = defaultCount
        CSVParts.minimumBytes = 4 << 20
        FusedColumnScan.inMemoryValues = 16 << 20
        try super.tearDownWithError()
    }

    /// Both files' histograms as text, or the error's `file:line:col: error: message` line.
    func drift(_ ref: String, _ cur: String, parts: Int, config: DriftConfig = DriftConfig()) -> String {
        CSVParts.count = parts
        CSVParts.minimumBytes = 1
        do {
            let r = try DriftProfiler.reference(path: ref, config: config)
            let c = try DriftProfiler.current(path: cur, reference: r.columns, config: config)
            func dump(_ h: [ColumnHistogram]) -> String {
                h.map { x in
                    let cats = x.categoryCounts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    return
                        "\(x.name) \(x.kind) edges=\(x.edges.map(\.bitPattern)) constant=\(x.constant.map { $0.bitPattern } as Any) counts=\(x.counts) cats=\(cats) missing=\(x.missing) nonNumeric=\(x.nonNumeric) rows=\(x.rows)"
                }.joined(separator: "\n")
            }
            return
                "ref \(r.rows)\n\(dump(r.columns))\ncur \(c.rows)\n\(dump(c.columns))\nextra \(c.extra.map { "\($0.name)=\($0.missing)" })"
        } catch {
            return String(describing: error)
        }
    }

    /// `rows` records of a numeric column with ties, signed zeros, missing and
    /// overflowing cells, a categorical column with multi-byte values, and a text column.
    func table(rows: Int, seed: UInt64, lineEnd: String = "\n", quotes: Bool = false, extra: Bool = false) -> String {
        var rng = SplitMix64(seed: seed)
        let words = ["alpha", "béta", "日本語", "γ", "", "NA", "delta-long-category-name"]
        var text = "x,n,cat,t" + (extra ? ",e" : "") + lineEnd
        for r in 0..<rows {
            let k = rng.next()
            let x: String
            switch k % 40 {
            case 0: x = "NA"
            case 1: x = "1e999"
            case 2: x = "-0.0"
            case 3: x = "0.0"
            default: x = String(Double(Int64(bitPattern: k % 2_000_001) - 1_000_000) / 1000)
            }
            var cat = words[Int(k >> 20) % words.count]
            if quotes && r % 97 == 5 { cat = "\"a,\"\"b\"\"\"" }
            text += "\(x),\(k % 7),\(cat),w\(k % 5)" + (extra ? ",\(k % 3 == 0 ? "" : "1")" : "") + lineEnd
            if r % 500 == 250 { text += lineEnd }  // a blank line now and then
        }
        return text
    }

    /// The same text in 2, 3 and 5 parts as serially; `inParts` of the two files read in parts.
    func assertSameInParts(_ ref: String, _ cur: String, config: DriftConfig = DriftConfig(), inParts: Int, line: UInt = #line) {
        let serial = drift(ref, cur, parts: 1, config: config)
        for parts in [2, 3, 5] {
            let before = FusedColumnScan.readInParts
            XCTAssertEqual(drift(ref, cur, parts: parts, config: config), serial, "\(parts) parts", line: line)
            XCTAssertEqual(FusedColumnScan.readInParts - before, inParts, "\(parts) parts: files read in parts", line: line)
        }
    }

    /// A named pipe is read serially and whole: looking at it for parts must not open it
    /// (that waited for the writer and then lost what it wrote; the serial read hung).
    func testANamedPipeIsReadSeriallyAndWhole() throws {
        let ref = try write("ref.csv", table(rows: 3000, seed: 7))
        let text = table(rows: 3000, seed: 8)
        let file = try write("cur.csv", text)
        let fifo = dir + "/cur.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(text.utf8))
                handle.closeFile()
            }
        }
        writer.start()
        XCTAssertEqual(drift(ref, fifo, parts: 2), drift(ref, file, parts: 1))
    }

    func testPartsGiveTheSerialHistograms() throws {
        for (name, lineEnd) in [("lf", "\n"), ("crlf", "\r\n")] {
            let ref = try write("\(name)-r.csv", table(rows: 3000, seed: 1, lineEnd: lineEnd))
            let cur = try write("\(name)-c.csv", table(rows: 2000, seed: 2, lineEnd: lineEnd, extra: true))
            for binning in DriftConfig.Binning.allCases {
                var config = DriftConfig()
                config.binning = binning
                assertSameInParts(ref, cur, config: config, inParts: 2)
            }
        }
    }

    func testALastRecordWithoutALineEndIsCounted() throws {
        var text = table(rows: 1000, seed: 3)
        text.removeLast()
        let ref = try write("r.csv", text)
        assertSameInParts(ref, ref, inParts: 2)
        XCTAssertTrue(drift(ref, ref, parts: 2).hasPrefix("ref 1000\n"))
    }

    /// Lines of equal length put the equal shares exactly on line starts; multi-byte lines put them inside characters.
    func testCutsOnLineStartsAndInsideCharactersGiveTheSerialHistograms() throws {
        let even = try write("even.csv", "x,c\n" + (0..<600).map { "\(100 + $0 % 900),k\($0 % 3)\n" }.joined())
        assertSameInParts(even, even, inParts: 2)
        let wide = try write("wide.csv", "x,c\n" + (0..<600).map { "\($0 % 17),日本語\($0 % 4)€€€\n" }.joined())
        assertSameInParts(wide, wide, inParts: 2)
    }

    func testQuotedFieldsAreReadSerially() throws {
        let ref = try write("r.csv", table(rows: 2000, seed: 4, quotes: true))
        assertSameInParts(ref, ref, inParts: 0)
        XCTAssertTrue(drift(ref, ref, parts: 2).contains(#""a,\"b\"=21""#), "the quoted value, as an array of strings prints it")
    }

    /// Numbers in the first part, text in a later one: the serial read counts the numbers as categories too.
    func testAColumnThatTurnsTextInALaterPartIsReadSerially() throws {
        let text = "x,t\n" + (0..<1000).map { "\($0),\($0 < 900 ? "\($0 % 5)" : "late")\n" }.joined()
        let ref = try write("r.csv", text)
        // The current file is read in parts: `t` is categorical there from the start.
        assertSameInParts(ref, ref, inParts: 1)
        XCTAssertTrue(drift(ref, ref, parts: 2).contains("t categorical"))
    }

    /// More values than can be held (about 5,900 numbers against 500): the serial read
    /// streams them (the bounded-memory path), and goes there first: the estimate from
    /// the first records keeps the parts from reading the file only to give up.
    func testMoreValuesThanHeldAreReadSeriallyWithoutReadingInPartsFirst() throws {
        FusedColumnScan.inMemoryValues = 500
        let ref = try write("r.csv", table(rows: 3000, seed: 5))
        let cur = try write("c.csv", table(rows: 100, seed: 6))
        let serial = drift(ref, cur, parts: 1)
        let (before, gaveUp) = (FusedColumnScan.readInParts, FusedColumnScan.partsGaveUp)
        XCTAssertEqual(drift(ref, cur, parts: 2), serial)
        XCTAssertEqual(FusedColumnScan.readInParts - before, 1, "only the current file is read in parts")
        XCTAssertEqual(FusedColumnScan.partsGaveUp - gaveUp, 0, "the reference is not read in parts first")
        // Room for all of them: the same file is read in parts.
        FusedColumnScan.inMemoryValues = 16 << 20
        let held = drift(ref, cur, parts: 1)
        let again = FusedColumnScan.readInParts
        XCTAssertEqual(drift(ref, cur, parts: 2), held)
        XCTAssertEqual(FusedColumnScan.readInParts - again, 2)
    }

    /// Numbers only after the first part: the estimate from the first records lets the parts
    /// try, they give up on their limit (the exact test), and the serial read streams.
    func testValuesTheEstimateMissesMakeThePartsGiveUp() throws {
        FusedColumnScan.inMemoryValues = 500
        let text = "x\n" + (0..<3000).map { $0 < 1500 ? "NA\n" : "\($0 % 97).5\n" }.joined()
        let ref = try write("r.csv", text)
        let cur = try write("c.csv", table(rows: 100, seed: 6))
        let serial = drift(ref, cur, parts: 1)
        let (before, gaveUp) = (FusedColumnScan.readInParts, FusedColumnScan.partsGaveUp)
        XCTAssertEqual(drift(ref, cur, parts: 2), serial)
        XCTAssertEqual(FusedColumnScan.readInParts - before, 1, "only the current file is read in parts")
        XCTAssertEqual(FusedColumnScan.partsGaveUp - gaveUp, 1)
    }

    func testErrorsInALaterPartAreReportedWhereTheSerialReadFindsThem() throws {
        let good = table(rows: 2000, seed: 7)
        let badUTF8 = dir + "/utf8.csv"
        try Data(Array(good.utf8) + Array("1.5,3,bad".utf8) + [0xFF] + Array(",w1\n".utf8)).write(to: URL(fileURLWithPath: badUTF8))
        let cases = [
            ("utf8", badUTF8),
            ("width", try write("width.csv", good + "1.5,3,alpha\n")),
            ("quote", try write("quote.csv", good + "1.5,3,al\"pha,w1\n" + table(rows: 10, seed: 8).dropFirst(10))),
            ("unterminated", try write("open.csv", good + "1.5,3,\"alpha,w1\n"))
        ]
        let fine = try write("fine.csv", table(rows: 100, seed: 9))
        for (name, path) in cases {
            let serial = drift(path, fine, parts: 1)
            XCTAssertTrue(serial.contains(": error: "), "\(name): \(serial)")
            XCTAssertTrue(serial.hasPrefix(path + ":"), "\(name): \(serial)")
            for parts in [2, 3] {
                XCTAssertEqual(drift(path, fine, parts: parts), serial, "\(name) reference, \(parts) parts")
                XCTAssertEqual(drift(fine, path, parts: parts), drift(fine, path, parts: 1), "\(name) current, \(parts) parts")
            }
        }
    }
}
