import XCTest

@testable import QualityGateCore

/// `min_improvement` and `min_improvement_ratio`: the candidate must beat the
/// baseline, the words every report prints for it, and `significance` that
/// can only take a pass away (a non-significant improvement fails, closed).
final class RequiredImprovementTests: XCTestCase {
    func policy(_ text: String) throws -> Policy { try PolicyLoader.parse(Array(text.utf8), file: "p.yaml") }
    func metrics(_ json: String, file: String = "m.json") throws -> MetricSet { try MetricsLoader.parse(Array(json.utf8), file: file) }
    func result(_ gate: String, _ value: String, _ base: String?) throws -> ConditionResult {
        let p = try policy("version: 1\ngates:\n  - " + gate + "\n")
        return try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"m": \#(value)}"#), baseline: try base.map { try metrics(#"{"m": \#($0)}"#, file: "b.json") }
        ).results[0]
    }

    func testMessagesSayHowMuchBetterAndWhatWasRequired() throws {
        let ok = try result("{metric: m, min_improvement: 0.01}", "0.9", "0.884")
        XCTAssertEqual(ok.status, .passed)
        XCTAssertEqual(ok.message, "m 0.9 vs baseline 0.884: better by 0.016, required 0.01")
        XCTAssertEqual(ok.requirement, .atLeast(0.884 + 0.01))
        let short = try result("{metric: m, min_improvement: 0.01}", "0.89", "0.884")
        XCTAssertEqual(short.status, .failed)
        XCTAssertEqual(short.reason, .belowBound)
        XCTAssertEqual(short.message, "m 0.89 vs baseline 0.884: better by 0.006, required 0.01")
        let same = try result("{metric: m, min_improvement: 0.01}", "0.884", "0.884")
        XCTAssertEqual(same.message, "m 0.884 vs baseline 0.884: unchanged, required better by 0.01")
        let worse = try result("{metric: m, direction: lower, min_improvement_ratio: 0.02}", "0.42", "0.412")
        XCTAssertEqual(worse.status, .failed)
        XCTAssertEqual(worse.reason, .aboveBound)
        XCTAssertEqual(worse.message, "m 0.42 vs baseline 0.412: worse by 0.008, required better by 2% (0.00824)")
        // A negative baseline: 2% of |−2| is 0.04, so the bound is −1.96.
        XCTAssertEqual(try result("{metric: m, min_improvement_ratio: 0.02}", "-1.96", "-2").status, .passed)
        XCTAssertEqual(try result("{metric: m, min_improvement_ratio: 0.02}", "-1.97", "-2").status, .failed)
        XCTAssertEqual(
            ExplainReport.arithmetic(worse), "0.42 <= 0.412 - 0.02 × |0.412| = 0.40376 → false")
        XCTAssertEqual(
            ConditionRule.words(.minImprovementRatio, threshold: 0.02, direction: .lower), "value <= baseline - 0.02 * |baseline|")
    }

    func testAMissingBaselineFollowsOnMissingBaseline() throws {
        let skipped = try result("{metric: m, min_improvement: 0.01}", "0.9", nil)
        XCTAssertEqual(skipped.status, .skipped)
        XCTAssertEqual(skipped.message, "no baseline was given (on_missing_baseline: skip)")
        let absent = try result("{metric: m, min_improvement: 0.01, on_missing_baseline: fail}", "0.9", "null")
        XCTAssertEqual(absent.status, .failed)
        XCTAssertEqual(absent.reason, .undefinedBaseline)
    }

    func testSignificanceMustShowTheImprovement() throws {
        let gate = "{metric: m, min_improvement: 0.0, significance: 0.05, max_stderr: 0.01}"
        // 0.7921 vs 0.774 with stderr 0.0041 and 0.004: z = 3.16, shown.
        let shown = try result(gate, #"{"value": 0.7921, "stderr": 0.0041}"#, #"{"value": 0.774, "stderr": 0.004}"#)
        XCTAssertEqual(shown.status, .passed)
        XCTAssertEqual(shown.significance?.significant, true)
        XCTAssertEqual(
            ExplainReport.decision(
                shown, Evaluation(policy: try policy("version: 1\ngates:\n  - " + gate), results: [shown], metricsFiles: [], baseline: nil),
                .human),
            "passed (the improvement is significant)")
        // 0.777 vs 0.774: better, but within the noise: fails.
        let noise = try result(gate, #"{"value": 0.777, "stderr": 0.0041}"#, #"{"value": 0.774, "stderr": 0.004}"#)
        XCTAssertEqual(noise.status, .failed)
        XCTAssertEqual(noise.reason, .improvementNotShown)
        XCTAssertEqual(
            noise.message,
            "m 0.777 vs baseline 0.774: better by 0.003, required 0; not significant (z-test from standard errors: p = 0.3002 ≥ 0.05)")
        // No uncertainty data: the improvement cannot be shown.
        let plain = try result(gate, "0.9", "0.774")
        XCTAssertEqual(plain.status, .failed)
        XCTAssertEqual(plain.reason, .improvementNotShown)
        XCTAssertEqual(
            plain.message,
            "m 0.9 vs baseline 0.774: better by 0.126, required 0; no uncertainty data (n, stderr or ci), so the improvement cannot be shown significant"
        )
        // A claim beyond the gate's limits is not believed.
        let claimed = try result(gate, #"{"value": 0.9, "stderr": 0.02}"#, #"{"value": 0.774, "stderr": 0.004}"#)
        XCTAssertEqual(claimed.status, .failed)
        XCTAssertEqual(claimed.reason, .claimNotAccepted)
        XCTAssert(claimed.message.hasSuffix("so the improvement cannot be shown significant"), claimed.message)
        // A plain failure is never excused by noise.
        let short = try result(gate, #"{"value": 0.77, "stderr": 0.0041}"#, #"{"value": 0.774, "stderr": 0.004}"#)
        XCTAssertEqual(short.status, .failed)
        XCTAssertEqual(short.reason, .belowBound)
        XCTAssertNil(short.noise)
        // Intervals: apart on the better side, shown; overlapping, not.
        let apart = try result(
            gate, #"{"value": 0.8, "ci_low": 0.79, "ci_high": 0.81}"#, #"{"value": 0.77, "ci_low": 0.76, "ci_high": 0.78}"#)
        XCTAssertEqual(apart.status, .failed, "max_stderr only: an interval claim is not bounded")
        let ci = "{metric: m, min_improvement: 0.005, significance: 0.05, max_ci_width: 0.05}"
        XCTAssertEqual(
            try result(ci, #"{"value": 0.8, "ci_low": 0.79, "ci_high": 0.81}"#, #"{"value": 0.77, "ci_low": 0.76, "ci_high": 0.78}"#)
                .status, .passed)
        XCTAssertEqual(
            try result(ci, #"{"value": 0.8, "ci_low": 0.78, "ci_high": 0.81}"#, #"{"value": 0.77, "ci_low": 0.76, "ci_high": 0.78}"#)
                .status, .failed)
    }

    func testFailedClosedArithmeticDoesNotShowAnImprovement() {
        let outcome = SignificanceTest.run(
            kind: .minImprovement, direction: .higher, value: 0.9, baseline: 0.8, threshold: 0,
            candidate: Uncertainty(stderr: .infinity), reference: nil, alpha: 0.05)
        XCTAssertEqual(outcome?.significant, false)
        XCTAssertEqual(
            outcome?.detail,
            "z-test from standard errors: the standard error or the excess is not a finite number, so the improvement is not shown")
    }

    /// A required improvement on a lower-is-better name with an inherited
    /// direction would demand that a loss grow: a policy error, as for the
    /// tolerances (the lint used to warn; InheritedDirection.swift refuses it).
    func testAnInheritedDirectionTheNameContradictsIsAnError() throws {
        XCTAssertThrowsError(try policy("version: 1\ngates:\n  - {metric: eval_loss, min_improvement: 0.01}\n")) { error in
            XCTAssertTrue("\(error)".contains("`min_improvement` on `eval_loss` counts a rise as better"), "\(error)")
        }
        XCTAssertNoThrow(try policy("version: 1\ngates:\n  - {metric: eval_loss, direction: lower, min_improvement: 0.01}\n"))
    }
}
