import XCTest

@testable import QualityGateCore

/// A noise-aware gate bounds the uncertainty it trusts: a candidate (or
/// baseline) claiming more noise than the policy accepts cannot have a
/// regression excused as noise.
final class ClaimCheckTests: XCTestCase {
    func evaluate(_ gate: String, _ candidate: String, _ baseline: String) throws -> ConditionResult {
        let p = try PolicyLoader.parse(
            Array("version: 1\ngates:\n  - {metric: acc, max_regression: 0.01, significance: 0.05\(gate)}\n".utf8), file: "p.yaml")
        return try GateEvaluator.evaluate(
            p, metrics: MetricsLoader.parse(Array(candidate.utf8), file: "m.json"),
            baseline: MetricsLoader.parse(Array(baseline.utf8), file: "b.json")
        ).results[0]
    }

    func testClaimsBeyondTheLimitsKeepTheFailure() throws {
        // 0.90 vs 0.95 on n = 40: within the noise, so without limits the regression is excused.
        let base = #"{"acc": {"value": 0.95, "n": 40, "stderr": 0.034, "ci_low": 0.88, "ci_high": 0.99}}"#
        let cand = #"{"acc": {"value": 0.90, "n": 40, "stderr": 0.047, "ci_low": 0.8, "ci_high": 0.97}}"#
        // Without limits, the regression would be excused by whatever the job claims: a policy error.
        XCTAssertThrowsError(try evaluate("", cand, base)) { e in
            let error = (e as? QGateErrors)?.errors.first
            XCTAssertEqual(error?.location?.description, "p.yaml:3:41")
            XCTAssertEqual(
                error?.message, "`significance` trusts the uncertainty the candidate claims about itself, and this gate sets no limit on it"
            )
        }
        let loose = try evaluate(", min_n: 1, max_stderr: 0.5, max_ci_width: 1", cand, base)
        XCTAssertEqual(loose.status, .passed)
        let small = try evaluate(", min_n: 1000", cand, base)
        XCTAssertEqual(small.status, .failed)
        XCTAssertNil(small.significance)
        XCTAssertEqual(
            small.message,
            "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; claimed uncertainty not accepted (candidate n 40 < min_n 1000), so noise cannot excuse the regression"
        )
        // The baseline is checked too: it was a training job's claim once.
        let baseSmall = try evaluate(", min_n: 1000", #"{"acc": {"value": 0.90, "n": 5000}}"#, base)
        XCTAssertEqual(baseSmall.status, .failed)
        XCTAssertEqual(baseSmall.claimCheck, "baseline n 40 < min_n 1000")
        let honest = try evaluate(", min_n: 1000", #"{"acc": {"value": 0.935, "n": 2000}}"#, #"{"acc": {"value": 0.95, "n": 2000}}"#)
        XCTAssertEqual(honest.status, .passed, honest.message)
        XCTAssertEqual(honest.claimCheck, "candidate n 2000 >= min_n 1000, baseline n 2000 >= min_n 1000")
        // Standard errors and intervals, with their own limits.
        let se = try evaluate(", max_stderr: 0.01", #"{"acc": {"value": 0.90, "stderr": 0.047}}"#, #"{"acc": 0.95}"#)
        XCTAssertEqual(se.status, .failed)
        XCTAssertEqual(se.claimCheck, "candidate stderr 0.047 > max_stderr 0.01")
        let ci = try evaluate(
            ", max_ci_width: 0.02", #"{"acc": {"value": 0.90, "ci_low": 0.8, "ci_high": 0.97}}"#,
            #"{"acc": 0.95, "acc_ci": {"low": 0.94, "high": 0.96}}"#)
        XCTAssertEqual(ci.status, .failed)
        XCTAssertEqual(ci.claimCheck, "candidate interval width 0.17 > max_ci_width 0.02")
    }

    /// With any limit set, a candidate cannot switch to a form the gate does not bound.
    func testAnUnboundedFormIsNotAccepted() throws {
        let r = try evaluate(", min_n: 1000", #"{"acc": {"value": 0.90, "stderr": 0.3}}"#, #"{"acc": 0.95}"#)
        XCTAssertEqual(r.status, .failed)
        XCTAssertEqual(
            r.claimCheck, "the z-test from standard errors would use the stderr, which this gate does not bound (add max_stderr)")
    }

    func testExplainShowsTheClaimCheck() throws {
        let p = try PolicyLoader.parse(
            Array("version: 1\ngates:\n  - {metric: acc, max_regression: 0.01, significance: 0.05, min_n: 1000}\n".utf8), file: "p.yaml")
        let e = try GateEvaluator.evaluate(
            p, metrics: MetricsLoader.parse(Array(#"{"acc": {"value": 0.9, "n": 40}}"#.utf8), file: "m.json"),
            baseline: MetricsLoader.parse(Array(#"{"acc": {"value": 0.95, "n": 5000}}"#.utf8), file: "b.json"))
        XCTAssertTrue(
            ExplainReport.render(e).contains(
                """
                  numbers:  0.9 >= 0.95 - 0.01 = 0.94 → false
                  claims:   candidate n 40 < min_n 1000
                  decision: failed → blocks the release
                """), ExplainReport.render(e))
    }
}
