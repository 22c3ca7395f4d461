import XCTest

@testable import QualityGateCore

/// Every way a condition can fail carries a stable reason code (what a
/// version-2 history records), and a condition that passes carries none.
final class ConditionReasonTests: XCTestCase {
    func result(_ gate: String, _ candidate: String, baseline: String? = nil, options: GateEvaluator.Options = .init()) throws
        -> ConditionResult
    {
        let p = try PolicyLoader.parse(Array("version: 1\ngates:\n  - {metric: acc, \(gate)}\n".utf8), file: "p.yaml")
        return try GateEvaluator.evaluate(
            p, metrics: MetricsLoader.parse(Array(candidate.utf8), file: "m.json"),
            baseline: try baseline.map { try MetricsLoader.parse(Array($0.utf8), file: "b.json") },
            options: options
        ).results[0]
    }

    func testEveryFailingPathNamesItsReason() throws {
        let cases: [(String, String, String?, ConditionResult.Status, ConditionResult.Reason?)] = [
            ("min: 0.9", #"{"acc": 0.8}"#, nil, .failed, .belowBound),
            ("min: 0.9", #"{"acc": 0.95}"#, nil, .passed, nil),
            ("max: 0.9", #"{"acc": 0.95}"#, nil, .failed, .aboveBound),
            ("max_regression: 0.01", #"{"acc": 0.8}"#, #"{"acc": 0.9}"#, .failed, .belowBound),
            ("max_regression: 0.01, direction: lower", #"{"acc": 0.95}"#, #"{"acc": 0.9}"#, .failed, .aboveBound),
            ("max_regression_ratio: 0.01", #"{"acc": 0.8}"#, #"{"acc": 0.9}"#, .failed, .belowBound),
            ("max_delta: 0.01", #"{"acc": 0.95}"#, #"{"acc": 0.9}"#, .failed, .outsideDelta),
            ("max_delta: 0.01", #"{"acc": 0.905}"#, #"{"acc": 0.9}"#, .passed, nil),
            ("min: 0.9", #"{"other": 1}"#, nil, .failed, .missingMetric),
            ("min: 0.9, on_missing_metric: warn", #"{"other": 1}"#, nil, .failed, .missingMetric),
            ("min: 0.9, on_missing_metric: skip", #"{"other": 1}"#, nil, .skipped, .missingMetric),
            ("max_regression: 0.01, on_missing_baseline: warn", #"{"acc": 0.9}"#, nil, .failed, .missingBaseline),
            ("max_regression: 0.01", #"{"acc": 0.9}"#, #"{"other": 1}"#, .skipped, .missingBaseline),
            ("min: 0.9", #"{"acc": null}"#, nil, .failed, .undefinedMetric),
            ("min: 0.9, on_missing_metric: skip", #"{"acc": null}"#, nil, .skipped, .undefinedMetric),
            ("max_regression: 0.01", #"{"acc": 0.9}"#, #"{"acc": null}"#, .skipped, .undefinedBaseline),
            ("max_regression: 0.01, on_missing_baseline: fail", #"{"acc": 0.9}"#, #"{"acc": null}"#, .failed, .undefinedBaseline),
            ("min: 0.9", #"{"acc": NaN}"#, nil, .failed, .nonFiniteValue),
            ("max_regression: 0.01", #"{"acc": 0.9}"#, #"{"acc": Infinity}"#, .failed, .nonFiniteBaseline),
            (
                "max_regression: 0.01, significance: 0.05, min_n: 1000", #"{"acc": {"value": 0.90, "n": 40}}"#,
                #"{"acc": {"value": 0.95, "n": 40}}"#, .failed, .claimNotAccepted
            ),
            // Within the noise: the test excuses it, and a passed condition has no reason.
            (
                "max_regression: 0.01, significance: 0.05, min_n: 10", #"{"acc": {"value": 0.90, "n": 40}}"#,
                #"{"acc": {"value": 0.95, "n": 40}}"#, .passed, nil
            ),
            ("min: 0.9, waiver: {reason: known, until: 2026-12-31}", #"{"acc": 0.8}"#, nil, .waived, .belowBound)
        ]
        let today = GateEvaluator.Options(today: Clock.days(fromISODate: "2026-11-20")!)
        for (gate, candidate, baseline, status, reason) in cases {
            let r = try result(gate, candidate, baseline: baseline, options: today)
            XCTAssertEqual(r.status, status, "\(gate) \(candidate): \(r.message)")
            XCTAssertEqual(r.reason, reason, "\(gate) \(candidate): \(r.message)")
        }
    }

    func testFailOnWarningIsPartOfTheComputedVerdict() throws {
        let p = try PolicyLoader.parse(Array("version: 1\ngates:\n  - {metric: acc, min: 0.9, severity: warning}\n".utf8), file: "p.yaml")
        let m = try MetricsLoader.parse(Array(#"{"acc": 0.8}"#.utf8), file: "m.json")
        XCTAssertEqual(try GateEvaluator.evaluate(p, metrics: m, baseline: nil).verdict, .passedWithWarnings)
        let strict = try GateEvaluator.evaluate(p, metrics: m, baseline: nil, options: .init(failOnWarning: true))
        XCTAssertTrue(strict.failOnWarning)
        XCTAssertEqual(strict.verdict, .blocked)
        XCTAssertFalse(strict.releaseAllowed)  // exit 1 (ExitCodeTests maps it)
    }
}
