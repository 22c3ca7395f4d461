import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `CSVParts.split` cuts a file's data just after line feeds, into ranges that
/// cover it exactly once, and refuses what it cannot cut.
final class CSVPartsTests: TemporaryDirectoryTestCase {
    private let defaultCount = CSVParts.count

    override func tearDownWithError() throws {
        CSVParts.count = defaultCount
        CSVParts.minimumBytes = 4 << 20
        try super.tearDownWithError()
    }

    func testPartsStartJustAfterALineFeedAndCoverTheData() throws {
        let lines = (0..<300).map { $0 % 2 == 0 ? "\($0),日本語€\r\n" : "\($0),ab\n" }
        let path = try write("p.csv", "a,b\r\n" + lines.joined())
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        CSVParts.minimumBytes = 1
        for count in 2...9 {
            CSVParts.count = count
            let (header, ranges) = try XCTUnwrap(CSVParts.split(path: path))
            XCTAssertEqual(header.names, ["a", "b"])
            XCTAssertEqual(ranges.first?.lowerBound, 5)
            XCTAssertEqual(ranges.last?.upperBound, bytes.count)
            XCTAssertEqual(ranges.count, count)
            for (a, b) in zip(ranges, ranges.dropFirst()) {
                XCTAssertEqual(a.upperBound, b.lowerBound)
                XCTAssertEqual(bytes[b.lowerBound - 1], 0x0A, "\(count) parts")
            }
        }
    }

    func testSmallFilesPipesAndOnePartAreNotSplit() throws {
        let path = try write("p.csv", "a\n" + String(repeating: "1\n", count: 100))
        CSVParts.count = 2
        XCTAssertNil(CSVParts.split(path: path), "below minimumBytes")
        CSVParts.minimumBytes = 1
        XCTAssertNotNil(CSVParts.split(path: path))
        XCTAssertNil(CSVParts.split(path: "/dev/null"))
        CSVParts.count = 1
        XCTAssertNil(CSVParts.split(path: path))
        // A single line: nothing to cut at.
        CSVParts.count = 2
        XCTAssertNil(CSVParts.split(path: try write("one.csv", "a\n" + String(repeating: "1", count: 100))))
    }
}
