import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Drift input errors matched by kind.
final class DriftErrorKindTests: TemporaryDirectoryTestCase {
    func histogramKinds(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [ErrorKind] {
        let path = try write("h.json", text)
        return thrownKinds(DriftArea.self, file: file, line: line) { _ = try HistogramJSON.load(path: path, config: DriftConfig()) }
    }

    func testHistogramFiles() throws {
        XCTAssertEqual(try histogramKinds("[]"), ["histogramsNotAnObject"])
        XCTAssertEqual(try histogramKinds(#"{"schema": "other"}"#), ["unknownHistogramSchema"])
        XCTAssertEqual(try histogramKinds(#"{"schema": "qgate.histograms/v1", "rows": -1}"#), ["invalidRows"])
        XCTAssertEqual(
            try histogramKinds(
                #"{"schema": "qgate.histograms/v1", "rows": 1, "columns": {"a": {"type": "numeric", "counts": [1], "edges": []}}}"#),
            ["emptyEdges"])
    }

    /// A bad header is the CSV reader's error under drift too (see CSVErrorTests).
    func testCSVHeader() throws {
        let empty = try write("empty.csv", "")
        XCTAssertEqual(thrownKinds(CSVArea.self) { _ = try DriftProfiler.reference(path: empty, config: DriftConfig()) }, ["emptyFile"])
        let twice = try write("twice.csv", "a,a\n1,2\n")
        XCTAssertEqual(
            thrownKinds(CSVArea.self) { _ = try DriftProfiler.reference(path: twice, config: DriftConfig()) }, ["duplicateColumn"])
    }
}
