import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Policies whose every synthetic case behaves but which cannot protect a
/// release: nothing critical, every critical gate waived, bounds at ±1e300.
/// The lint names them, and `--strict` turns them into exit 1.
final class PolicyLintBlindSpotTests: TemporaryDirectoryTestCase {
    let today = Clock.days(fromISODate: "2026-11-29")!

    func lint(_ yaml: String, baseline: String? = nil) throws -> PolicyTestReport {
        let policy = try write("p.yaml", yaml)
        let b = try baseline.map { try write("b.json", $0) }
        var request = PolicyTestRequest(configPath: policy, baselinePath: b, metricsPath: nil, casesPath: nil, strict: true)
        request.today = today
        return try request.run()
    }

    func testAllInfoPolicyCannotBlock() throws {
        let report = try lint(
            "version: 1\ndefaults: {severity: info}\ngates:\n  - {metric: accuracy, min: 0.9}\n  - {metric: f1, min: 0.8, severity: warning}\n"
        )
        XCTAssertEqual(report.misbehaved.count, 0)
        XCTAssertEqual(
            report.lint.map(\.description),
            [
                "\(dir)/p.yaml:4:5: warning: no gate can block a release: no gate is critical (severities: info, warning) [cannot-block]"
            ])
        XCTAssertFalse(report.ok)  // exit 1 (ExitCodeTests maps it)
    }

    func testEveryCriticalGateWaivedCannotBlock() throws {
        let yaml = "version: 1\ngates:\n  - {metric: accuracy, min: 0.9, waiver: {reason: label noise, until: 2027-01-31}}\n"
        let report = try lint(yaml)
        XCTAssertEqual(report.lint.map(\.rule), [.cannotBlock])
        XCTAssertEqual(report.lint.first?.message, "no gate can block a release: every critical gate is waived (severities: critical)")
        XCTAssertFalse(report.ok)  // exit 1 (ExitCodeTests maps it)
        // An expired waiver no longer hides the gate.
        var later = PolicyTestRequest(configPath: dir + "/p.yaml", baselinePath: nil, metricsPath: nil, casesPath: nil, strict: true)
        later.today = Clock.days(fromISODate: "2027-02-01")!
        XCTAssertEqual(try later.run().lint, [])
    }

    func testBoundsBeyondOneE100AreMeaningless() throws {
        let report = try lint(
            """
            version: 1
            gates:
              - {metric: accuracy, min: 0.9}
              - {metric: throughput, min: -1e300}
              - {metric: latency_ms, direction: lower, max: 1e300}
              - {metric: mean_prediction, max_delta: 1e300}
              - {metric: loss, direction: lower, max_regression: 1e100}
              - {metric: score, min: 1e200}
              - {metric: margin, max: -1e99}
            """,
            baseline:
                #"{"accuracy": 0.95, "throughput": 10, "latency_ms": 50, "mean_prediction": 0.5, "loss": 0.2, "score": 1, "margin": -1}"#)
        XCTAssertEqual(
            report.lint.map(\.description),
            [
                "\(dir)/p.yaml:4:26: warning: `min: -1e+300` on `throughput` is beyond ±1e100, where no real metric lies: it can never fail [meaningless-bound]",
                "\(dir)/p.yaml:5:44: warning: `max: 1e+300` on `latency_ms` is beyond ±1e100, where no real metric lies: it can never fail [meaningless-bound]",
                "\(dir)/p.yaml:6:31: warning: `max_delta: 1e+300` on `mean_prediction` is beyond ±1e100, where no real metric lies: it can never fail [meaningless-bound]",
                "\(dir)/p.yaml:7:38: warning: `max_regression: 1e+100` on `loss` is beyond ±1e100, where no real metric lies: it can never fail [meaningless-bound]",
                "\(dir)/p.yaml:8:21: warning: `min: 1e+200` on `score` is beyond ±1e100, where no real metric lies: it can never pass [meaningless-bound]"
            ])
        XCTAssertFalse(report.ok)  // exit 1 (ExitCodeTests maps it)
    }
}
