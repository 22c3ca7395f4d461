import XCTest

@testable import QualityGateCore

/// The review's recommendation as data, the sentence that states it, and the JSON review.
final class ReadinessReviewTests: XCTestCase {
    func review(_ gates: String, metrics: String = #"{"acc": 0.95, "f1": 0.4}"#) throws -> ReadinessReview {
        let evaluation = try EvaluationFixture.evaluate(policy: "version: 1\nmodel: m\ngates:\n" + gates, metrics: metrics)
        return ReadinessReview(evaluation: evaluation, elapsedSeconds: 0)
    }

    /// Gates without `stage:` judge no stage: a clean evaluation is not a Go.
    func testNoStageAssessedIsConditionalGo() throws {
        let r = try review("  - {metric: acc, min: 0.9}\n")
        XCTAssertTrue(r.noStageAssessed)
        XCTAssertEqual(r.recommendation, .conditionalGo)
        XCTAssertEqual(r.recommendationLine, "Recommendation: Conditional Go — no stage was assessed.")
        XCTAssertEqual(r.rows.map(\.status), Array(repeating: .notAssessed, count: 7) + [.pass])
    }

    /// A stage whose every condition was skipped (metric missing, `on_missing_metric: skip`) judged nothing either.
    func testAStageWithOnlySkippedConditionsIsNotAssessed() throws {
        let r = try review("  - {metric: latency, max: 100, on_missing_metric: skip, stage: deployment-monitoring}\n")
        XCTAssertEqual(r.rows.map(\.status), Array(repeating: .notAssessed, count: 7))
        XCTAssertEqual(r.rows[6].results.map(\.status), [.skipped])
        XCTAssertEqual(r.recommendation, .conditionalGo)
        XCTAssertEqual(r.recommendationLine, "Recommendation: Conditional Go — no stage was assessed.")
    }

    func testNoStageAssessedWithAFailedWarningNamesBoth() throws {
        let r = try review("  - {metric: acc, min: 0.9}\n  - {metric: f1, min: 0.5, severity: warning}\n")
        XCTAssertEqual(r.recommendation, .conditionalGo)
        XCTAssertEqual(
            r.recommendationLine, "Recommendation: Conditional Go — no stage was assessed; review: f1: f1 0.4 < min 0.5 (short by 0.1)")
    }

    func testNoStageAssessedWithACriticalFailureIsNoGo() throws {
        let r = try review("  - {metric: acc, min: 0.99}\n")
        XCTAssertEqual(r.recommendation, .noGo)
        XCTAssertEqual(r.recommendationLine, "Recommendation: No-Go — failed: Unstaged gates.")
    }

    /// One assessed stage is enough for a Go; the unstaged row does not hold it back.
    func testOneAssessedStageCanBeGo() throws {
        let r = try review("  - {metric: acc, min: 0.9, stage: model-performance}\n  - {metric: f1, min: 0.1}\n")
        XCTAssertFalse(r.noStageAssessed)
        XCTAssertEqual(r.recommendation, .go)
        XCTAssertEqual(r.recommendationLine, "Recommendation: Go — every assessed stage passed.")
    }

    /// The text rounds to --precision; the JSON keeps every digit, in the key risk and the summary.
    func testJSONKeepsFullPrecisionAndStableCodes() throws {
        let r = try review(
            "  - {metric: acc, min: 0.99, stage: model-performance, owner: ml, mitigation: retrain}\n",
            metrics: #"{"acc": 0.7213333333333334}"#)
        XCTAssertTrue(r.text().contains("│ acc 0.721333 < min 0.99 (short by 0.268667) │"), r.text())
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.json().utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "qgate.review/v1")
        XCTAssertEqual(object["recommendation"] as? String, "no_go")
        XCTAssertEqual(object["no_stage_assessed"] as? Bool, false)
        XCTAssertEqual(object["release_allowed"] as? Bool, false)
        XCTAssertEqual(object["summary"] as? String, "Recommendation: No-Go — failed: Model performance.")
        let stages = try XCTUnwrap(object["stages"] as? [[String: Any]])
        XCTAssertEqual(
            stages.map { $0["status"] as? String },
            ["not_assessed", "not_assessed", "not_assessed", "fail", "not_assessed", "not_assessed", "not_assessed"])
        let performance = stages[3]
        XCTAssertEqual(performance["stage"] as? String, "model-performance")
        XCTAssertEqual(performance["owners"] as? [String], ["ml"])
        XCTAssertEqual(performance["mitigations"] as? [String], ["retrain"])
        let risk = try XCTUnwrap(performance["key_risk"] as? [String: Any])
        XCTAssertEqual(risk["message"] as? String, "acc 0.7213333333333334 < min 0.99 (short by 0.268667)")
        let conditions = try XCTUnwrap(performance["conditions"] as? [[String: Any]])
        XCTAssertEqual(conditions.map { $0["value"] as? Double }, [0.7213333333333334])
        XCTAssertTrue(stages[0]["key_risk"] is NSNull)
    }
}
