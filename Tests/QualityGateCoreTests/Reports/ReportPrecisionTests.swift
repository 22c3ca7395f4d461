import XCTest

@testable import QualityGateCore

/// Human reports print measured and computed numbers at the report's precision,
/// bounds as written, and never a rounded value that reads as the wrong verdict;
/// JSON keeps every digit.
final class ReportPrecisionTests: XCTestCase {
    static let policy = """
        version: 1
        gates:
          - {metric: acc, min: 0.92}
          - {metric: auc, max_regression: 0.01}
          - {metric: loss, max: 1, direction: lower}

        """

    func evaluation(acc: String = "0.91999999") throws -> Evaluation {
        try EvaluationFixture.evaluate(
            policy: Self.policy, metrics: #"{"acc": \#(acc), "auc": 0.7213333333333334, "loss": 0.5789180562925206}"#,
            baseline: #"{"acc": 0.95, "auc": 0.7660708333333334, "loss": 0.6}"#)
    }

    func testTextRoundsMeasuredValuesButNotOntoTheBound() throws {
        let text = TextReport.render(try evaluation())
        XCTAssertTrue(text.contains("✗  acc   min 0.92             0.91999999"), text)
        XCTAssertTrue(text.contains("→ acc 0.91999999 < min 0.92 (short by 1e-08)"), text)
        XCTAssertTrue(text.contains("✗  auc   max_regression 0.01    0.721333  0.766071  ≥ 0.756071  critical"), text)
        XCTAssertTrue(text.contains("→ auc 0.721333 vs baseline 0.766071: worse by 0.0447375, allowed 0.01"), text)
        XCTAssertTrue(text.contains("✓  loss  max 1                  0.578918         —  ≤ 1         critical"), text)
        XCTAssertFalse(text.contains("0.7213333333333334"), text)
    }

    func testPrecisionIsAnOptionOfTheReport() throws {
        let e = try evaluation(acc: "0.9")
        let two = TextReport.render(e, precision: ReportPrecision(significantDigits: 2))
        XCTAssertTrue(two.contains("→ auc 0.72 vs baseline 0.77: worse by 0.045, allowed 0.01"), two)
        let full = TextReport.render(e, precision: ReportPrecision(significantDigits: 17))
        XCTAssertTrue(full.contains("auc 0.7213333333333334 vs baseline 0.7660708333333334"), full)
        let md = MarkdownReport.render(e, precision: ReportPrecision(significantDigits: 3))
        XCTAssertTrue(md.contains("| 0.721 | 0.766 | -0.0447 | ≥ 0.756 | auc 0.721 vs baseline 0.766: worse by 0.0447, allowed 0.01 |"), md)
    }

    func testMachineFormatsKeepFullPrecision() throws {
        let e = try evaluation()
        let json = JSONReport.render(e, exitCode: 1)
        XCTAssertTrue(json.contains("0.7213333333333334"), json)
        XCTAssertTrue(json.contains("auc 0.7213333333333334 vs baseline 0.7660708333333334"), json)
        XCTAssertTrue(JUnitReport.render(e, timestamp: 0).contains("auc 0.7213333333333334 vs baseline 0.7660708333333334"))
    }

    func testExplainRoundsTheArithmetic() throws {
        let explain = ExplainReport.render(try evaluation())
        XCTAssertTrue(explain.contains("numbers:  0.91999999 >= 0.92 → false"), explain)
        XCTAssertTrue(explain.contains("numbers:  0.721333 >= 0.766071 - 0.01 = 0.756071 → false"), explain)
    }

    /// A regression the significance test let pass is still a regression: the
    /// text report says why it passed, with the test's p-value.
    func testAPassBecauseNotSignificantSaysSoInText() throws {
        let e = try EvaluationFixture.evaluate(
            policy: """
                version: 1
                gates:
                  - {metric: acc, max_regression: 0.01, significance: 0.05, max_stderr: 0.1}

                """,
            metrics: #"{"acc": {"value": 0.9, "stderr": 0.05}}"#, baseline: #"{"acc": {"value": 0.95, "stderr": 0.05}}"#)
        XCTAssertEqual(e.results.first?.status, .passed)
        let text = TextReport.render(e)
        XCTAssertTrue(text.contains("✓"), text)
        XCTAssertTrue(
            text.contains("→ acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; not significant (z-test from standard errors: p = "),
            text)
    }
}
