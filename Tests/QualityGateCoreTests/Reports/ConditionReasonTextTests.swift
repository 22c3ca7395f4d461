import XCTest

@testable import QualityGateCore

/// The words for why a condition came out as it did, from the result's data
/// alone: each finding with its numbers, each refinement, and the order the
/// report joins them in.
final class ConditionReasonTextTests: XCTestCase {
    static let at = SourceLocation(file: "p.yaml", line: 3, column: 5)

    func result(
        _ kind: ConditionKind, _ threshold: Double, value: Double?, baseline: Double? = nil, direction: Direction = .higher,
        finding: ConditionFinding, status: ConditionResult.Status = .failed
    ) -> ConditionResult {
        let gate = Gate(
            metric: "acc", severity: .critical, onMissingMetric: .fail, onMissingBaseline: .skip, direction: direction,
            conditions: [], location: Self.at)
        var r = ConditionResult(
            gate: gate, gateIndex: 0, kind: kind, severity: .critical, status: status, value: value, baseline: baseline,
            threshold: threshold, requirement: nil, finding: finding, location: Self.at)
        if let value, value.isFinite, !kind.isRelative || baseline != nil {
            r.requirement = kind.bound(threshold: threshold, baseline: baseline ?? 0, direction: direction)
        }
        return r
    }

    func testAbsoluteComparisons() {
        XCTAssertEqual(result(.min, 0.92, value: 0.91, finding: .belowBound).message, "acc 0.91 < min 0.92 (short by 0.01)")
        XCTAssertEqual(result(.max, 150, value: 200, finding: .aboveBound).message, "acc 200 > max 150 (over by 50)")
        XCTAssertEqual(result(.min, 0.9, value: 0.95, finding: .withinBound, status: .passed).message, "acc 0.95 >= min 0.9")
        XCTAssertEqual(result(.max, 0.1, value: 0.05, finding: .withinBound, status: .passed).message, "acc 0.05 <= max 0.1")
    }

    func testRelativeComparisons() {
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.9, baseline: 0.95, finding: .belowBound).message,
            "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01")
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.96, baseline: 0.95, finding: .withinBound, status: .passed).message,
            "acc 0.96 vs baseline 0.95: better by 0.01")
        XCTAssertEqual(
            result(.maxRegression, 0, value: 0.95, baseline: 0.95, finding: .withinBound, status: .passed).message,
            "acc 0.95 vs baseline 0.95: unchanged")
        XCTAssertEqual(
            result(.maxRegressionRatio, 0.05, value: 0.33, baseline: 0.31, direction: .lower, finding: .aboveBound).message,
            "acc 0.33 vs baseline 0.31: worse by 0.02 (6.45%), allowed 5%")
        XCTAssertEqual(
            result(.maxRegressionRatio, 0.05, value: 0.02, baseline: 0, direction: .lower, finding: .aboveBound).message,
            "acc 0.02 vs baseline 0: worse by 0.02 (∞%), allowed 5%")
        XCTAssertEqual(
            result(.maxDelta, 0.03, value: 0.54, baseline: 0.5, finding: .outsideDelta).message,
            "acc 0.54 vs baseline 0.5: changed by 0.04, allowed ±0.03")
    }

    /// A failure by less than the rounding prints the digits that show it failed.
    func testAFailureAtTheAllowanceNeverPrintsAsWithinIt() {
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.9399999, baseline: 0.95, finding: .belowBound).message(.human),
            "acc 0.94 vs baseline 0.95: worse by 0.0100001, allowed 0.01")
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.93999999999, baseline: 0.95, finding: .belowBound).message(.human),
            "acc 0.94 vs baseline 0.95: worse by 0.01000000001, allowed 0.01")
        XCTAssertEqual(
            result(.maxRegressionRatio, 0.05, value: 0.3255001, baseline: 0.31, direction: .lower, finding: .aboveBound).message,
            "acc 0.3255001 vs baseline 0.31: worse by 0.0155001 (5.00003%), allowed 5%")
        XCTAssertEqual(
            result(.maxDelta, 0.03, value: 0.5300001, baseline: 0.5, finding: .outsideDelta).message(.human),
            "acc 0.53 vs baseline 0.5: changed by 0.0300001, allowed ±0.03")
        XCTAssertEqual(
            result(.min, 0.92, value: 0.91999999, finding: .belowBound).message(ReportPrecision(significantDigits: 2)),
            "acc 0.91999999 < min 0.92 (short by 1e-08)")
    }

    func testNothingToCompare() {
        XCTAssertEqual(
            result(.min, 0.9, value: nil, finding: .missingMetric(files: [], onMissing: .fail)).message,
            "metric acc not found in the metrics (on_missing_metric: fail)")
        XCTAssertEqual(
            result(.min, 0.9, value: nil, finding: .missingMetric(files: ["m.json", "extra.yaml"], onMissing: .warn)).message,
            "metric acc not found in m.json, extra.yaml (on_missing_metric: warn)")
        XCTAssertEqual(
            result(.min, 0.9, value: nil, finding: .missingMetric(files: ["m.json"], onMissing: .fail, suggestion: "ACC\n::x")).message,
            "metric acc not found in m.json (on_missing_metric: fail) — did you mean `ACC\\n::x`?")
        let null = SourceLocation(file: "m.json", line: 1, column: 9)
        XCTAssertEqual(
            result(.min, 0.9, value: nil, finding: .undefinedMetric(at: null, onMissing: .skip), status: .skipped).message,
            "metric acc is null at m.json:1:9: undefined, so treated as missing (on_missing_metric: skip)")
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.9, finding: .undefinedBaseline(at: null, onMissing: .fail)).message,
            "baseline of acc is null at m.json:1:9: undefined, so treated as missing (on_missing_baseline: fail)")
        let absences: [(BaselineAbsence, String)] = [
            (.notGiven, "no baseline was given"),
            (.policyHasNoModel, "no baseline was given (the policy has no `model:` to look up in the store)"),
            (
                .storeHasNoBaseline(store: ".qgate", model: "sentiment"),
                "no baseline yet (first release): the store `.qgate` has none for `sentiment`"
            ),
            (
                .storeDoesNotExist(store: "git:qgate-baselines"),
                "no baseline yet (first release): the store `git:qgate-baselines` does not exist yet"
            ),
            (.metricAbsent, "the baseline has no acc")
        ]
        for (absence, words) in absences {
            XCTAssertEqual(
                result(.maxRegression, 0.01, value: 0.9, finding: .missingBaseline(absence, onMissing: .warn)).message,
                words + " (on_missing_baseline: warn)")
        }
        XCTAssertEqual(
            result(.min, 0.9, value: .nan, finding: .nonFiniteValue).message, "acc is NaN: a non-finite metric fails every condition")
        XCTAssertEqual(
            result(.maxRegression, 0.01, value: 0.9, baseline: .nan, finding: .nonFiniteBaseline).message,
            "baseline of acc is NaN: a non-finite baseline fails every relative condition")
    }

    func testRefinementsFollowTheFindingInTheOrderApplied() {
        let claim = ClaimCheck.Outcome(
            accepted: false,
            finding: .checked(
                .twoProportion, limit: 1000,
                claims: [.init(side: .candidate, value: 40, withinLimit: false)]))
        var r = result(.maxRegression, 0.01, value: 0.9, baseline: 0.95, finding: .belowBound)
        r.noise = .claimNotAccepted(claim)
        XCTAssertEqual(
            r.message,
            "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; claimed uncertainty not accepted (candidate n 40 < min_n 1000), so noise cannot excuse the regression"
        )
        XCTAssertEqual(r.claimCheck, "candidate n 40 < min_n 1000")

        let accepted = ClaimCheck.Outcome(accepted: true, finding: .unbounded)
        r.noise = .tested(.init(method: .twoProportion, pValue: 0.01, significant: true, evidence: .pValue(alpha: 0.05)), claims: accepted)
        XCTAssertEqual(
            r.message, "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; significant (two-proportion z-test: p = 0.01 < 0.05)")
        r.noise = .tested(
            .init(method: .twoProportion, pValue: 0.2968, significant: false, evidence: .pValue(alpha: 0.05)), claims: accepted)
        r.status = .passed
        XCTAssertEqual(
            r.message, "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; not significant (two-proportion z-test: p = 0.2968 ≥ 0.05)")
        r.noise = .noUncertaintyData
        XCTAssertEqual(
            r.message, "acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; no uncertainty data (n, stderr or ci), compared plainly")

        let waiver = Waiver(reason: "label noise\nin the new set", until: "2026-12-31", untilDay: 0, owner: "ml-team")
        var a = result(.min, 0.9, value: 0.85, finding: .belowBound, status: .waived)
        a.baselineAlsoFails = .noWorse(baseline: 0.84)
        a.waiverUse = .applied(waiver)
        XCTAssertEqual(
            a.message,
            "acc 0.85 < min 0.9 (short by 0.05); pre-existing: the baseline (0.84) fails it too and this model is no worse; waived until 2026-12-31 by ml-team: label noise\\nin the new set"
        )
        a.status = .failed
        a.baselineAlsoFails = .worse(baseline: 0.86)
        a.waiverUse = .expired(Waiver(reason: "x", until: "2026-01-31", untilDay: 0, owner: nil))
        XCTAssertEqual(
            a.message,
            "acc 0.85 < min 0.9 (short by 0.05); not pre-existing: the baseline (0.86) fails it too, but this model is worse; waiver expired on 2026-01-31"
        )
    }

    /// The metric name is untrusted: it is shown, never obeyed.
    func testTheMetricNameIsSanitised() {
        let gate = Gate(
            metric: "a\u{202E}b", severity: .critical, onMissingMetric: .fail, onMissingBaseline: .skip, direction: .higher,
            conditions: [], location: Self.at)
        let r = ConditionResult(
            gate: gate, gateIndex: 0, kind: .min, severity: .critical, status: .failed, value: nil, baseline: nil,
            threshold: 0.9, requirement: nil, finding: .missingMetric(files: [], onMissing: .fail), location: Self.at)
        XCTAssertEqual(r.message, "metric a\\u{202e}b not found in the metrics (on_missing_metric: fail)")
    }

    func testWaiverNotices() {
        XCTAssertEqual(
            WaiverNotice(gate: "recall", until: "2026-12-31", daysLeft: 10).text,
            "the waiver of gate `recall` expires on 2026-12-31 (in 10 days)")
        XCTAssertEqual(
            WaiverNotice(gate: "recall", until: "2026-12-31", daysLeft: 1).text,
            "the waiver of gate `recall` expires on 2026-12-31 (in 1 day)")
        XCTAssertEqual(
            WaiverNotice(gate: "recall", until: "2026-12-31", daysLeft: 0).text,
            "the waiver of gate `recall` expires on 2026-12-31 (in 0 days)")
        XCTAssertEqual(
            WaiverNotice(gate: "recall", until: "2026-12-31", daysLeft: -1).text,
            "the waiver of gate `recall` expired on 2026-12-31: the gate blocks again")
    }
}
