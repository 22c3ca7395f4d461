import Foundation
import XCTest

@testable import QualityGateCore

/// `max_regression_sigma`: the window, σ, short and non-finite histories, σ = 0,
/// and what the reports print.
final class SigmaConditionTests: XCTestCase {
    func policy(_ yaml: String) throws -> Policy { try PolicyLoader.parse(Array(yaml.utf8), file: "p.yaml", today: 0) }

    func history(_ values: [Double?], metric: String = "acc") -> ReleaseHistory {
        ReleaseHistory(
            source: "test",
            releases: values.enumerated().map { i, v in .init(version: "v\(i + 1)", metrics: v.map { [metric: $0] } ?? [:]) })
    }

    func evaluate(_ p: Policy, value: Double, baseline: Double, history h: ReleaseHistory?) throws -> ConditionResult {
        let metrics = MetricSet(numbers: [("acc", value)], file: "m.json")
        let base = MetricSet(numbers: [("acc", baseline)], file: "b.json")
        return try GateEvaluator.evaluate(p, metrics: metrics, baseline: base, history: h).results[0]
    }

    static let gate = """
        version: 1
        gates:
          - metric: acc
            max_regression_sigma: 3
        """

    /// Changes 0.01, −0.01, 0.02, −0.02, 0: σ = sqrt(0.001 / 4) ≈ 0.0158; bound 0.9 − 3σ.
    func testTheBoundIsTheBaselineMinusKSigma() throws {
        let h = history([0.9, 0.91, 0.9, 0.92, 0.9, 0.9])
        let changes = h.changes(of: "acc", window: 20)
        let sigma = SigmaWindow.standardDeviation(changes)
        XCTAssertEqual(sigma, (0.001 / 4.0).squareRoot(), accuracy: 1e-12)
        let p = try policy(Self.gate)
        let pass = try evaluate(p, value: 0.9 - 3 * sigma + 1e-9, baseline: 0.9, history: h)
        XCTAssertEqual(pass.status, .passed, pass.message)
        XCTAssertEqual(pass.bound ?? 0, 0.9 - 3 * sigma, accuracy: 1e-15)
        let fail = try evaluate(p, value: 0.85, baseline: 0.9, history: h)
        XCTAssertEqual(fail.status, .failed)
        XCTAssertEqual(fail.reason, .belowBound)
        XCTAssertEqual(
            fail.message(.human),
            "acc 0.85 vs baseline 0.9: worse by 0.05, allowed 0.0474342; σ = 0.0158114 from 5 changes in the last 6 releases (v1 … v6)")
        XCTAssertEqual(
            ExplainReport.arithmetic(fail), "0.85 >= 0.9 - 3 × 0.0158114 = 0.852566 → false")
        let e = try GateEvaluator.evaluate(
            p, metrics: MetricSet(numbers: [("acc", 0.85)], file: "m.json"), baseline: MetricSet(numbers: [("acc", 0.9)], file: "b.json"),
            history: h)
        let explain = ExplainReport.render(e)
        XCTAssert(
            explain.contains(
                "  history:  σ = 0.0158114 from 5 changes in the last 6 releases (v1 … v6); history_window 20, min_history 5\n"), explain)
        XCTAssert(explain.contains("  rule:     value >= baseline - 3 * sigma\n"), explain)
        let json = JSONReport.condition(fail).renderedCompact()
        XCTAssert(
            json.contains(
                #""history":{"history_window":20,"min_history":5,"releases":6,"changes":5,"first_version":"v1","last_version":"v6","sigma":0.015811388300841913}"#
            ), json)
    }

    /// Only the last `history_window` releases count; a release without the metric breaks the pair.
    func testOnlyTheWindowCounts() throws {
        // A wild early history, then calm: the window of 6 sees only the calm part.
        let h = history([0.1, 0.9, 0.2, 0.9, 0.90, 0.91, 0.90, 0.91, 0.90, 0.90])
        let p = try policy(Self.gate + "\n    history_window: 6\n")
        let r = try evaluate(p, value: 0.85, baseline: 0.9, history: h)
        XCTAssertEqual(r.history?.releases, 6)
        XCTAssertEqual(r.history?.changes, 5)
        XCTAssertEqual(r.history?.first, "v5")
        XCTAssertEqual(r.status, .failed, r.message)
        let wide = try evaluate(try policy(Self.gate), value: 0.85, baseline: 0.9, history: h)
        XCTAssertEqual(wide.history?.changes, 9)
        XCTAssertEqual(wide.status, .passed, wide.message)
    }

    /// Fewer changes than `min_history` follow `on_missing_baseline`, visibly.
    func testTooLittleHistoryFollowsOnMissingBaseline() throws {
        let h = history([0.9, 0.91, nil, 0.9, 0.9])
        let skip = try evaluate(try policy(Self.gate), value: 0.5, baseline: 0.9, history: h)
        XCTAssertEqual(skip.status, .skipped)
        XCTAssertEqual(
            skip.message,
            "too little release history to learn σ: 2 changes in the last 5 releases (v1 … v5), min_history 5 (on_missing_baseline: skip)")
        XCTAssertEqual(ExplainReport.arithmetic(skip).hasPrefix("no σ to bound the change: too little release history"), true)
        let fail = try evaluate(try policy(Self.gate + "\n    on_missing_baseline: fail\n"), value: 0.95, baseline: 0.9, history: h)
        XCTAssertEqual(fail.status, .failed)
        XCTAssertEqual(fail.reason, .shortHistory)
        XCTAssert(fail.isBlocking)
        let warn = try evaluate(try policy(Self.gate + "\n    on_missing_baseline: warn\n"), value: 0.95, baseline: 0.9, history: h)
        XCTAssertEqual(warn.status, .failed)
        XCTAssertEqual(warn.severity, .warning)
        // min_history 2 is enough for these two changes.
        let two = try evaluate(try policy(Self.gate + "\n    min_history: 2\n"), value: 0.9, baseline: 0.9, history: h)
        XCTAssertEqual(two.status, .passed, two.message)
        // No history at all (a library caller with a baseline file): the same rule, its own words.
        let none = try evaluate(try policy(Self.gate), value: 0.5, baseline: 0.9, history: nil)
        XCTAssertEqual(none.status, .skipped)
        XCTAssertEqual(
            none.message,
            "no release history to learn σ from (max_regression_sigma needs a baseline store) (on_missing_baseline: skip)")
    }

    /// σ = 0 (every change equal): nothing is divided; the bound is the baseline, so any regression fails.
    func testZeroSigmaForbidsAnyRegression() throws {
        let h = history([0.86, 0.87, 0.88, 0.89, 0.90, 0.91])
        let changes = h.changes(of: "acc", window: 20)
        let p = try policy(Self.gate)
        let same = try evaluate(p, value: 0.91, baseline: 0.91, history: h)
        XCTAssertEqual(same.status, .passed, same.message)
        let constant = history([0.9, 0.9, 0.9, 0.9, 0.9, 0.9])
        XCTAssertEqual(SigmaWindow.measure(constant, metric: "acc", settings: HistoryWindow()).sigma, 0)
        let worse = try evaluate(p, value: 0.8999, baseline: 0.9, history: constant)
        XCTAssertEqual(worse.status, .failed)
        XCTAssertEqual(worse.bound, 0.9)
        XCTAssertEqual(
            worse.message(.human),
            "acc 0.8999 vs baseline 0.9: worse by 0.0001, allowed 0; σ = 0 from 5 changes in the last 6 releases (v1 … v6)")
        let better = try evaluate(p, value: 0.95, baseline: 0.9, history: constant)
        XCTAssertEqual(better.status, .passed)
        XCTAssertEqual(changes.count, 5)
    }

    /// A change beyond the finite range (or NaN in the arithmetic) fails closed.
    func testNonFiniteHistoryFails() throws {
        let h = history([-1e308, 1e308, -1e308, 1e308, -1e308, 1e308])
        let r = try evaluate(try policy(Self.gate), value: 1e308, baseline: 1e308, history: h)
        XCTAssertEqual(r.status, .failed)
        XCTAssertEqual(r.reason, .nonFiniteHistory)
        XCTAssertEqual(
            r.message,
            "σ = Infinity from 5 changes in the last 6 releases (v1 … v6): a change or σ beyond the finite range fails the condition")
        // A non-finite candidate fails as every condition does.
        let nan = try evaluate(try policy(Self.gate), value: .nan, baseline: 0.9, history: history([0.9, 0.9, 0.9, 0.9, 0.9, 0.9]))
        XCTAssertEqual(nan.reason, .nonFiniteValue)
    }

    /// Lower-is-better: the bound is baseline + k·σ.
    func testLowerIsBetter() throws {
        let p = try policy(
            """
            version: 1
            gates:
              - metric: acc
                direction: lower
                max_regression_sigma: 2
            """)
        let r = try evaluate(p, value: 0.33, baseline: 0.31, history: .withSigma(0.01, metric: "acc"))
        XCTAssertEqual(r.status, .passed, r.message)
        XCTAssertEqual(r.bound ?? 0, 0.33, accuracy: 1e-15)
        let f = try evaluate(p, value: 0.3301, baseline: 0.31, history: .withSigma(0.01, metric: "acc"))
        XCTAssertEqual(f.status, .failed)
        XCTAssertEqual(f.reason, .aboveBound)
    }

    /// The lint judges only k: 10σ and beyond practically never fails; below it, nothing to say.
    func testTheLintFlagsAKThatCanPracticallyNeverFail() throws {
        let wide = try policy(Self.gate.replacingOccurrences(of: "max_regression_sigma: 3", with: "max_regression_sigma: 12"))
        let findings = PolicyLint.run(wide, baselines: ["acc": 0.9], known: nil, today: 0)
        XCTAssertEqual(
            findings.map(\.message),
            [
                "`max_regression_sigma: 12` allows a regression of 12 standard deviations of the release history: it can practically never fail"
            ])
        XCTAssertEqual(PolicyLint.run(try policy(Self.gate), baselines: ["acc": 0.9], known: nil, today: 0).map(\.message), [])
    }
}
