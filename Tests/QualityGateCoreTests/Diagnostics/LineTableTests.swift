import Dispatch
import XCTest

@testable import QualityGateCore

/// Byte offsets to lines and columns: columns count Unicode scalars, every
/// line break (LF, CRLF, lone CR) starts a line.
final class LineTableTests: XCTestCase {
    func table(_ s: String) -> LineTable { LineTable(Array(s.utf8)) }

    func testLinesAndColumns() {
        let t = table("ab\ncd\r\nef\rg")
        XCTAssertEqual(t.position(of: 0).line, 1)
        XCTAssertEqual(
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map { t.position(of: $0) }.map { "\($0.line):\($0.column)" },
            ["1:1", "1:2", "1:3", "2:1", "2:2", "2:3", "2:4", "3:1", "3:2", "3:3", "4:1", "4:2"])
        // Offsets past the end are clamped to it.
        XCTAssertEqual(t.position(of: 99).line, 4)
        XCTAssertEqual(t.position(of: 99).column, 2)
        XCTAssertEqual(t.position(of: -5).column, 1)
    }

    /// é (2 bytes), 漢 (3) and 🙂 (4) are one column each.
    func testMultiByteScalarsAreOneColumn() {
        let s = "é漢🙂x\n漢y"
        let t = table(s)
        let x = s.utf8.count - "\n漢y".utf8.count - 1
        XCTAssertEqual(t.position(of: x).line, 1)
        XCTAssertEqual(t.position(of: x).column, 4)
        XCTAssertEqual(t.position(of: s.utf8.count - 1).column, 2)
        XCTAssertEqual(SourceText(file: "f.yaml", bytes: Array(s.utf8)).location(of: x), SourceLocation(file: "f.yaml", line: 1, column: 4))
    }

    /// Text with LF only, as most files: the table takes every LF of an
    /// eight-byte word from the word's mask. A byte 0x0B after an LF, which a
    /// shorter (inexact) byte test would also mark, is not a line break.
    func testLFOnlyTextAgreesWithAPlainCount() {
        var state: UInt64 = 9
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<next(40) {
                bytes += Array(repeating: UInt8(0x61), count: next(12))
                bytes.append(0x0A)
                if next(4) == 0 { bytes.append(0x0B) }
            }
            let t = LineTable(bytes)
            var line = 1
            var column = 1
            for (offset, b) in bytes.enumerated() {
                let p = t.position(of: offset)
                XCTAssertEqual("\(p.line):\(p.column)", "\(line):\(column)", "offset \(offset) of \(bytes)")
                if b == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
    }

    func testLineText() {
        let t = table("one\r\ntwo\n\nfour")
        XCTAssertEqual((0...5).map { t.lineText($0) }, [nil, "one", "two", "", "four", nil])
    }

    /// Every scalar of generated text, with long multi-byte lines that cross the
    /// table's 256-byte blocks, and ASCII text with line breaks at every place
    /// in and across the eight-byte words the table skips, against a plain count.
    func testAgreesWithAPlainCountOnGeneratedText() {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let mixed = ["a", "é", "漢", "🙂", " ", "\n", "\r\n", "\r", String(repeating: "漢", count: 100)]
        let ascii = ["a", "abcdefghijk", " ", "\n", "\r\n", "\r", "\r\r", "\n\r"]
        for round in 0..<12 {
            let pieces = round % 2 == 0 ? mixed : ascii
            let text = (0..<300).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            let t = LineTable(bytes)
            var expected: [Int] = []
            var actual: [Int] = []
            var line = 1
            var column = 1
            var offset = 0
            var scalars = Array(text.unicodeScalars)[...]
            while let u = scalars.popFirst() {
                let p = t.position(of: offset)
                expected += [offset, line, column]
                actual += [offset, p.line, p.column]
                offset += String(u).utf8.count
                if u == "\r" && scalars.first == "\n" {
                    // The LF of a CRLF is still on the CR's line.
                    expected += [offset, line]
                    actual += [offset, t.position(of: offset).line]
                    scalars.removeFirst()
                    offset += 1
                    line += 1
                    column = 1
                } else if u == "\n" || u == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            XCTAssertEqual(actual, expected)
        }
    }

    func testSourceTextAndLocation() {
        let source = SourceText(file: "m.json", bytes: Array("{\n  \"é\": x}".utf8))
        // `x` is byte 10: after `{`, a line feed, two spaces, `"`, é (2 bytes), `"`, `:` and a space.
        XCTAssertEqual(source.location(of: 10), SourceLocation(file: "m.json", line: 2, column: 8))
        XCTAssertEqual(source.location(of: 10).description, "m.json:2:8")
    }

    /// A source built without a line table (a metrics file) gives every
    /// position and line text the indexed one gives: on random text of every
    /// kind of line break and multi-byte scalars, at every offset (and past
    /// both ends), with a first line other than 1 too.
    func testUnindexedSourceAgreesWithIndexed() {
        let pieces = ["a", "é", "漢", "🙂", "\n", "\r", "\r\n", " ", "\n\n"]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        for round in 0..<300 {
            let text = (0..<next(80)).map { _ in pieces[next(pieces.count)] }.joined()
            let bytes = Array(text.utf8)
            let firstLine = round % 3 == 0 ? 5 : 1
            let indexed = SourceText(file: "m.json", bytes: bytes, firstLine: firstLine)
            let unindexed = SourceText(file: "m.json", bytes: bytes, firstLine: firstLine, indexed: false)
            for offset in -1...(bytes.count + 1) {
                let a = indexed.location(of: offset)
                let b = unindexed.location(of: offset)
                XCTAssertEqual(a.description, b.description, "offset \(offset) of \(text.debugDescription)")
                XCTAssertTrue(b.source === unindexed)
            }
            for line in (firstLine - 1)...(firstLine + bytes.count + 1) {
                XCTAssertEqual(indexed.lineText(line), unindexed.lineText(line), "line \(line) of \(text.debugDescription)")
            }
        }
    }

    /// An unindexed source builds its table once, on the first position asked
    /// for, from whichever thread asks: positions asked from many threads at
    /// once all agree with an indexed source's.
    func testUnindexedSourceAnswersFromManyThreads() {
        let text = (0..<2_000).map { "line \($0) é\n" }.joined()
        let bytes = Array(text.utf8)
        let indexed = SourceText(file: "m.json", bytes: bytes)
        let unindexed = SourceText(file: "m.json", bytes: bytes, indexed: false)
        let offsets = Array(stride(from: 0, to: bytes.count, by: 97))
        nonisolated(unsafe) let answers = UnsafeMutableBufferPointer<String>.allocate(capacity: offsets.count)
        answers.initialize(repeating: "")
        defer { answers.deallocate() }
        XCTAssertFalse(unindexed.holdsLineTable)
        // Kept after the first position: a report asking for one per gated null
        // metric in a 4 MB file took 6.2 s when each built its own (0.08 s now).
        _ = unindexed.location(of: 0)
        XCTAssertTrue(unindexed.holdsLineTable)
        DispatchQueue.concurrentPerform(iterations: offsets.count) { k in
            answers[k] = unindexed.location(of: offsets[k]).description
        }
        for (k, offset) in offsets.enumerated() {
            XCTAssertEqual(answers[k], indexed.location(of: offset).description, "offset \(offset)")
        }
    }
}
