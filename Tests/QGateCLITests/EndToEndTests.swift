import Foundation
import XCTest

@testable import QGateCLI

/// Runs the built `qgate` binary as CI does, asserting stdout, stderr and the exit code together.
final class EndToEndTests: XCTestCase {
    let example = "Examples/sentiment/"

    func testExampleThatPassesExitsZero() throws {
        let r = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.contains("PASSED with 1 warning"), r.stdout)
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no colour when stdout is a pipe")
        try TestSupport.assertGolden(r.stdout, "evaluate-pass.txt")
    }

    func testExampleThatIsBlockedExitsOne() throws {
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json"
        ])
        XCTAssertEqual(r.exit, 1)
        XCTAssertTrue(r.stdout.contains("BLOCKED: 6 critical gates failed"), r.stdout)
        try TestSupport.assertGolden(r.stdout, "evaluate-blocked.txt")
    }

    func testJSONReportIsStableAndParses() throws {
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json", "--format", "json"
        ])
        XCTAssertEqual(r.exit, 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["verdict"] as? String, "blocked")
        XCTAssertEqual(object?["release_allowed"] as? Bool, false)
        XCTAssertEqual((object?["counts"] as? [String: Any])?["critical_failed"] as? Int, 7)
        try TestSupport.assertGolden(
            r.stdout.replacingOccurrences(of: "\"qgate_version\": \"0.1.0\"", with: "\"qgate_version\": \"<VERSION>\""),
            "evaluate-blocked.json")
    }

    func testFirstReleaseWithoutBaselineSkipsRelativeGates() throws {
        let r = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("skipped"), r.stdout)
    }

    func testFailOnWarning() throws {
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json", "--fail-on-warning"
        ])
        XCTAssertEqual(r.exit, 1)
    }

    func testOutputFileIsWrittenAndVerdictGoesToStderr() throws {
        let out = NSTemporaryDirectory() + "qgate-e2e-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
            "--format", "json", "--output", out
        ])
        XCTAssertEqual(r.exit, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "qgate: PASSED with 1 warning (report written to \(out))\n")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains("\"verdict\": \"passed_with_warnings\""))
    }

    func testHelpVersionAndUsageErrors() throws {
        let help = try TestSupport.runBinary(["--help"])
        XCTAssertEqual(help.exit, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: qgate <subcommand> [options]"))
        XCTAssertTrue(help.stdout.contains("evaluate"))
        let sub = try TestSupport.runBinary(["evaluate", "--help"])
        XCTAssertEqual(sub.exit, 0)
        XCTAssertTrue(sub.stdout.contains("--fail-on-warning"))
        XCTAssertEqual(try TestSupport.runBinary(["--version"]).stdout, "qgate 0.1.0\n")
        let none = try TestSupport.runBinary([])
        XCTAssertEqual(none.exit, 2)
        let unknown = try TestSupport.runBinary(["evalute"])
        XCTAssertEqual(unknown.exit, 2)
        XCTAssertEqual(unknown.stderr, "error: unknown subcommand 'evalute' — did you mean 'evaluate'?\nSee 'qgate --help'.\n")
        let flag = try TestSupport.runBinary(["evaluate", "--metric", "x"])
        XCTAssertEqual(flag.stderr, "error: unknown option '--metric' — did you mean '--metrics'?\nSee 'qgate evaluate --help'.\n")
        XCTAssertEqual(flag.exit, 2)
    }

    /// Help exits 0 without evaluating, so it is accepted only on its own: a
    /// wrapper appending `--help` to a gate run (even with a missing metrics
    /// file) gets exit 2, never a pass.
    func testHelpCombinedWithOtherArgumentsIsAUsageError() throws {
        for alone in [
            ["--help"], ["-h"], ["--version"], ["evaluate", "--help"], ["evaluate", "-h"], ["help", "evaluate"],
            ["baseline", "--help"], ["baseline", "promote", "--help"]
        ] {
            let r = try TestSupport.runBinary(alone)
            XCTAssertEqual(r.exit, 0, "\(alone): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty, "\(alone)")
        }
        let appended = try TestSupport.runBinary(["evaluate", "--metrics", "does-not-exist.json", "--help"])
        XCTAssertEqual(appended.exit, 2)
        XCTAssertEqual(appended.stdout, "")
        XCTAssertEqual(
            appended.stderr,
            "error: '--help' cannot be combined with other arguments — run 'qgate evaluate --help' on its own, or drop '--help' to run the command\nSee 'qgate evaluate --help'.\n"
        )
        let cases: [([String], String)] = [
            (["evaluate", "-h", "--metrics", "m.json"], "'-h' cannot be combined"),
            (["--help", "evaluate"], "'--help' cannot be combined"),
            (["--version", "evaluate"], "'--version' cannot be combined"),
            (["baseline", "--help", "promote"], "'--help' cannot be combined"),
            (["baseline", "promote", "--metrics", "m.json", "--help"], "run 'qgate baseline promote --help' on its own"),
            (["synth-test", "--strict", "--help"], "'--help' cannot be combined"),
            (["evaluate", "--help=yes"], "option '--help' does not take a value")
        ]
        for (args, fragment) in cases {
            let r = try TestSupport.runBinary(args)
            XCTAssertEqual(r.exit, 2, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertTrue(r.stderr.contains(fragment), "\(args): \(r.stderr)")
        }
    }

    func testErrorShowsTheSourceLineWithACaret() throws {
        let dir = NSTemporaryDirectory() + "qgate-e2e-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "version: 1\ngates:\n  - metric: accuracy\n    mni: 0.92\n".write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let r = try TestSupport.runBinary(["evaluate", "--config", dir + "/p.yaml", "--metrics", example + "metrics.json"])
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(
            r.stderr,
            """
            \(dir)/p.yaml:4:5: error: unknown key `mni` in a gate — did you mean `min`?
              4 │     mni: 0.92
                │     ^

            """)
    }

    func testColourOnlyOnATTYAndNeverWithNO_COLOR() {
        let args = ["evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json"]
        XCTAssertTrue(TestSupport.run(args, tty: true).stdout.contains("\u{1B}[32m✓"))
        XCTAssertFalse(TestSupport.run(args, environment: ["NO_COLOR": "1"], tty: true).stdout.contains("\u{1B}["))
        XCTAssertFalse(TestSupport.run(args, environment: ["TERM": "dumb"], tty: true).stdout.contains("\u{1B}["))
        XCTAssertTrue(TestSupport.run(args + ["--color", "always"]).stdout.contains("\u{1B}["))
        XCTAssertFalse(TestSupport.run(args + ["--color", "never"], tty: true).stdout.contains("\u{1B}["))
    }

    func testValidateListsEveryProblemAndPrintsNormalizedPolicy() throws {
        let ok = TestSupport.run(["validate"])
        XCTAssertEqual(ok.exit, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("quality-gates.yaml: valid policy — "), ok.stdout)
        let printed = TestSupport.run(["validate", "--print"])
        XCTAssertEqual(printed.exit, 0)
        let object = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["schema"] as? String, "qgate.policy/v1")
        let gates = object?["gates"] as? [[String: Any]]
        XCTAssertEqual(gates?.first?["severity"] as? String, "critical")
        XCTAssertNotNil((gates?.first?["conditions"] as? [[String: Any]])?.first?["meaning"])
    }

    func testSynthTestOnTheExamplePolicy() throws {
        let r = try TestSupport.runBinary(["synth-test", "--baseline", example + "baseline.json", "--cases", example + "gate-cases.yaml"])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        try TestSupport.assertGolden(r.stdout, "synth-test-example.txt")
        // A lint finding (a gated metric the example metrics lack) fails only with --strict.
        let policy = NSTemporaryDirectory() + "qgate-synth-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try "version: 1\ngates:\n  - {metric: made_up, min: 1}\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let lenient = try TestSupport.runBinary(["synth-test", "--config", policy, "--metrics", example + "metrics.json"])
        XCTAssertEqual(lenient.exit, 0, lenient.stdout)
        let strict = try TestSupport.runBinary(["synth-test", "--config", policy, "--metrics", example + "metrics.json", "--strict"])
        XCTAssertEqual(strict.exit, 1, strict.stdout)
        XCTAssertTrue(strict.stdout.contains("\(policy):3:5: error: the policy reads `made_up`"), strict.stdout)
    }

    func testExplainShowsRuleArithmeticAndDecision() throws {
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json", "--explain"
        ])
        XCTAssertEqual(r.exit, 1, "--explain does not change the exit code")
        let explanation = String(r.stdout[r.stdout.range(of: "Why: every condition")!.lowerBound...])
        XCTAssertTrue(
            explanation.contains(
                """
                eval_loss — max_regression_ratio 0.05 (critical, direction lower) at quality-gates.yaml:93:5
                  rule:     value <= baseline + 0.05 * |baseline|
                  numbers:  0.2113 <= 0.1874 + 0.05 × |0.1874| = 0.19677 → false
                  decision: failed → blocks the release
                """), explanation)
        try TestSupport.assertGolden(explanation, "explain-blocked.txt")
    }

    func testWaiverThroughTheCLIWithAPinnedDate() throws {
        let policy = NSTemporaryDirectory() + "qgate-waiver-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try
            "version: 1\ngates:\n  - metric: precision\n    min: 0.9\n    waiver: {reason: known label noise, until: 2026-12-31, owner: ml}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let valid = try TestSupport.runBinary(
            ["evaluate", "--config", policy, "--metrics", example + "metrics-blocked.json"],
            environment: ["QGATE_TODAY": "2026-12-20"])
        XCTAssertEqual(valid.exit, 0, valid.stdout)
        XCTAssertTrue(valid.stdout.contains("  ~  precision"), valid.stdout)
        XCTAssertTrue(valid.stdout.contains("note: the waiver of gate `precision` expires on 2026-12-31 (in 11 days)"), valid.stdout)
        let expired = try TestSupport.runBinary(
            ["evaluate", "--config", policy, "--metrics", example + "metrics-blocked.json"],
            environment: ["QGATE_TODAY": "2027-01-01"])
        XCTAssertEqual(expired.exit, 1)
    }

    /// A waiver further ahead than `max_waiver_days` (90) of today is a config
    /// error, and QGATE_TODAY is the today it is measured from, in every command.
    func testWaiverTooFarAheadIsAConfigErrorFromPinnedToday() throws {
        let policy = NSTemporaryDirectory() + "qgate-waiver-long-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try "version: 1\ngates:\n  - metric: precision\n    min: 0.9\n    waiver: {reason: known label noise, until: 2026-12-31}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let args = ["evaluate", "--config", policy, "--metrics", example + "metrics-blocked.json"]
        XCTAssertEqual(try TestSupport.runBinary(args, environment: ["QGATE_TODAY": "2026-10-02"]).exit, 0)
        let early = try TestSupport.runBinary(args, environment: ["QGATE_TODAY": "2026-10-01"])
        XCTAssertEqual(early.exit, 2)
        XCTAssertTrue(
            early.stderr.contains(
                "\(policy):5:48: error: waiver runs until 2026-12-31, 91 days from today (2026-10-01); this policy allows at most 90 days"),
            early.stderr)
        let validate = try TestSupport.runBinary(["validate", "--config", policy], environment: ["QGATE_TODAY": "2026-10-01"])
        XCTAssertEqual(validate.exit, 2, validate.stdout)
        let badToday = try TestSupport.runBinary(["validate", "--config", policy], environment: ["QGATE_TODAY": "2026-+1-01"])
        XCTAssertEqual(badToday.exit, 2)
        XCTAssertTrue(badToday.stderr.contains("invalid QGATE_TODAY `2026-+1-01`"), badToday.stderr)
    }
}
