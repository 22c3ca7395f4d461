import XCTest

@testable import QualityGateCore

/// The JSON report's fields for one condition.
final class JSONReportTests: XCTestCase {
    func conditions(_ e: Evaluation) throws -> [[String: Any]] {
        let data = Data(JSONReport.render(e, exitCode: 1).utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(root["conditions"] as? [[String: Any]])
    }

    /// A missing metric carries `did_you_mean`: the closest name in the
    /// metrics files, or null; a found metric has no such field.
    func testMissingMetricCarriesDidYouMean() throws {
        let e = try EvaluationFixture.evaluate(
            policy:
                "version: 1\ngates:\n  - {metric: roc-auc, min: 0.9}\n  - {metric: precision, min: 0.5}\n  - {metric: roc_auc, min: 0.5}\n",
            metrics: #"{"roc_auc": 0.95}"#)
        let c = try conditions(e)
        XCTAssertEqual(c.map { $0["did_you_mean"] as? String }, ["roc_auc", nil, nil])
        XCTAssertTrue(c[1]["did_you_mean"] is NSNull)
        XCTAssertFalse(c[2].keys.contains("did_you_mean"))
        XCTAssertEqual(
            c[0]["message"] as? String, "metric roc-auc not found in m.json (on_missing_metric: fail) — did you mean `roc_auc`?")
    }
}
