import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `--new-failures-only` (or `new_failures_only: true`) against the
/// candidate's own metrics would turn every absolute failure into a
/// "pre-existing" warning; qgate refuses (exit 2) when the baseline's bytes
/// hash the same as a candidate metrics file, wherever the baseline came from.
final class SelfBaselineTests: TemporaryDirectoryTestCase {
    let example = TestSupport.packageRoot + "/Examples/sentiment/"

    override func setUpWithError() throws {
        try super.setUpWithError()
    }

    let refusal = "with new-failures-only every failure would count as pre-existing"

    func testBaselineFileWithTheCandidatesBytesIsRefused() throws {
        let candidate = example + "metrics-blocked.json"
        let args = ["evaluate", "--metrics", candidate, "--new-failures-only"]
        // Without the flag, the same file as baseline is an ordinary (blocked) evaluation.
        XCTAssertEqual(try TestSupport.runBinary(["evaluate", "--metrics", candidate, "--baseline", candidate]).exit, 1)
        let same = try TestSupport.runBinary(args + ["--baseline", candidate])
        XCTAssertEqual(same.exit, 2, same.stdout)
        XCTAssertEqual(same.stdout, "")
        XCTAssertTrue(
            same.stderr.contains("error: the baseline `\(candidate)` is the candidate's own metrics file `\(candidate)` (same SHA-256 "),
            same.stderr)
        XCTAssertTrue(same.stderr.contains(refusal), same.stderr)
        XCTAssertTrue(same.stderr.contains("compare against the last released baseline"), same.stderr)
        // A copy under another name has the same bytes.
        let copy = dir + "/released.json"
        try FileManager.default.copyItem(atPath: candidate, toPath: copy)
        XCTAssertEqual(try TestSupport.runBinary(args + ["--baseline", copy]).exit, 2)
        // The real last release is fine.
        XCTAssertEqual(try TestSupport.runBinary(args + ["--baseline", example + "baseline.json"]).exit, 1)
    }

    func testPolicyLevelNewFailuresOnlyIsRefusedToo() throws {
        let policy = dir + "/policy.yaml"
        try "version: 1\ngates:\n  - {metric: precision, min: 0.9, new_failures_only: true}\n".write(
            toFile: policy, atomically: true, encoding: .utf8)
        let candidate = example + "metrics-blocked.json"
        let r = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", candidate, "--baseline", candidate])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains(refusal), r.stderr)
    }

    func testGitRefHoldingTheCandidateIsRefused() throws {
        try Data(contentsOf: URL(fileURLWithPath: example + "metrics-blocked.json")).write(to: URL(fileURLWithPath: dir + "/metrics.json"))
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/quality-gates.yaml", toPath: dir + "/quality-gates.yaml")
        for git in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "candidate"]] {
            XCTAssertEqual(try run("/usr/bin/env", ["git"] + git).exit, 0, "git \(git)")
        }
        let r = try run(TestSupport.binary, ["evaluate", "--metrics", "metrics.json", "--baseline-ref", "HEAD", "--new-failures-only"])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(
            r.stderr.contains("error: the baseline `HEAD:metrics.json` is the candidate's own metrics file `metrics.json`"), r.stderr)
    }

    func testStoreBaselinePromotedFromTheCandidateIsRefused() throws {
        let store = dir + "/store"
        let candidate = example + "metrics-blocked.json"
        let env = ["QGATE_STORE": store]
        let promoted = try TestSupport.runBinary(["baseline", "promote", "--metrics", candidate, "--version", "rc2"], environment: env)
        XCTAssertEqual(promoted.exit, 0, promoted.stderr)
        let r = try TestSupport.runBinary(["evaluate", "--metrics", candidate, "--new-failures-only"], environment: env)
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("is the candidate's own metrics file `\(candidate)`"), r.stderr)
    }

    /// The same numbers under other bytes (reformatted JSON, YAML, CRLF from
    /// git) are the candidate too.
    func testABaselineWithTheCandidatesNumbersIsRefused() throws {
        let candidate = dir + "/metrics.json"
        let copy = dir + "/copy.yaml"
        let crlf = dir + "/crlf.json"
        try "{\"acc\": 0.10, \"loss\": 1.5, \"note\": \"run 2\"}\n".write(toFile: candidate, atomically: true, encoding: .utf8)
        try "acc: 0.1\nloss: 1.50\nnote: run 1\n".write(toFile: copy, atomically: true, encoding: .utf8)
        try "{\"acc\":0.10,\r\n\"loss\":1.5}\r\n".write(toFile: crlf, atomically: true, encoding: .utf8)
        let policy = dir + "/policy.yaml"
        try "version: 1\ngates:\n  - {metric: acc, min: 0.9}\n".write(toFile: policy, atomically: true, encoding: .utf8)
        for baseline in [copy, crlf] {
            let r = try TestSupport.runBinary([
                "evaluate", "--config", policy, "--metrics", candidate, "--baseline", baseline, "--new-failures-only"
            ])
            XCTAssertEqual(r.exit, 2, r.stdout)
            XCTAssertTrue(
                r.stderr.contains("error: the baseline `\(baseline)` holds exactly the candidate's numbers (all 2 equal): " + refusal),
                r.stderr)
        }
        // One number that differs is a real baseline: the absolute failure is pre-existing only if no worse.
        try "acc: 0.2\nloss: 1.5\n".write(toFile: copy, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", candidate, "--baseline", copy, "--new-failures-only"])
                .exit, 1)
    }

    /// `baseline promote --require-pass` evaluates too, and must refuse what `evaluate` refuses.
    func testPromoteRequirePassRefusesTheCandidateAsItsOwnBaseline() throws {
        let store = dir + "/store"
        let policy = dir + "/policy.yaml"
        try "version: 1\nmodel: m\ngates:\n  - {metric: acc, min: 0.9, max_regression: 0.5, new_failures_only: true}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        try "{\"acc\": 0.10}\n".write(toFile: dir + "/metrics.json", atomically: true, encoding: .utf8)
        let env = ["QGATE_STORE": store]
        let base = ["--config", policy, "--metrics", dir + "/metrics.json"]
        XCTAssertEqual(try TestSupport.runBinary(["baseline", "promote"] + base + ["--version", "v1"], environment: env).exit, 0)
        let r = try TestSupport.runBinary(["baseline", "promote"] + base + ["--version", "v2", "--require-pass"], environment: env)
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("\(policy):4:5: error: the baseline "), r.stderr)
        XCTAssertTrue(r.stderr.contains("is the candidate's own metrics file"), r.stderr)
        XCTAssertTrue(r.stderr.contains("or drop `new_failures_only` from this gate"), r.stderr)
    }

    /// Runs a program in the temporary directory.
    func run(_ program: String, _ args: [String]) throws -> TestSupport.Result {
        try TestSupport.runBinary(args, program: program, directory: dir)
    }
}
