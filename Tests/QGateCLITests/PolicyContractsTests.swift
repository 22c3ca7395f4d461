import Foundation
import QGateTestSupport
import XCTest

/// Issue 19's contracts people trip over, through the real binary: a direction
/// the metric's name contradicts, a misspelt metric, two gates one name.
final class PolicyContractsTests: TemporaryDirectoryTestCase {
    /// `max_regression_ratio: 0.05` on `log_loss` with the default direction
    /// let 0.53 → 0.73 pass while `validate` said "valid policy". Now both
    /// `validate` and `evaluate` refuse it until the direction is written.
    func testARelativeConditionOnALossNeedsItsDirectionWritten() throws {
        let metrics = try write("m.json", #"{"log_loss": 0.73}"#)
        let baseline = try write("b.json", #"{"log_loss": 0.53}"#)
        let implicit = try write("p.yaml", "version: 1\ngates:\n  - metric: log_loss\n    max_regression_ratio: 0.05\n")
        let expected = """
            \(implicit):4:5: error: `max_regression_ratio` on `log_loss` counts a rise as better: the gate's direction is `higher` (the default), and the name says lower is better — write `direction: lower` (or `direction: higher` if higher really is better)
              4 │     max_regression_ratio: 0.05
                │     ^

            """
        let validate = try TestSupport.runBinary(["validate", "--config", implicit])
        XCTAssertEqual(validate.exit, 2)
        XCTAssertEqual(validate.stdout, "")
        XCTAssertEqual(validate.stderr, expected)
        let evaluate = try TestSupport.runBinary(["evaluate", "--config", implicit, "--metrics", metrics, "--baseline", baseline])
        XCTAssertEqual(evaluate.exit, 2)
        XCTAssertEqual(evaluate.stdout, "")
        XCTAssertEqual(evaluate.stderr, expected)

        let lower = try write("lower.yaml", "version: 1\ngates:\n  - {metric: log_loss, direction: lower, max_regression_ratio: 0.05}\n")
        let blocked = try TestSupport.runBinary(["evaluate", "--config", lower, "--metrics", metrics, "--baseline", baseline])
        XCTAssertEqual(blocked.exit, 1, blocked.stderr)
        XCTAssertTrue(blocked.stdout.contains("log_loss 0.73 vs baseline 0.53: worse by 0.2 (37.7%), allowed 5%"), blocked.stdout)
        // Written down, `higher` is the author's decision, and the lint agrees.
        let higher = try write("higher.yaml", "version: 1\ngates:\n  - {metric: log_loss, direction: higher, max_regression_ratio: 0.05}\n")
        let allowed = try TestSupport.runBinary(["evaluate", "--config", higher, "--metrics", metrics, "--baseline", baseline])
        XCTAssertEqual(allowed.exit, 0, allowed.stderr)
        let synth = try TestSupport.runBinary(["synth-test", "--config", higher, "--baseline", baseline, "--strict"])
        XCTAssertEqual(synth.exit, 0, synth.stdout + synth.stderr)
        // A default for every gate is allowed, and counts when the names agree.
        let defaults = try write(
            "defaults.yaml", "version: 1\ndefaults:\n  direction: lower\ngates:\n  - {metric: log_loss, max_regression_ratio: 0.05}\n")
        let byDefault = try TestSupport.runBinary(["evaluate", "--config", defaults, "--metrics", metrics, "--baseline", baseline])
        XCTAssertEqual(byDefault.exit, 1, byDefault.stderr)
    }

    func testAMisspeltMetricGetsADidYouMean() throws {
        let policy = try write(
            "p.yaml",
            "version: 1\ngates:\n  - {metric: roc-auc, min: 0.9}\n  - {metric: Accuracy, min: 0.9}\n  - {metric: recall, min: 0.5}\n")
        let metrics = try write("m.json", #"{"accuracy": 0.95, "roc_auc": 0.97, "n": 5000}"#)
        let text = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics])
        XCTAssertEqual(text.exit, 1)
        XCTAssertEqual(
            text.stdout.split(separator: "\n").filter { $0.contains("not found") }.map { $0.trimmingCharacters(in: .whitespaces) },
            [
                "→ metric roc-auc not found in \(metrics) (on_missing_metric: fail) — did you mean `roc_auc`?",
                "→ metric Accuracy not found in \(metrics) (on_missing_metric: fail) — did you mean `accuracy`?",
                "→ metric recall not found in \(metrics) (on_missing_metric: fail)"
            ])
        let json = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics, "--format", "json"])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let conditions = try XCTUnwrap(root["conditions"] as? [[String: Any]])
        XCTAssertEqual(conditions.map { $0["did_you_mean"] as? String }, ["roc_auc", "accuracy", nil])
        XCTAssertTrue(conditions[2]["did_you_mean"] is NSNull)
    }

    func testTwoUnnamedGatesOnOneMetricAreADuplicateName() throws {
        let policy = try write(
            "p.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n  - metric: accuracy\n    max_regression: 0.01\n")
        let r = try TestSupport.runBinary(["validate", "--config", policy])
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(
            r.stderr,
            """
            \(policy):5:5: error: two gates are named `accuracy` (first at line 3); a gate without `name` is named after its metric — gate names identify gates in reports, outputs and statistics; give one of them a `name:`
              5 │   - metric: accuracy
                │     ^

            """)
    }
}
