import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Scoring errors matched by kind.
final class ScoreErrorKindTests: TemporaryDirectoryTestCase {
    func kinds(_ csv: String, file: StaticString = #filePath, line: UInt = #line, _ configure: (inout ScoreOptions) -> Void) throws
        -> [ErrorKind]
    {
        let path = try write("p.csv", csv)
        var options = ScoreOptions()
        configure(&options)
        return thrownKinds(ScoreArea.self, file: file, line: line) { _ = try ScoreRequest(path: path, options: options).run() }
    }

    func testOptions() throws {
        XCTAssertEqual(try kinds("y,p\n1,0.5\n") { $0.confidence = 1 }, ["invalidConfidence"])
        XCTAssertEqual(try kinds("y,p\n1,0.5\n") { $0.task = .regression }, ["regressionWithoutPrediction"])
        XCTAssertEqual(
            try kinds("y,p_1\n1,0.5\n") {
                $0.probabilityPrefix = "p_"
                $0.task = .binary
            }, ["probabilitiesForBinary"])
    }

    func testData() throws {
        XCTAssertEqual(
            try kinds("y,p\n1,0.5\n0,0.2\n2,0.1\n") {
                $0.score = "p"
                $0.task = .binary
            }, ["tooManyClassesForBinary"])
        XCTAssertEqual(try kinds("y,p\n") { $0.score = "p" }, ["noRows"])
        XCTAssertEqual(try kinds("y,p\nyes,0.5\nno,0.2\n") { $0.score = "p" }, ["positiveLabelMissing"])
    }

    /// Cell errors append the cell's position to the message and keep their kind.
    func testCellErrorsKeepTheirKind() throws {
        XCTAssertEqual(try kinds("y,p\n1,\n") { $0.score = "p" }, ["missingValue"])
        XCTAssertEqual(try kinds("y,p\n1,high\n") { $0.score = "p" }, ["notAFiniteNumber"])
        XCTAssertEqual(
            try kinds("y,p,latency\n1,0.5,-3\n") {
                $0.score = "p"
                $0.latency = "latency"
            }, ["outOfRange"])
    }
}
