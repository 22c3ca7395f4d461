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
}
