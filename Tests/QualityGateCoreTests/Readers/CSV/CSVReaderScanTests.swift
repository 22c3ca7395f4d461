import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The reader scans unquoted fields eight bytes at a time: every byte that
/// ends or breaks a field, and every other byte below 0x2D, must still be
/// found at each position of a word.
final class CSVReaderScanTests: TemporaryDirectoryTestCase {

    func fields(_ path: String) throws -> [[String]] {
        var reader = try CSVReader(path: path)
        var out: [[String]] = []
        while try reader.next() {
            out.append((0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) })
        }
        return out
    }

    func testEveryByteBelowTheDelimitersIsKeptAtEveryPositionOfAWord() throws {
        // All bytes 0x01...0x2C except the four the grammar acts on, then '-' and '.' just above.
        let inert = (1...0x2E).map { UInt8($0) }.filter { ![0x0A, 0x0D, 0x22, 0x2C].contains($0) }
        for byte in inert {
            var rows: [[String]] = []
            var text = ""
            for offset in 0..<20 {
                let s = String(repeating: "7", count: offset) + String(UnicodeScalar(byte)) + String(repeating: "9", count: 19 - offset)
                rows.append([s, String(offset)])
                text += s + "," + String(offset) + (offset % 2 == 0 ? "\n" : "\r\n")
            }
            let path = try write("inert.csv", text)
            XCTAssertEqual(try fields(path), rows, "byte \(byte)")
        }
    }

    func testDelimitersAreFoundAtEveryPositionOfAWord() throws {
        for length in 0..<20 {
            let cell = String(repeating: "5", count: length)
            let path = try write("cells.csv", "\(cell),\(cell)x\r\n\(cell)\n\(cell)")
            let expected = length == 0 ? [["", "x"], [""]] : [[cell, cell + "x"], [cell], [cell]]
            XCTAssertEqual(try fields(path), expected, "length \(length)")
        }
    }

    func testAQuoteDeepInsideALongUnquotedFieldIsAnErrorAtItsColumn() throws {
        let path = try write("quote.csv", "a\n" + String(repeating: "x", count: 13) + "\"y\n")
        XCTAssertThrowsError(try fields(path)) { error in
            let e = error as? CSVError
            XCTAssertEqual(e?.message, "quote inside an unquoted field")
            XCTAssertEqual(e?.location?.line, 2)
            XCTAssertEqual(e?.location?.column, 14)
        }
    }
}
