import XCTest

@testable import QualityGateCore

/// History v2's reason codes derive from the finding: every code but
/// `claim_not_accepted` and `improvement_not_shown` (the significance step's)
/// comes from exactly one finding.
final class ConditionFindingTests: XCTestCase {
    func testEveryReasonCodeDerivesFromTheTypedReason() {
        let at = SourceLocation(file: "m.json", line: 1, column: 1)
        let findings: [ConditionFinding] = [
            .withinBound, .belowBound, .aboveBound, .outsideDelta,
            .missingMetric(files: [], onMissing: .fail), .undefinedMetric(at: at, onMissing: .fail),
            .missingBaseline(.notGiven, onMissing: .fail), .undefinedBaseline(at: at, onMissing: .fail),
            .nonFiniteValue, .nonFiniteBaseline,
            .sliceTooSmall(count: 1, countMetric: "g.r.eu.n", minCount: 2), .missingSliceCount(countMetric: "g.r.eu.n", onMissing: .fail),
            .tooFewSlices(judged: 1, onMissing: .fail), .shortHistory(onMissing: .fail), .nonFiniteHistory
        ]
        let codes = findings.compactMap(\.code)
        XCTAssertEqual(codes.count, Set(codes).count, "two findings share a code")
        XCTAssertEqual(Set(codes).union([.claimNotAccepted, .improvementNotShown]), Set(ConditionResult.Reason.allCases))
        XCTAssertNil(ConditionFinding.withinBound.code)
    }
}
