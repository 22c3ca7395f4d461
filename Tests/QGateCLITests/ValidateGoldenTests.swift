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
}
