import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The CSV reader's record and column limits, and batches that follow the
/// data read rather than rows × columns (issue 15, item 9).
final class CSVReaderLimitsTests: TemporaryDirectoryTestCase {

    func records(_ path: String, recordLimit: Int = CSVReader.maximumRecordBytes) throws -> [Int] {
        var reader = try CSVReader(path: path, recordLimit: recordLimit)
        var widths: [Int] = []
        while try reader.next() { widths.append(reader.fieldCount) }
        return widths
    }

    func error(_ path: String, recordLimit: Int = CSVReader.maximumRecordBytes) -> String {
        do {
            _ = try records(path, recordLimit: recordLimit)
            return "no error"
        } catch {
            guard let e = error as? CSVError else { return "\(error)" }
            return "\(e.location.map { "\($0.line):\($0.column)" } ?? "-") \(e.message)"
        }
    }

    /// The limit is 16 MiB (the bad-input catalogue runs it); a small one here
    /// gives the same boundaries in milliseconds: buffered whole or read in pieces.
    func testARecordAtTheLimitIsReadAndOneByteMoreIsRefused() throws {
        for max in [5000, 100_000] {
            // CRLF after the record: the reader must see both bytes past the limit.
            let atLimit = try write("at.csv", "a,b\r\n1," + String(repeating: "x", count: max - 2) + "\r\n2,y\r\n")
            XCTAssertEqual(try records(atLimit, recordLimit: max), [2, 2, 2])
            let quoted = try write("quoted.csv", "a,b\n1,\"" + String(repeating: "x", count: max - 4) + "\"\n2,y")
            XCTAssertEqual(try records(quoted, recordLimit: max), [2, 2, 2])
            let over = try write("over.csv", "a,b\n1," + String(repeating: "x", count: max - 1) + "\n2,y\n")
            XCTAssertEqual(error(over, recordLimit: max), "2:1 record longer than \(max) bytes")
            let atEnd = try write("end.csv", "a,b\n1,2\n3," + String(repeating: "x", count: max - 1))
            XCTAssertEqual(error(atEnd, recordLimit: max), "3:1 record longer than \(max) bytes")
            let unterminated = try write("open.csv", "a,b\n1,\"" + String(repeating: "x\n", count: max) + "\n")
            XCTAssertEqual(error(unterminated, recordLimit: max), "2:1 record longer than \(max) bytes")
        }
    }

    func testAHundredThousandColumnsAreReadAndOneMoreIsRefused() throws {
        let max = CSVReader.maximumColumns
        let atLimit = try write("at.csv", Array(repeating: "1", count: max).joined(separator: ",") + "\n")
        XCTAssertEqual(try records(atLimit), [max])
        // Field 100,001 of line 2 starts at column 2 × 100,000 + 1.
        let over = try write("over.csv", "a\n" + Array(repeating: "1", count: max + 1).joined(separator: ",") + "\n")
        XCTAssertEqual(error(over), "2:200001 more than 100000 columns in a row")
    }

    /// 200,000 columns once reserved 8192 rows × 16 bytes × columns up front
    /// (26 GB). Batches now end at a cell count.
    func testWideFilesAreBatchedByCellsNotByRows() throws {
        let columns = 50_000
        let row = Array(repeating: "1", count: columns).joined(separator: ",") + "\n"
        let path = try write("wide.csv", (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n" + String(repeating: row, count: 60))
        var batches: [Int] = []
        try CSVBatches.read(
            path: path, select: { Array($0.names.indices) }, header: { _ in },
            body: { batch in
                XCTAssertLessThanOrEqual(batch.ends.count, CSVBatches.cellsPerBatch + columns)
                batches.append(batch.rows)
            })
        XCTAssertEqual(batches.reduce(0, +), 60)
        XCTAssertEqual(batches.first, CSVBatches.cellsPerBatch / columns + 1)
    }
}
