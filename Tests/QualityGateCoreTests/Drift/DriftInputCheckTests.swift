import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Inputs that cannot be compared are typed errors with the current file's
/// header as position, never a drift verdict (issue 20). The catalogue
/// (manifest-drift-input.json) holds the full messages.
final class DriftInputCheckTests: TemporaryDirectoryTestCase {
    func kinds(_ reference: String, _ current: String, _ configure: (inout DriftConfig) -> Void = { _ in }) throws -> [ErrorKind] {
        let ref = try write("ref.csv", reference)
        let cur = try write("cur.csv", current)
        var config = DriftConfig()
        configure(&config)
        return thrownKinds(DriftArea.self) {
            _ = try DriftRequest(referencePath: ref, currentPath: cur, config: config, emitHistogramsPath: nil).run()
        }
    }

    func testTheIssuesThreeCases() throws {
        XCTAssertEqual(try kinds("a,b\n1,2\n", "c,d\n1,2\n"), ["noColumnInCommon"])
        XCTAssertEqual(try kinds("a,b\n1,2\n", "a,b\n"), ["noCurrentRows"])
        XCTAssertEqual(try kinds("a,b\n1,2\n", "A,B\n1,2\n"), ["noColumnInCommon"])
        XCTAssertEqual(try kinds("a,b\n", "a,b\n1,2\n"), ["emptyReference"])
    }

    func testTheErrorPointsAtTheCurrentHeader() throws {
        let ref = try write("ref.csv", "a,b\n1,2\n")
        let cur = try write("cur.csv", "A,B\n1,2\n")
        XCTAssertThrowsError(try DriftRequest(referencePath: ref, currentPath: cur, config: DriftConfig(), emitHistogramsPath: nil).run()) {
            let e = $0 as? DriftError
            XCTAssertEqual(e?.location, SourceLocation(file: cur, line: 1, column: 1))
            XCTAssertEqual(e?.hint, "did you mean `A` for `a`, `B` for `b`? names must match exactly, case included")
        }
    }

    func testStrictSchemaAndRoleNames() throws {
        XCTAssertEqual(try kinds("a,b\n1,2\n", "a,c\n1,2\n") { $0.schema = .strict }, ["schemaChanged"])
        XCTAssertEqual(try kinds("a,b\n1,2\n", "a\n1\n") { $0.schema = .strict }, ["schemaChanged"])
        // A target absent from production data is not a schema change.
        let ref = try write("r.csv", "a,y\n1,0\n")
        let cur = try write("c.csv", "a\n1\n")
        var config = DriftConfig()
        config.schema = .strict
        config.target = "y"
        let result = try XCTUnwrap(try DriftRequest(referencePath: ref, currentPath: cur, config: config, emitHistogramsPath: nil).run())
        XCTAssertEqual(result.label?.status, .missingInCurrent)
        XCTAssertFalse(result.retrain)
        config.schema = .lenient
        config.target = nil
        config.prediction = "y"
        let noPrediction = try XCTUnwrap(
            try DriftRequest(referencePath: ref, currentPath: cur, config: config, emitHistogramsPath: nil).run())
        XCTAssertEqual(noPrediction.prediction?.status, .missingInCurrent)
        XCTAssertFalse(noPrediction.retrain)
        XCTAssertEqual(
            noPrediction.roleLine("prediction", try XCTUnwrap(noPrediction.prediction), .human),
            "prediction drift: y — not measured (missing_in_current)")
        XCTAssertEqual(try kinds("a,b\n1,2\n", "a,b\n1,2\n") { $0.prediction = "p" }, ["roleColumnNotFound"])
        XCTAssertEqual(try kinds("a,b\n1,2\n", "a,b\n1,2\n") { $0.id = ["c"] }, ["roleColumnNotFound"])
        XCTAssertEqual(
            try kinds("a,b\n1,2\n", "a,b\n1,2\n") {
                $0.target = "b"
                $0.prediction = "b"
            }, ["twoRoles"])
        XCTAssertEqual(
            try kinds("a,b\n1,2\n", "a,b\n1,2\n") {
                $0.id = ["a"]
                $0.features = ["a"]
            }, ["twoRoles"])
    }

    /// Histogram files have no header line to point at: the same error, without a position.
    func testHistogramFilesWithoutAColumnInCommon() throws {
        func histogram(_ column: String) -> String {
            #"{"schema": "qgate.histograms/v1", "rows": 2, "columns": {"\#(column)": {"type": "categorical", "counts": {"x": 2}, "missing": 0}}}"#
        }
        let ref = try write("ref.json", histogram("a"))
        let cur = try write("cur.json", histogram("A"))
        XCTAssertThrowsError(try DriftRequest(referencePath: ref, currentPath: cur, config: DriftConfig(), emitHistogramsPath: nil).run()) {
            let e = $0 as? DriftError
            XCTAssertEqual(e?.kind, "noColumnInCommon")
            XCTAssertNil(e?.location)
            XCTAssertEqual(e?.message, "no column in common: the reference has `a`; the current data has `A`")
        }
        let empty = try write("empty.json", #"{"schema": "qgate.histograms/v1", "rows": 0, "columns": {}}"#)
        XCTAssertEqual(
            thrownKinds(DriftArea.self) {
                _ = try DriftRequest(referencePath: ref, currentPath: empty, config: DriftConfig(), emitHistogramsPath: nil).run()
            }, ["noCurrentRows"])
    }

    func testLongHeadersAreShortened() {
        let names = (0..<30).map { "c\($0)" }
        XCTAssertEqual(
            DriftInputCheck.listed(names),
            "`c0`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7`, `c8`, `c9`, `c10`, `c11` and 18 more")
    }
}
