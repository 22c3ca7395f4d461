import XCTest

@testable import QualityGateCore

/// Evaluation errors matched by kind.
final class EvaluationErrorKindTests: XCTestCase {
    func policy(_ text: String) throws -> Policy { try PolicyLoader.parse(Array(text.utf8), file: "p.yaml") }
    func metrics(_ text: String, _ file: String = "m.json") throws -> MetricSet { try MetricsLoader.parse(Array(text.utf8), file: file) }

    func testRequiredBaselineMissing() throws {
        let p = try policy("version: 1\ngates:\n  - metric: acc\n    max_regression: 0.01\n    on_missing_baseline: fail\n")
        XCTAssertEqual(
            thrownKinds(EvaluationArea.self) {
                _ = try GateEvaluator.evaluate(p, metrics: try self.metrics(#"{"acc": 0.9}"#), baseline: nil)
            },
            ["missingRequiredBaseline"])
    }

    /// The candidate as its own baseline: a kind for each switch of new-failures-only,
    /// since the fix differs (drop the option, or the gate's key).
    func testCandidateAsBaseline() throws {
        let m = try metrics(#"{"acc": 0.9}"#)
        let b = try metrics(#"{"acc": 0.9}"#, "b.json")
        let info = BaselineInfo(kind: .file, description: "b.json", file: "b.json")
        let plain = try policy("version: 1\ngates:\n  - metric: acc\n    max_regression: 0.01\n")
        XCTAssertEqual(
            thrownKinds(EvaluationArea.self) {
                try EvaluationRequest.refuseSelfBaseline(
                    policy: plain, newFailuresOnly: true, metrics: m, baseline: b, info: info, baselineSHA256: nil)
            }, ["candidateAsBaselineByOption"])
        let gate = try policy("version: 1\ngates:\n  - metric: acc\n    max_regression: 0.01\n    new_failures_only: true\n")
        XCTAssertEqual(
            thrownKinds(EvaluationArea.self) {
                try EvaluationRequest.refuseSelfBaseline(
                    policy: gate, newFailuresOnly: false, metrics: m, baseline: b, info: info, baselineSHA256: nil)
            }, ["candidateAsBaselineByGate"])
    }
}
