import XCTest

@testable import QualityGateCore

/// Keys of at most 8 bytes are found by their zero-padded first word and
/// their length: keys that differ only in length or past byte 8 stay apart.
final class CategoryCounterTests: XCTestCase {
    func testKeysThatShareAPrefixWordAreCountedApart() {
        let cells = ["a", "a\u{0}", "a", "", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh", "", "a\u{0}\u{0}", "abcdefghi"]
        var counter = CategoryCounter()
        for cell in cells {
            XCTAssertTrue(Array(cell.utf8).withUnsafeBufferPointer { counter.add($0) })
        }
        XCTAssertEqual(
            counter.dictionary,
            ["a": 2, "a\u{0}": 1, "": 2, "abcdefgh": 2, "abcdefghi": 2, "abcdefghj": 1, "a\u{0}\u{0}": 1])
    }

    func testInvalidUTF8IsRefusedAndNotCounted() {
        var counter = CategoryCounter()
        XCTAssertFalse([0xC3, 0x28].withUnsafeBufferPointer { counter.add($0) })
        XCTAssertEqual(counter.dictionary, [:])
    }

    /// Keys of 1 to 8 bytes that differ in one byte only, at every position, stay apart; so do keys past the
    /// first 32 (counted in the dictionary) and keys merged from another counter.
    func testKeysDifferingInOneByteAndKeysBeyondTheLimitAreCountedApart() {
        var cells: [String] = []
        for n in 1...9 {
            let base = String(repeating: "a", count: n)
            cells.append(base)
            for i in 0..<n { cells.append(String(base.prefix(i)) + "b" + String(base.dropFirst(i + 1))) }
        }
        XCTAssertGreaterThan(cells.count, CategoryCounter.linearLimit)
        var counter = CategoryCounter()
        var other = CategoryCounter()
        var expected: [String: Int] = [:]
        for (k, cell) in cells.enumerated() {
            for _ in 0...(k % 3) {
                XCTAssertTrue(Array(cell.utf8).withUnsafeBufferPointer { counter.add($0) })
                expected[cell, default: 0] += 1
            }
            if k % 2 == 0 {
                XCTAssertTrue(Array(cell.utf8).withUnsafeBufferPointer { other.add($0) })
                expected[cell, default: 0] += 1
            }
        }
        counter.add(other)
        XCTAssertEqual(counter.dictionary, expected)
    }

    /// `increment` counts only a key already met among the first 32, and tells whether it did.
    func testIncrementCountsOnlyKnownKeys() {
        var counter = CategoryCounter()
        let known = Array("alpha".utf8)
        let unknown = Array("alphb".utf8)
        XCTAssertFalse(known.withUnsafeBufferPointer { counter.increment($0) })
        XCTAssertTrue(known.withUnsafeBufferPointer { counter.add($0) })
        XCTAssertTrue(known.withUnsafeBufferPointer { counter.increment($0) })
        XCTAssertFalse(unknown.withUnsafeBufferPointer { counter.increment($0) })
        XCTAssertEqual(counter.dictionary, ["alpha": 2])
    }
}
