import XCTest

@testable import QualityGateCore

/// Terminal tables: widths in Unicode scalars, no trailing spaces, colour
/// added after padding.
final class TextTableTests: XCTestCase {
    func testAlignsLeftAndRightColumns() {
        var t = TextTable([.left, .right, .left])
        t.add(["GATE", "VALUE", "NOTE"])
        t.add(["accuracy", "0.9", "ok"])
        t.add(["f1", "10.25", ""])
        XCTAssertEqual(
            t.render(),
            [
                "GATE      VALUE  NOTE",
                "accuracy    0.9  ok",
                "f1        10.25  "
            ])
    }

    func testMultiByteCellsTakeOneColumnPerScalar() {
        var t = TextTable([.left, .left])
        t.add(["é漢🙂", "x"])
        t.add(["abcd", "y"])
        XCTAssertEqual(t.render(separator: "|"), ["é漢🙂 |x", "abcd|y"])
        XCTAssertEqual(TextTable.width("é漢🙂"), 3)
        // A decomposed é is two scalars, and counts as two.
        XCTAssertEqual(TextTable.width("e\u{301}"), 2)
    }

    func testShortRowsLeaveTheLastCellUnpaddedAndExtraCellsAreDropped() {
        var t = TextTable([.left, .right])
        t.add(["a"])
        t.add(["bbb", "1", "ignored"])
        XCTAssertEqual(t.render(), ["a", "bbb  1"])
    }

    func testDecorationDoesNotCountTowardsTheWidth() {
        var t = TextTable([.left, .right])
        t.add(["ok", "1"])
        t.add(["failed", "22"])
        let rows = t.render { r, c, s in c == 0 && r == 1 ? "\u{1B}[31m" + s + "\u{1B}[0m" : s }
        XCTAssertEqual(rows, ["ok       1", "\u{1B}[31mfailed\u{1B}[0m  22"])
    }
}
