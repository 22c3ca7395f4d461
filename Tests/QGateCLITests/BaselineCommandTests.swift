import Foundation
import QualityGateCore
import XCTest

@testable import QGateCLI

/// `qgate baseline …` through the real binary: round trips, refusals, tampering,
/// 50 concurrent promotions, and promotions killed mid-write.
final class BaselineCommandTests: XCTestCase {
    var dir = ""
    var store: String { dir + "/store" }
    let example = TestSupport.packageRoot + "/Examples/sentiment/"
    let policy = TestSupport.packageRoot + "/quality-gates.yaml"

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "qgate-cli-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func qgate(_ args: [String], env: [String: String] = [:]) throws -> TestSupport.Result {
        try TestSupport.runBinary(args, environment: ["QGATE_STORE": store].merging(env) { $1 })
    }

    func promote(_ metrics: String, _ version: String, _ extra: [String] = []) throws -> TestSupport.Result {
        try qgate(["baseline", "promote", "--config", policy, "--metrics", example + metrics, "--version", version] + extra)
    }

    func testPromoteRequirePassEvaluateRecordAndVerify() throws {
        let artifact = dir + "/model.onnx"
        try Data("weights v1".utf8).write(to: URL(fileURLWithPath: artifact))
        let p1 = try promote("baseline.json", "1.3.0", ["--artifact", artifact])
        XCTAssertEqual(p1.exit, 0, p1.stderr)
        XCTAssertEqual(p1.stdout, "promoted sentiment-classifier version 1.3.0 (history record 1, 32 metrics, 1 artifacts)\n")

        let refused = try promote("metrics-blocked.json", "1.4.0-rc2", ["--require-pass"])
        XCTAssertEqual(refused.exit, 1)
        XCTAssertEqual(refused.stderr, "qgate: not promoted — BLOCKED: 6 critical gates failed\n")

        // evaluate takes the baseline from the store, says so, and records the verdict.
        let e = try qgate(["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--record"])
        XCTAssertEqual(e.exit, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("baseline store \(store): sentiment-classifier version 1.3.0"), e.stdout)
        XCTAssertEqual(e.stderr, "qgate: evaluation recorded in \(store) (history record 2)\n")

        let history = try qgate(["baseline", "history", "--config", policy, "--format", "json"])
        let records = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(records?.map { $0["event"] as? String }, ["promote", "evaluation"])
        XCTAssertEqual(records?.last?["verdict"] as? String, "passed_with_warnings")

        let ok = try qgate(["baseline", "verify", "--config", policy, "--artifact", artifact])
        XCTAssertEqual(ok.exit, 0, ok.stdout)
        XCTAssertTrue(ok.stdout.hasSuffix("VERIFIED\n"))

        try Data("weights v2".utf8).write(to: URL(fileURLWithPath: artifact))
        let bad = try qgate(["baseline", "verify", "--config", policy, "--artifact", artifact])
        XCTAssertEqual(bad.exit, 1)
        XCTAssertTrue(bad.stdout.contains("✗ artifact `\(artifact)` does not match"), bad.stdout)
    }

    func testPathTraversalModelIsAnErrorNotAWrite() throws {
        let r = try qgate(["baseline", "promote", "--model", "../../etc", "--metrics", example + "metrics.json"])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.hasPrefix("error: invalid model name `../../etc`"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
    }

    func testShowWithoutBaselineIsAnError() throws {
        let r = try qgate(["baseline", "show", "--model", "nothing"])
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(
            r.stderr, "error: model `nothing` has no baseline in `\(store)` — record one with `qgate baseline promote --metrics FILE`\n")
    }

    /// 50 promotions started at once: 50 intact records in one valid chain, and
    /// a baseline equal to one of them.
    func testFiftyConcurrentPromotions() throws {
        var processes: [Process] = []
        for i in 0..<50 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.binary)
            p.arguments = [
                "baseline", "promote", "--model", "m", "--store", store,
                "--metrics", example + "metrics.json", "--version", "v\(i)"
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        XCTAssertEqual(processes.filter { $0.terminationStatus != 0 }.count, 0)
        let verify = try qgate(["baseline", "verify", "--model", "m"])
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("history: 50 records, hash chain intact"), verify.stdout)
        let history = try qgate(["baseline", "history", "--model", "m", "--format", "json"])
        let records = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        XCTAssertEqual(Set(records.compactMap { $0["version"] as? String }), Set((0..<50).map { "v\($0)" }))
        let show = try qgate(["baseline", "show", "--model", "m", "--format", "json"])
        let current = (try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["version"] as? String
        XCTAssertEqual(current, records.last?["version"] as? String)
    }

    /// A promotion killed (SIGKILL) at each write stage leaves a store that
    /// verify accepts, holding the old or the new baseline.
    func testPromotionKilledMidWriteLosesNothing() throws {
        try XCTSkipUnless(TestHooks.compiledIn, "crash points exist in debug builds only")
        XCTAssertEqual(try promote("baseline.json", "old").exit, 0)
        let expectations = ["history-before-rename": "old", "between-history-and-baseline": "new", "baseline-before-rename": "new"]
        for (point, expected) in expectations.sorted(by: { $0.key < $1.key }) {
            let killed = try qgate(
                // --force: "new" may be in the history already, from the crash point before.
                ["baseline", "promote", "--config", policy, "--metrics", example + "metrics.json", "--version", "new", "--force"],
                env: ["QGATE_TEST_CRASH_AT": point])
            XCTAssertEqual(killed.exit, 9, "\(point): expected SIGKILL")
            let verify = try qgate(["baseline", "verify", "--config", policy])
            XCTAssertEqual(verify.exit, 0, "\(point): \(verify.stdout)")
            let show = try qgate(["baseline", "show", "--config", policy, "--format", "json"])
            let version = (try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["version"] as? String
            XCTAssertEqual(version, expected, point)
            // Put the store back to "old" for the next crash point.
            if version != "old" { XCTAssertEqual(try qgate(["baseline", "rollback", "--config", policy, "--to", "old"]).exit, 0) }
        }
        // And killed at arbitrary moments, in a loop.
        for i in 0..<12 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.binary)
            p.arguments = [
                "baseline", "promote", "--config", policy, "--store", store, "--metrics", example + "metrics.json", "--version", "loop\(i)"
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(500 * i))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let verify = try qgate(["baseline", "verify", "--config", policy])
            XCTAssertEqual(verify.exit, 0, "iteration \(i): \(verify.stdout)")
        }
    }

    // MARK: - Issue 19: versions

    /// The version comes from the metrics file's `version` key ("1.3.0" in
    /// baseline.json) unless --version names one; promoting it again is refused
    /// (nothing written) unless --force, and rollback then restores the latest.
    func testPromoteTakesTheMetricsVersionAndRefusesARepeat() throws {
        let p1 = try qgate(["baseline", "promote", "--config", policy, "--metrics", example + "baseline.json"])
        XCTAssertEqual(p1.exit, 0, p1.stderr)
        XCTAssertEqual(p1.stdout, "promoted sentiment-classifier version 1.3.0 (history record 1, 32 metrics, 0 artifacts)\n")
        let byOption = try promote("metrics.json", "2.0.0")
        XCTAssertEqual(byOption.stdout, "promoted sentiment-classifier version 2.0.0 (history record 2, 32 metrics, 0 artifacts)\n")

        let history = store + "/history/sentiment-classifier.jsonl"
        let before = try String(contentsOfFile: history, encoding: .utf8)
        let again = try qgate(["baseline", "promote", "--config", policy, "--metrics", example + "baseline.json"])
        XCTAssertEqual(again.exit, 2)
        XCTAssertEqual(
            again.stderr,
            "error: version `1.3.0` of `sentiment-classifier` was already promoted (history record 1) — bump the version (--version V or the metrics' `version` key), or pass --force to record a second promotion of it\n"
        )
        XCTAssertEqual(try String(contentsOfFile: history, encoding: .utf8), before)
        XCTAssertEqual(try promote("metrics.json", "2.0.0").exit, 2)

        let forced = try qgate(["baseline", "promote", "--config", policy, "--metrics", example + "baseline.json", "--force"])
        XCTAssertEqual(forced.exit, 0, forced.stderr)
        XCTAssertEqual(forced.stdout, "promoted sentiment-classifier version 1.3.0 (history record 3, 32 metrics, 0 artifacts)\n")
        XCTAssertEqual(try qgate(["baseline", "rollback", "--config", policy, "--to", "2.0.0"]).exit, 0)
        let back = try qgate(["baseline", "rollback", "--config", policy, "--to", "1.3.0"])
        XCTAssertEqual(back.stdout, "rolled back sentiment-classifier to version 1.3.0 (history record 5)\n")
        let records =
            try JSONSerialization.jsonObject(
                with: Data(try qgate(["baseline", "history", "--config", policy, "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(records?.last?["restores_seq"] as? Int, 3)
        XCTAssertEqual(try qgate(["baseline", "verify", "--config", policy]).exit, 0)
    }

    /// `evaluate --record` names the candidate: metrics.json's `version` and the commit.
    func testEvaluateRecordKeepsTheCandidatesVersionAndCommit() throws {
        XCTAssertEqual(try promote("baseline.json", "1.3.0").exit, 0)
        let sha = "fedcba9876543210fedcba9876543210fedcba98"
        let e = try qgate(
            ["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--record", "--no-github"], env: ["GITHUB_SHA": sha])
        XCTAssertEqual(e.exit, 0, e.stderr)
        let records =
            try JSONSerialization.jsonObject(
                with: Data(try qgate(["baseline", "history", "--config", policy, "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(records?.last?["event"] as? String, "evaluation")
        XCTAssertEqual(records?.last?["version"] as? String, "1.4.0")
        XCTAssertEqual(records?.last?["git_commit"] as? String, sha)
        let text = try qgate(["baseline", "history", "--config", policy]).stdout
        XCTAssertTrue(text.contains("  evaluation  1.4.0    passed_with_warnings vs 1.3.0 @ fedcba987654\n"), text)
        // The candidate's version is not promoted by being evaluated.
        XCTAssertEqual(try qgate(["baseline", "promote", "--config", policy, "--metrics", example + "metrics.json"]).exit, 0)
    }
}
