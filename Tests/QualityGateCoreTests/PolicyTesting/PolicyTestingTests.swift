import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

final class PolicyTestingTests: TemporaryDirectoryTestCase {
    /// Every condition kind, both directions, all severities: every generated case behaves.
    func testGeneratedCasesOnEveryKindAndDirection() throws {
        let policy = try write(
            "p.yaml",
            """
            version: 1
            gates:
              - {metric: accuracy, min: 0.9}
              - {metric: latency_ms, max: 120, severity: warning}
              - {metric: f1, max_regression: 0.01}
              - {metric: loss, direction: lower, max_regression: 0.02, severity: info}
              - {metric: auc, max_regression_ratio: 0.05}
              - {metric: error_rate, direction: lower, max_regression_ratio: 0.1}
              - {metric: positive_rate, max_delta: 0.03}
            """)
        let baseline = try write(
            "b.json",
            #"{"accuracy": 0.95, "latency_ms": 100, "f1": 0.9, "loss": 0.3, "auc": 0.9, "error_rate": 0.05, "positive_rate": 0.5}"#)
        let report = try PolicyTestRequest(configPath: policy, baselinePath: baseline, metricsPath: nil, casesPath: nil, strict: true).run()
        XCTAssertEqual(report.misbehaved.map(\.name), [])
        XCTAssertEqual(report.lint, [])
        XCTAssertTrue(report.ok)  // exit 0 (ExitCodeTests maps it)
        let kinds = report.cases.map(\.kind)
        XCTAssertEqual(kinds.filter { $0 == .good }.count, 1)
        // One boundary and one violation per one-sided condition, two of each for max_delta.
        XCTAssertEqual(kinds.filter { $0 == .boundary }.count, 8)
        XCTAssertEqual(kinds.filter { $0 == .violation }.count, 8)
        let names = report.cases.map(\.name)
        XCTAssertTrue(names.contains("boundary: f1 max_regression 0.01 (f1 = 0.89)"), names.joined(separator: "\n"))
        XCTAssertTrue(names.contains("violation: loss max_regression 0.02 (loss = 0.320001)"), names.joined(separator: "\n"))
        XCTAssertTrue(names.contains("boundary: error_rate max_regression_ratio 0.1 (error_rate = 0.055)"), names.joined(separator: "\n"))
        XCTAssertTrue(names.contains("boundary: positive_rate max_delta 0.03 (positive_rate = 0.47)"), names.joined(separator: "\n"))
        let severities = Dictionary(
            report.cases.filter { $0.kind == .violation }.map { ($0.name.split(separator: " ")[1], $0.expectedVerdict) },
            uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(severities["latency_ms"], .passedWithWarnings)
        XCTAssertEqual(severities["loss"], .passed)
        XCTAssertEqual(severities["accuracy"], .blocked)
    }

    func testSyntheticBaselineWhenNoneIsGiven() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: accuracy, min: 0.9, max_regression: 0.02}\n")
        let report = try PolicyTestRequest(configPath: policy, baselinePath: nil, metricsPath: nil, casesPath: nil, strict: false).run()
        XCTAssertEqual(report.misbehaved.count, 0)
        // Synthetic baseline 0.945: the regression bound (0.925) is stricter than min 0.9,
        // so min 0.9 cannot decide alone and is listed as a note instead of a case.
        XCTAssertEqual(report.cases.count, 3)
        XCTAssertEqual(report.notes.count, 1)
    }

    func testEachLintFinding() throws {
        let policy = try write(
            "p.yaml",
            """
            version: 1
            gates:
              - {metric: accuracy, min: 0}
              - {metric: eval_loss, direction: higher, max_regression: 0.1}
              - {metric: f1, min: 0.9}
              - {metric: f1, max: 0.8, name: f1-cap}
              - {metric: recall, direction: lower, max_regression_ratio: 20}
              - {metric: made_up, min: 1}
            """)
        let metrics = try write("m.json", #"{"accuracy": 0.9, "eval_loss": 0.2, "f1": 0.85, "recall": 0.9}"#)
        let report = try PolicyTestRequest(configPath: policy, baselinePath: nil, metricsPath: metrics, casesPath: nil, strict: false).run()
        XCTAssertEqual(
            report.lint.map(\.description),
            [
                "\(policy):3:24: warning: `min: 0` on `accuracy`, a metric in [0, 1], can never fail [never-fails]",
                "\(policy):7:40: warning: `max_regression_ratio: 20` allows a change of 2000% of the baseline: it can practically never fail [never-fails]",
                "\(policy):8:5: warning: the policy reads `made_up`, which \(metrics) does not contain [unknown-metric]",
                "\(policy):6:18: warning: the conditions on `f1` can never all pass: nothing is both >= 0.9 and <= 0.8 [contradiction]"
            ])
        // A direction written on the gate is the author's, whatever the name says: no finding.
        // Lint alone does not fail without --strict, but the contradiction makes the good case misbehave.
        XCTAssertFalse(report.cases[0].behaved)
        XCTAssertFalse(report.ok)  // exit 1
    }

    func testRegressionBoundContradictingAnAbsoluteBound() throws {
        let policy = try write(
            "p.yaml",
            "version: 1\ngates:\n  - {metric: latency_ms, direction: lower, max: 100}\n  - {metric: latency_ms, name: latency-delta, direction: lower, max_delta: 5}\n"
        )
        let baseline = try write("b.json", #"{"latency_ms": 120}"#)
        let report = try PolicyTestRequest(configPath: policy, baselinePath: baseline, metricsPath: nil, casesPath: nil, strict: false)
            .run()
        XCTAssertEqual(report.lint.map(\.rule), [.contradiction])
        XCTAssertEqual(
            report.lint.first?.message,
            "the conditions on `latency_ms` can never all pass with baseline 120: nothing is both >= 115 and <= 100")
    }

    func testDeclaredCasesPassAndFail() throws {
        let policy = try write(
            "p.yaml", "version: 1\ngates:\n  - {metric: accuracy, min: 0.9, name: floor}\n  - {metric: p95, max: 100, severity: warning}\n")
        let cases = try write(
            "c.yaml",
            """
            cases:
              - name: good
                metrics: {accuracy: 0.95, p95: 90}
                expect: pass
              - name: slow
                metrics: {accuracy: 0.95, p95: 120}
                expect: warn
                failing: [p95]
              - name: wrong expectation
                metrics: {accuracy: 0.85, p95: 90}
                expect: pass
              - name: wrong gate
                metrics: {accuracy: 0.85, p95: 90}
                expect: block
                failing: [p95]
            """)
        let report = try PolicyTestRequest(configPath: policy, baselinePath: nil, metricsPath: nil, casesPath: cases, strict: false).run()
        let declared = report.cases.filter { $0.kind == .declared }
        XCTAssertEqual(declared.map(\.behaved), [true, true, false, false])
        XCTAssertEqual(declared[2].problem, "expected passed, got blocked")
        XCTAssertEqual(declared[3].problem, "gate `p95` did not fail")
        XCTAssertFalse(report.ok)  // exit 1
    }

    func testCasesFileErrors() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: a, min: 1}\n")
        let cases = try write("c.yaml", "cases:\n  - name: x\n    metrics: {a: 1}\n    expct: pass\n")
        XCTAssertThrowsError(
            try PolicyTestRequest(configPath: policy, baselinePath: nil, metricsPath: nil, casesPath: cases, strict: false).run()
        ) { error in
            XCTAssertEqual(
                (error as? QGateErrors)?.errors.map(\.description),
                [
                    "\(cases):4:5: error: unknown key `expct` in a case — did you mean `expect`?",
                    "\(cases):2:5: error: a case needs `name`, `metrics` and `expect`"
                ])
        }
    }
}

extension PolicyTestingTests {
    /// A violation the given baseline already has is expected as a warning with new_failures_only.
    func testSyntheticExpectationsFollowNewFailuresOnly() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: recall, min: 0.9, new_failures_only: true}\n")
        let baseline = try write("b.json", #"{"recall": 0.95}"#)
        let ok = try PolicyTestRequest(configPath: policy, baselinePath: baseline, metricsPath: nil, casesPath: nil, strict: false).run()
        XCTAssertEqual(ok.misbehaved.map(\.name), [])
        XCTAssertEqual(ok.cases.first { $0.kind == .violation }?.expectedVerdict, .blocked)
    }
}
