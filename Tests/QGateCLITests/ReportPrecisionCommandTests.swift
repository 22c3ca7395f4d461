import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `--precision N` through the real binary: human reports of `qgate score`
/// metrics fit a terminal, JSON keeps every digit, the verdict never changes.
final class ReportPrecisionCommandTests: TemporaryDirectoryTestCase {
    let metrics = "Tests/Fixtures/score/binary_basic/expected.json"
    let baseline = "Tests/Fixtures/score/binary_large/expected.json"

    func policy() throws -> String {
        try write(
            "policy.yaml",
            """
            version: 1
            gates:
              - {metric: roc_auc, min: 0.75, max_regression_ratio: 0.1}
              - {metric: balanced_accuracy, min: 0.65}
              - {metric: f1, max_regression: 0.05}
              - {metric: log_loss, max_regression: 0.05, direction: lower}
              - {metric: brier_score, max: 0.25, direction: lower}
              - {metric: ece, max: 0.1, direction: lower}
              - {metric: latency.p95_ms, max: 120, direction: lower}
              - {metric: groups.sex.F.recall, max_regression: 0.2}

            """)
    }

    func evaluate(_ extra: [String]) throws -> TestSupport.Result {
        try TestSupport.runBinary(
            ["evaluate", "--config", try policy(), "--metrics", metrics, "--baseline", baseline, "--no-github"] + extra)
    }

    /// The table was 117 columns wide with every digit of a `qgate score` file (93 now).
    func testTheTableOfScoreMetricsFitsInOneHundredColumns() throws {
        let r = try evaluate([])
        XCTAssertEqual(r.exit, 1, r.stderr)
        let table = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.contains("→") }
        XCTAssertEqual(table.count, 10, r.stdout)
        XCTAssertLessThanOrEqual(table.map(\.count).max() ?? 0, 100, r.stdout)
        XCTAssertTrue(r.stdout.contains("  ✓  roc_auc"), r.stdout)
        XCTAssertTrue(
            r.stdout.contains("✓  roc_auc              max_regression_ratio 0.1   0.766071  0.826916  ≥ 0.744224  critical"), r.stdout)
        XCTAssertTrue(r.stdout.contains("→ log_loss 0.578918 vs baseline 0.498022: worse by 0.0808961, allowed 0.05"), r.stdout)
        XCTAssertFalse(r.stdout.contains("0.7660708333333333"), r.stdout)
    }

    func testPrecisionChangesTheDigitsAndNotTheVerdict() throws {
        let two = try evaluate(["--precision", "2", "--explain"])
        XCTAssertEqual(two.exit, 1, two.stderr)
        XCTAssertTrue(two.stdout.contains("→ log_loss 0.58 vs baseline 0.5: worse by 0.081, allowed 0.05"), two.stdout)
        XCTAssertTrue(two.stdout.contains("numbers:  0.58 <= 0.5 + 0.05 = 0.55 → false"), two.stdout)
        let all = try evaluate(["--precision", "17"])
        XCTAssertEqual(all.exit, 1, all.stderr)
        XCTAssertTrue(all.stdout.contains("0.7660708333333333"), all.stdout)
        // JSON keeps full precision whatever --precision says; a Markdown file follows it.
        let md = dir + "/gate.md"
        let json = try evaluate(["--precision", "3", "--format", "json", "--output", "markdown=" + md])
        XCTAssertEqual(json.exit, 1, json.stderr)
        XCTAssertTrue(json.stdout.contains("0.7660708333333333"), json.stdout)
        XCTAssertTrue(try String(contentsOfFile: md, encoding: .utf8).contains("| 0.579 | 0.498 | +0.0809 | ≤ 0.548 |"))
    }

    func testReviewTakesPrecision() throws {
        let r = try TestSupport.runBinary(
            ["review", "--config", try policy(), "--metrics", metrics, "--baseline", baseline, "--precision", "3"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("log_loss 0.579 vs baseline 0.498: worse by 0.0809, allowed 0.05"), r.stdout)
    }

    func testBaselineShowTakesPrecision() throws {
        let store = dir + "/store"
        let promote = try TestSupport.runBinary(
            ["baseline", "promote", "--model", "m", "--store", store, "--metrics", metrics, "--version", "1"])
        XCTAssertEqual(promote.exit, 0, promote.stderr)
        let shown = try TestSupport.runBinary(["baseline", "show", "--model", "m", "--store", store])
        XCTAssertTrue(shown.stdout.contains("  roc_auc  ") && shown.stdout.contains(" 0.766071\n"), shown.stdout)
        let three = try TestSupport.runBinary(["baseline", "show", "--model", "m", "--store", store, "--precision", "3"])
        XCTAssertTrue(three.stdout.contains(" 0.766\n"), three.stdout)
        let json = try TestSupport.runBinary(["baseline", "show", "--model", "m", "--store", store, "--format", "json", "--precision", "3"])
        XCTAssertTrue(json.stdout.contains("0.7660708333333333"), json.stdout)
    }

    /// A regression the significance test let pass keeps its line under the table, with the p-value.
    func testAPassBecauseNotSignificantSaysSoInTheTextReport() throws {
        let policy = try write(
            "noise.yaml", "version: 1\ngates:\n  - {metric: acc, max_regression: 0.01, significance: 0.05, max_stderr: 0.1}\n")
        let candidate = try write("m.json", #"{"acc": {"value": 0.9, "stderr": 0.05}}"#)
        let base = try write("b.json", #"{"acc": {"value": 0.95, "stderr": 0.05}}"#)
        let r = try TestSupport.runBinary(
            ["evaluate", "--config", policy, "--metrics", candidate, "--baseline", base, "--no-github"])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssertTrue(
            r.stdout.contains(
                "       → acc 0.9 vs baseline 0.95: worse by 0.05, allowed 0.01; not significant (z-test from standard errors: p = 0.2858 ≥ 0.05)\n"
            ), r.stdout)
    }
}
