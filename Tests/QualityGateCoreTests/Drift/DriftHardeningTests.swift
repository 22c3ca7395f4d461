import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Regressions found in review of the drift module.
final class DriftHardeningTests: TemporaryDirectoryTestCase {

    func run(_ ref: String, _ cur: String, _ config: DriftConfig = DriftConfig()) throws -> DriftResult? {
        try DriftRequest(referencePath: ref, currentPath: cur, config: config, emitHistogramsPath: nil).run()
    }

    /// Found by fuzzing: a CSV whose header was refused leaked its file descriptor.
    func testRefusedHeadersDoNotLeakFileDescriptors() throws {
        let bad = try write("dup.csv", "a,a\n1,2\n")
        func openDescriptors() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count }
        let before = try openDescriptors()
        for _ in 0..<200 {
            XCTAssertThrowsError(
                try DriftRequest(referencePath: bad, currentPath: bad, config: DriftConfig(), emitHistogramsPath: nil).run())
            XCTAssertThrowsError(try ScoreRequest(path: bad, options: ScoreOptions()).run())
        }
        XCTAssertLessThanOrEqual(try openDescriptors(), before + 2)
    }

    func testQuotedEmptyCellsInAOneColumnFileAreMissingValuesNotBlankLines() throws {
        let ref = try write("r.csv", "a\n1.0\n2.0\n3.0\n")
        let cur = try write("c.csv", "a\n1.0\n\"\"\n\"\"\n\n2.0\n")
        let d = try XCTUnwrap(try run(ref, cur))
        XCTAssertEqual(d.currentRows, 4, "a blank line is skipped, a quoted empty cell is a row")
        XCTAssertEqual(d.columns[0].currentMissingShare, 0.5)
    }

    func testQuantileEdgesDoNotDependOnInputOrder() throws {
        // An organ-pipe column (rising then falling) used to make the selection quadratic.
        var values = (0..<20_000).map(Double.init) + (0..<20_000).reversed().map(Double.init)
        var sorted = values.sorted()
        let fromSelection = Binning.quantileEdges(&values, bins: 10)
        let fromSorted = Binning.quantileEdges(&sorted, bins: 10)
        XCTAssertEqual(fromSelection, fromSorted)
        XCTAssertEqual(fromSelection.count, 9)
    }

    func testHistogramCountsCannotOverflowOrExceedRows() throws {
        let cats = (0..<20).map { "\"k\($0)\": 999999999999999" }.joined(separator: ", ")
        let json =
            "{\"schema\": \"qgate.histograms/v1\", \"rows\": 10, \"columns\": {\"c\": {\"type\": \"categorical\", \"counts\": {"
            + cats + "}, \"missing\": 0}}}"
        let h = try write("h.json", json)
        XCTAssertThrowsError(try run(h, h)) { e in
            XCTAssertEqual((e as? DriftError)?.message, "column `c` counts more values than `rows` (10)")
        }
    }

    func testDegenerateHistogramsAreRefused() throws {
        let noEdges = try write(
            "e.json",
            #"{"schema": "qgate.histograms/v1", "rows": 3, "columns": {"x": {"type": "numeric", "edges": [], "counts": [3], "missing": 0}}}"#
        )
        XCTAssertThrowsError(try run(noEdges, noEdges)) { e in
            XCTAssertEqual((e as? DriftError)?.message, "`edges` is empty: one bin cannot show any drift")
        }
        let nonNumeric = try write(
            "n.json",
            #"{"schema": "qgate.histograms/v1", "rows": 3, "columns": {"x": {"type": "numeric", "edges": [1], "counts": [1, 1], "non_numeric": 1, "missing": 0}}}"#
        )
        XCTAssertThrowsError(try run(nonNumeric, nonNumeric)) { e in
            XCTAssertEqual((e as? DriftError)?.message, "a reference histogram cannot have `non_numeric` values")
        }
    }

    func testNothingToCompareIsAnErrorNotNoDrift() throws {
        // Rows, but no value in any column (a header-only reference is `emptyReference`, DriftInputCheckTests).
        let ref = try write("r.csv", "a,b\n,\n")
        let cur = try write("c.csv", "a,b\n1,2\n")
        XCTAssertThrowsError(try run(ref, cur)) { e in
            XCTAssertEqual(
                (e as? DriftError)?.message, "no column to compare: the reference has no data columns in common with the selection")
        }
    }

    func testTyposInExcludeAndCategoricalAreErrors() throws {
        let ref = try write("r.csv", "a,b\n1,2\n")
        var config = DriftConfig()
        config.exclude = ["bb"]
        XCTAssertThrowsError(try run(ref, ref, config)) { e in
            XCTAssertEqual((e as? DriftError)?.message, "exclude: column `bb` not in the reference")
        }
    }
}
