import XCTest

@testable import QualityGateCore

/// Every condition kind against an independent reading of the README's table
/// (dev/condition_oracle.py, exact rational arithmetic, committed in
/// Tests/Fixtures/conditions/<kind>): policy, metrics and baseline go through
/// the real loaders and the evaluator, and each gate's status must be the
/// oracle's — on, just inside and just outside every bound, in both
/// directions, with negative and zero baselines, and without a baseline value.
final class ConditionOracleTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/conditions").path

    func testEveryKindAgreesWithTheREADMEOracle() throws {
        var checked = 0
        // `max_spread` judges a pattern's slices, not one metric: dev/slices_oracle.py covers it (SliceOracleTests).
        // `max_regression_sigma` learns from a history: dev/sigma_oracle.py covers it (SigmaOracleTests).
        for kind in ConditionKind.allCases where !kind.judgesSlices && !kind.learnsFromHistory {
            let dir = Self.directory + "/" + kind.key
            guard FileManager.default.fileExists(atPath: dir + "/expected.json") else {
                XCTFail("no oracle fixtures for \(kind.key): run python3 dev/condition_oracle.py")
                continue
            }
            let policy = try PolicyLoader.load(path: dir + "/policy.yaml", today: 0)
            let metrics = try MetricsLoader.load(path: dir + "/metrics.json")
            let baseline = try MetricsLoader.load(path: dir + "/baseline.json")
            let expected = try JSON.parse(try FileSystem.readBytes(dir + "/expected.json"), file: "expected.json")
            guard case .object(let pairs) = expected.kind else { return XCTFail("expected.json is not an object") }
            var statuses: [String: String] = [:]
            for member in pairs { if case .string(let s) = member.value.kind { statuses[member.key] = s } }
            let evaluation = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline)
            XCTAssertEqual(evaluation.results.count, pairs.count, kind.key)
            XCTAssert(evaluation.results.allSatisfy { $0.kind == kind }, kind.key)
            for r in evaluation.results {
                guard let want = statuses[r.gate.displayName] else {
                    XCTFail("\(kind.key): no expectation for \(r.gate.displayName)")
                    continue
                }
                checked += 1
                XCTAssertEqual(
                    r.status.rawValue, want,
                    "\(kind.key) \(r.gate.direction) t=\(r.threshold) b=\(String(describing: r.baseline)) v=\(String(describing: r.value)): \(r.message)"
                )
            }
        }
        XCTAssertGreaterThan(checked, 3000)
    }
}
