import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// Goldens of `qgate validate --print`, the normalized policy (schema
/// `qgate.policy/v1`): defaults applied, every condition spelled out with its
/// meaning and position.
final class ValidateGoldenTests: TemporaryDirectoryTestCase {
    func testTheRepositorysPolicies() throws {
        for (policy, golden) in [
            ("quality-gates.yaml", "validate/print-quality-gates.json"),
            ("Examples/retraining-experiment/quality-gates.yaml", "validate/print-retraining-experiment.json")
        ] {
            let r = try TestSupport.runBinary(["validate", "--config", policy, "--print"])
            XCTAssertEqual(r.exit, 0, r.stderr)
            try TestSupport.assertGolden(r.stdout, golden)
        }
    }

    /// Every condition kind in both directions, defaults that gates inherit or
    /// override, the claim limits, a waiver and new-failures-only.
    func testEveryConditionKindAndOption() throws {
        _ = try write(
            "policy.yaml",
            """
            version: 1
            model: every-kind
            description: "Every condition kind, both directions"
            defaults:
              severity: warning
              on_missing_metric: warn
              on_missing_baseline: fail
              min_n: 100
            max_waiver_days: 30
            gates:
              - metric: accuracy
                min: 0.9
                max: 1
                max_regression: 0.01
                severity: critical
                significance: 0.05
                max_stderr: 0.02
                max_ci_width: 0.05
              - name: loss ratio
                metric: eval_loss
                direction: lower
                max_regression_ratio: 0.05
                on_missing_metric: fail
                new_failures_only: true
              - metric: positive_rate
                max_delta: 0.03
                on_missing_baseline: skip
                waiver: {reason: "label drift under review", until: 2026-12-01, owner: "ml-team"}
              - metric: latency.p95_ms
                direction: lower
                max: 120
                max_regression: 10
                severity: info

            """)
        let r = try TestSupport.runBinary(
            ["validate", "--config", "policy.yaml", "--print"], environment: ["QGATE_TODAY": "2026-11-24"],
            directory: dir)
        XCTAssertEqual(r.exit, 0, r.stderr)
        try TestSupport.assertGolden(r.stdout, "validate/print-every-kind.json")
    }

    /// `--print` is the whole effective policy: before, it left out `data:`,
    /// `drift:`, `defaults.direction`, `max_waiver_days`, waivers, `new_failures_only` and `min_count`.
    func testPrintShowsTheWholeEffectivePolicy() throws {
        _ = try write(
            "policy.yaml",
            """
            version: 1
            defaults:
              direction: lower
            max_waiver_days: 30
            gates:
              - metric: log_loss
                max_regression: 0.01
                new_failures_only: true
                waiver: {reason: "known regression", until: 2026-12-01, owner: ml}
              - metric: groups.region.*.recall
                direction: higher
                min: 0.7
                min_count: 30
            drift:
              method: js
              bins: 20
            data:
              min_rows: 1000
              max_missing_share: {default: 0.05, income: 0.2}
              severity: warning

            """)
        let r = try TestSupport.runBinary(
            ["validate", "--config", "policy.yaml", "--print"], environment: ["QGATE_TODAY": "2026-11-24"], directory: dir)
        XCTAssertEqual(r.exit, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let defaults = try XCTUnwrap(json["defaults"] as? [String: Any])
        XCTAssertEqual(defaults["direction"] as? String, "lower")
        XCTAssertEqual(json["max_waiver_days"] as? Int, 30)
        XCTAssertEqual(json["extends"] as? [String], [])
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertEqual(gates[0]["new_failures_only"] as? Bool, true)
        XCTAssertEqual(
            gates[0]["waiver"] as? [String: String], ["reason": "known regression", "until": "2026-12-01", "owner": "ml"])
        XCTAssertEqual(gates[0]["file"] as? String, "policy.yaml")
        XCTAssertEqual(gates[1]["min_count"] as? Int, 30)
        XCTAssertEqual(gates[1]["waiver"] as? NSNull, NSNull())
        let drift = try XCTUnwrap(json["drift"] as? [String: Any])
        XCTAssertEqual(drift["method"] as? String, "js")
        XCTAssertEqual(drift["bins"] as? Int, 20)
        XCTAssertEqual(drift["threshold"] as? Double, 0.1, "the method's default threshold, filled in")
        XCTAssertEqual(drift["drifted_share"] as? Double, 0.3)
        let data = try XCTUnwrap(json["data"] as? [String: Any])
        XCTAssertEqual(data["min_rows"] as? Int, 1000)
        XCTAssertEqual(data["severity"] as? String, "warning")
        let missing = try XCTUnwrap(data["max_missing_share"] as? [String: Any])
        XCTAssertEqual(missing["default"] as? Double, 0.05)
        XCTAssertEqual(missing["columns"] as? [String: Double], ["income": 0.2])
    }
}
