import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The fuzz harness reads CSV files on the calling thread (`singleThreaded`);
/// what it fuzzes must be what production runs with its reader thread.
final class CSVBatchesTests: TemporaryDirectoryTestCase {
    func read(_ path: String, singleThreaded: Bool) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        let saved = CSVBatches.singleThreaded
        CSVBatches.singleThreaded = singleThreaded
        defer { CSVBatches.singleThreaded = saved }
        var header: [String] = []
        var rows: [[String]] = []
        var lines: [Int] = []
        try CSVBatches.read(
            path: path, select: { names in Array(names.names.indices.reversed()) }, header: { header = $0.names },
            body: { batch in
                batch.withCells { cell in
                    for r in 0..<batch.rows {
                        rows.append((0..<batch.columns).map { String(decoding: cell(r, $0), as: UTF8.self) })
                    }
                }
                lines += batch.lines
            })
        return (header, rows, lines)
    }

    func testSingleThreadedReadingGivesTheSameBatchesAsTheReaderThread() throws {
        // More rows than one batch, a quoted multi-line cell and a blank line.
        var text = "a,b\n\"x\ny\",1\n\n"
        for i in 0..<(CSVBatches.rowsPerBatch + 5) { text += "r\(i),\(i)\n" }
        let path = try write("big.csv", text)
        let threaded = try read(path, singleThreaded: false)
        let inline = try read(path, singleThreaded: true)
        XCTAssertEqual(inline.header, ["a", "b"])
        XCTAssertEqual(inline.rows.count, CSVBatches.rowsPerBatch + 6)
        XCTAssertEqual(inline.rows.first, ["1", "x\ny"])
        XCTAssertEqual(inline.lines.prefix(2), [2, 5])
        XCTAssertEqual(inline.header, threaded.header)
        XCTAssertEqual(inline.rows, threaded.rows)
        XCTAssertEqual(inline.lines, threaded.lines)
    }

    func testSingleThreadedReadingReportsARowOfTheWrongWidth() throws {
        let path = try write("bad.csv", "a,b\n1,2\n3\n")
        let saved = CSVBatches.singleThreaded
        CSVBatches.singleThreaded = true
        defer { CSVBatches.singleThreaded = saved }
        XCTAssertThrowsError(try DriftRequest(referencePath: path, currentPath: path, config: DriftConfig(), emitHistogramsPath: nil).run())
        { error in
            XCTAssertTrue("\(error)".contains("3"), "\(error)")
        }
    }
}
