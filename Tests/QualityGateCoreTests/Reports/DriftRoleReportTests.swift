import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The prediction is reported on its own, and its drift is why a retraining
/// is dispatched: the GitHub outputs name it.
final class DriftRoleReportTests: TemporaryDirectoryTestCase {
    func testADriftedPredictionIsNamedInTheGitHubOutputs() throws {
        var reference = "x,score\n"
        var current = "x,score\n"
        for i in 0..<50 {
            reference += "\(i % 5),\(Double(i) / 50)\n"
            current += "\(i % 5),\(Double(i) / 50 + 1)\n"
        }
        var config = DriftConfig()
        config.prediction = "score"
        let result = try XCTUnwrap(
            try DriftRequest(
                referencePath: try write("r.csv", reference), currentPath: try write("c.csv", current), config: config,
                emitHistogramsPath: nil
            ).run())
        XCTAssertTrue(result.retrain)
        XCTAssertFalse(result.driftTriggered)
        XCTAssertEqual(result.comparedColumns.map(\.name), ["x"])
        XCTAssertEqual(
            DriftReport.githubOutputs(result, delimiter: "EOF"), "drift_detected=true\nretrain=true\ndrifted_columns<<EOF\nscore\nEOF\n")
        XCTAssertTrue(result.reason.hasPrefix("RETRAIN: prediction drifted: score (psi "), result.reason)
        let metrics = try result.metrics()
        XCTAssertEqual(metrics["drift.prediction.drifted"], 1)
        XCTAssertEqual(metrics["drift.column.x.psi"], 0)
        XCTAssertNil(metrics["drift.column.score.psi"] ?? nil)
    }
}
