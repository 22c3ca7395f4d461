import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// The one mapping from a verdict to a process status (Sources/QGateCLI/ExitCode.swift),
/// and the reports that record the status agreeing with the status the command exits with.
final class ExitCodeTests: TemporaryDirectoryTestCase {
    func testEvaluationVerdictsMapToExitCodes() throws {
        let policy = try PolicyLoader.parse(
            Array("version: 1\ngates:\n  - {metric: acc, min: 0.9, severity: warning}\n  - {metric: f1, min: 0.5}\n".utf8),
            file: "p.yaml")
        func verdictAndCode(_ json: String, failOnWarning: Bool = false) throws -> String {
            let metrics = try MetricsLoader.parse(Array(json.utf8), file: "m.json")
            let e = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: nil, options: .init(failOnWarning: failOnWarning))
            return "\(e.verdict.rawValue) \(ExitCode.of(e))"
        }
        XCTAssertEqual(try verdictAndCode(#"{"acc": 0.95, "f1": 0.9}"#), "passed 0")
        XCTAssertEqual(try verdictAndCode(#"{"acc": 0.8, "f1": 0.9}"#), "passed_with_warnings 0")
        XCTAssertEqual(try verdictAndCode(#"{"acc": 0.8, "f1": 0.9}"#, failOnWarning: true), "blocked 1")
        XCTAssertEqual(try verdictAndCode(#"{"acc": 0.95, "f1": 0.1}"#), "blocked 1")
        XCTAssertEqual([ExitCode.allowed, ExitCode.blocked, ExitCode.error], [0, 1, 2])
    }

    /// `exit_code` and `release_allowed` in qgate.evaluation/v1 are the status the run exits with.
    func testTheJSONReportRecordsTheStatusTheCommandExitsWith() throws {
        let example = "Examples/sentiment/"
        for (metrics, extra, expected) in [
            ("metrics.json", [String](), Int32(0)),
            ("metrics.json", ["--fail-on-warning"], 1),
            ("metrics-blocked.json", [], 1)
        ] {
            let report = dir + "/gate-\(metrics)-\(extra.count).json"
            let r = TestSupport.run(
                [
                    "evaluate", "--metrics", example + metrics, "--baseline", example + "baseline.json",
                    "--format", "json", "--output", "json=" + report
                ] + extra)
            XCTAssertEqual(r.exit, expected, r.stderr)
            for text in [r.stdout, try String(contentsOfFile: report, encoding: .utf8)] {
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                XCTAssertEqual(object?["exit_code"] as? Int, Int(expected), "\(metrics) \(extra)")
                XCTAssertEqual(object?["release_allowed"] as? Bool, expected == 0, "\(metrics) \(extra)")
            }
        }
    }

    /// `exit_code` and `ok` in qgate.synth-test/v1 are the status the run exits with.
    func testTheSynthTestReportRecordsTheStatusTheCommandExitsWith() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: made_up, min: 1}\n")
        for (strict, expected) in [(false, Int32(0)), (true, 1)] {
            let r = TestSupport.run(
                ["synth-test", "--config", policy, "--metrics", "Examples/sentiment/metrics.json", "--format", "json"]
                    + (strict ? ["--strict"] : []))
            XCTAssertEqual(r.exit, expected, r.stdout + r.stderr)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            XCTAssertEqual(object?["exit_code"] as? Int, Int(expected))
            XCTAssertEqual(object?["ok"] as? Bool, expected == 0)
        }
    }
}
