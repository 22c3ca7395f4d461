import XCTest

@testable import QualityGateCore

/// The words of a synth-test run from its data alone: a case's misbehaviours,
/// joined in the order checked, and a condition no case can probe alone.
final class PolicyTestTextTests: XCTestCase {
    static let at = SourceLocation(file: "p.yaml", line: 4, column: 5)

    func failed(_ metric: String, _ kind: ConditionKind) -> ConditionResult {
        let gate = Gate(
            metric: metric, severity: .critical, onMissingMetric: .fail, onMissingBaseline: .skip, direction: .higher,
            conditions: [], location: Self.at)
        return ConditionResult(
            gate: gate, gateIndex: 0, kind: kind, severity: .critical, status: .failed, value: nil, baseline: nil,
            threshold: 0.9, requirement: nil, finding: .missingMetric(files: ["m.json"], onMissing: .fail), location: Self.at)
    }

    func testMisbehaviours() {
        var c = PolicyTestCase(
            name: "x", kind: .declared, expectedVerdict: .passed, mustFail: [], metrics: MetricSet(numbers: [], file: "m"))
        XCTAssertNil(c.problem)
        c.misbehaviours = [.verdict(expected: .passed, got: .blocked), .didNotFail(gate: "p\u{202E}95"), .targetDidNotFail]
        XCTAssertEqual(c.problem, "expected passed, got blocked; gate `p\\u{202e}95` did not fail; the violated condition did not fail")
        c.misbehaviours = [.alsoFailed([failed("acc", .min), failed("f1", .maxRegression)])]
        XCTAssertEqual(c.problem, "also failed: acc min, f1 max_regression")
        c.misbehaviours = [.failed([failed("acc", .min)])]
        XCTAssertEqual(c.problem, "failed: acc min: metric acc not found in m.json (on_missing_metric: fail)")
        c.misbehaviours = [.evaluationFailed("bad\nthing")]
        XCTAssertEqual(c.problem, "evaluation failed: bad\\nthing")
    }

    func testUnprobedCondition() {
        var u = UnprobedCondition(
            gate: "accuracy floor", metric: "acc", kind: .min, threshold: 0.9, location: Self.at,
            usesBaseline: false, heldLower: 0.95, heldUpper: .infinity)
        XCTAssertEqual(
            u.text,
            "p.yaml:4:5: accuracy floor min 0.9 never decides alone: acc is already held to [0.95, Infinity] by its other conditions")
        u.usesBaseline = true
        u.heldUpper = 1.0 / 3
        XCTAssertEqual(
            u.text,
            "p.yaml:4:5: accuracy floor min 0.9 never decides alone with this baseline: acc is already held to [0.95, 0.3333333333] by its other conditions"
        )
    }
}
