import XCTest

@testable import QualityGateCore

/// The words for a significance test's decision and for the uncertainty claims
/// it would trust, from their outcomes alone.
final class SignificanceTextTests: XCTestCase {
    func testOutcomeDetail() {
        let z = SignificanceTest.Outcome(method: .standardErrors, pValue: 0.29684, significant: false, evidence: .pValue(alpha: 0.05))
        XCTAssertEqual(z.test, "z-test from standard errors")
        XCTAssertEqual(z.detail, "z-test from standard errors: p = 0.2968 ≥ 0.05")
        let overlap = SignificanceTest.Outcome(
            method: .confidenceIntervals, pValue: nil, significant: false,
            evidence: .intervals(candidateLow: 0.87, candidateHigh: 0.91, baselineLow: 0.88, baselineHigh: 0.92, margin: 0))
        XCTAssertEqual(overlap.detail, "confidence intervals: candidate [0.87, 0.91] vs baseline [0.88, 0.92]: overlap")
        let apart = SignificanceTest.Outcome(
            method: .confidenceIntervals, pValue: nil, significant: true,
            evidence: .intervals(candidateLow: 0.7, candidateHigh: 0.8, baselineLow: 0.88, baselineHigh: 0.92, margin: 0.01))
        XCTAssertEqual(apart.detail, "confidence intervals: candidate [0.7, 0.8] vs baseline [0.88, 0.92] ± 0.01: no overlap")
        let causes: [(SignificanceTest.FailClosedCause, String)] = [
            (.nonFiniteStandardErrorOrExcess, "the standard error or the excess is not a finite number"),
            (.pValueNotComputable, "the p-value cannot be computed"),
            (.nonFiniteIntervalBound, "an interval bound is not a finite number")
        ]
        for (cause, why) in causes {
            let closed = SignificanceTest.Outcome(method: .twoProportion, pValue: nil, significant: true, evidence: .failedClosed(cause))
            XCTAssertEqual(closed.detail, "two-proportion z-test: \(why), so the failure stands")
        }
    }

    func testClaimCheckDetail() {
        XCTAssertEqual(
            ClaimCheck.Outcome(accepted: true, finding: .unbounded).detail,
            "not bounded (the gate sets no min_n, max_stderr or max_ci_width)")
        XCTAssertEqual(
            ClaimCheck.Outcome(accepted: false, finding: .quantityNotBounded(.confidenceIntervals)).detail,
            "the confidence intervals would use the interval width, which this gate does not bound (add max_ci_width)")
        let both: [ClaimCheck.Claim] = [
            .init(side: .candidate, value: 2000, withinLimit: true), .init(side: .baseline, value: 2000, withinLimit: true)
        ]
        XCTAssertEqual(
            ClaimCheck.Outcome(accepted: true, finding: .checked(.twoProportion, limit: 1000, claims: both)).detail,
            "candidate n 2000 >= min_n 1000, baseline n 2000 >= min_n 1000")
        // Rejected: only the claim beyond the limit is named.
        let wide: [ClaimCheck.Claim] = [
            .init(side: .candidate, value: 0.01, withinLimit: true), .init(side: .baseline, value: 0.97 - 0.8, withinLimit: false)
        ]
        XCTAssertEqual(
            ClaimCheck.Outcome(accepted: false, finding: .checked(.confidenceIntervals, limit: 0.02, claims: wide)).detail,
            "baseline interval width 0.17 > max_ci_width 0.02")
        let se: [ClaimCheck.Claim] = [.init(side: .candidate, value: 0.047, withinLimit: false)]
        XCTAssertEqual(
            ClaimCheck.Outcome(accepted: false, finding: .checked(.standardErrors, limit: 0.01, claims: se)).detail,
            "candidate stderr 0.047 > max_stderr 0.01")
    }
}
