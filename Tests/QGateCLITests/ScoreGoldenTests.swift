import Foundation
import XCTest

@testable import QGateCLI

/// Goldens of the metrics documents `qgate score` writes, one per task, from
/// the committed fixtures whose numbers dev/score_oracle.py checks against
/// scikit-learn (Tests/Fixtures/score): these pin the document's shape and
/// number formatting, which `qgate evaluate` and dashboards read.
final class ScoreGoldenTests: XCTestCase {
    func score(_ args: [String]) throws -> String {
        let r = try TestSupport.runBinary(["score"] + args)
        XCTAssertEqual(r.exit, 0, r.stderr)
        return r.stdout
    }

    func testBinaryWithGroupsLatencyAndBootstrap() throws {
        try TestSupport.assertGolden(
            try score([
                "--predictions", "Tests/Fixtures/score/binary_basic/predictions.csv", "--score", "p",
                "--group", "sex", "--latency", "latency_ms", "--bootstrap", "200", "--seed", "7"
            ]),
            "score/binary.json")
    }

    func testMulticlassWithProbabilities() throws {
        try TestSupport.assertGolden(
            try score([
                "--predictions", "Tests/Fixtures/score/multiclass_proba/predictions.csv",
                "--proba-prefix", "prob_", "--group", "site", "--bootstrap", "10", "--seed", "11"
            ]),
            "score/multiclass.json")
    }

    func testRegression() throws {
        try TestSupport.assertGolden(
            try score([
                "--predictions", "Tests/Fixtures/score/regression/predictions.csv", "--task", "regression",
                "--prediction", "yhat", "--group", "segment", "--bootstrap", "30", "--seed", "3"
            ]),
            "score/regression.json")
    }
}
