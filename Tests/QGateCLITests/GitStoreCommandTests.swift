import Foundation
import QGateTestSupport
import XCTest

/// `--store git:BRANCH` end to end: real `qgate` processes in clones of a bare
/// repository on the local disk acting as `origin`.
final class GitStoreCommandTests: TemporaryDirectoryTestCase {
    var fixture: GitRemoteFixture!
    var policy = ""
    let store = "git:qgate-baselines"

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try GitRemoteFixture(root: dir)
        policy = try write(
            "quality-gates.yaml",
            """
            version: 1
            model: m
            gates:
              - metric: accuracy
                min: 0.5
                max_regression: 0.01

            """)
    }

    func metrics(_ name: String, accuracy: Double) throws -> String {
        try write(name, "{\"accuracy\": \(accuracy)}\n")
    }

    func qgate(_ args: [String], in clone: String, extra: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String)
    {
        try fixture.run(TestSupport.binary, args, in: clone, extra: ["TMPDIR": dir, "QGATE_STORE": ""].merging(extra) { $1 })
    }

    /// The history on the remote branch, one JSON object per record.
    func remoteRecords() throws -> [[String: Any]] {
        try fixture.git(["show", "qgate-baselines:history/m.jsonl"], in: fixture.remote).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    func testTenConcurrentPromotionsFromTenClonesEachLandExactlyOnce() throws {
        let clones = try (1...10).map { try fixture.clone("clone\($0)") }
        let files = try (1...10).map { try metrics("m\($0).json", accuracy: 0.9 + Double($0) / 1000) }
        let processes = (0..<10).map { i in
            fixture.start(
                TestSupport.binary,
                ["baseline", "promote", "--config", policy, "--metrics", files[i], "--version", "v\(i + 1)", "--store", store],
                in: clones[i], extra: ["TMPDIR": dir])
        }
        let started = Date()
        for p in processes { try p.process.run() }
        let results = processes.map { $0.finish() }
        let wall = Date().timeIntervalSince(started)
        print("10 concurrent promotions to a local bare remote: \(String(format: "%.2f", wall)) s wall")

        for (i, r) in results.enumerated() {
            XCTAssertEqual(r.status, 0, "clone\(i + 1): \(r.stderr)")
            XCTAssertTrue(r.stdout.hasPrefix("promoted m version v\(i + 1) (history record "), r.stdout)
        }
        let records = try remoteRecords()
        XCTAssertEqual(records.compactMap { $0["seq"] as? Int }, Array(1...10))
        XCTAssertEqual(
            records.compactMap { $0["version"] as? String }.sorted(), (1...10).map { "v\($0)" }.sorted(), "every promotion exactly once")
        XCTAssertEqual(try fixture.git(["rev-list", "--count", "qgate-baselines"], in: fixture.remote), "10", "one commit per promotion")

        let verify = try qgate(["baseline", "verify", "--config", policy, "--store", store], in: try fixture.clone("fresh"))
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("✓ history: 10 records, hash chain intact"), verify.stdout)
    }

    func testFirstReleaseThenAComparisonAndARecordedEvaluation() throws {
        let clone = try fixture.clone("a")
        let good = try metrics("good.json", accuracy: 0.9)
        let first = try qgate(["evaluate", "--config", policy, "--metrics", good, "--store", store], in: clone)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(
            first.stdout.contains(
                "→ no baseline yet (first release): the store `git:qgate-baselines` has none for `m` (on_missing_baseline: skip)\n"),
            first.stdout)

        let promoted = try qgate(
            ["baseline", "promote", "--config", policy, "--metrics", good, "--version", "1.0", "--store", store], in: clone)
        XCTAssertEqual(promoted.status, 0, promoted.stderr)
        let worse = try metrics("worse.json", accuracy: 0.8)
        let blocked = try qgate(
            ["evaluate", "--config", policy, "--metrics", worse, "--store", store, "--record"], in: try fixture.clone("b"))
        XCTAssertEqual(blocked.status, 1, blocked.stderr)
        XCTAssertTrue(blocked.stdout.contains("baseline store git:qgate-baselines: m version 1.0 (promoted "), blocked.stdout)
        XCTAssertEqual(blocked.stderr, "qgate: evaluation recorded in git:qgate-baselines (history record 2)\n")
        XCTAssertEqual(try remoteRecords().compactMap { $0["event"] as? String }, ["promote", "evaluation"])
    }

    func testFirstReleaseWithOnMissingBaselineFailIsAnError() throws {
        let strict = try write(
            "strict.yaml",
            "version: 1\nmodel: m\ndefaults:\n  on_missing_baseline: fail\ngates:\n  - metric: accuracy\n    max_regression: 0.01\n")
        let r = try qgate(
            ["evaluate", "--config", strict, "--metrics", try metrics("good.json", accuracy: 0.9), "--store", store],
            in: try fixture.clone("a"))
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("has on_missing_baseline: fail"), r.stderr)
    }

    func testAMissingLocalStoreDirectoryIsAFirstRelease() throws {
        let r = try qgate(
            ["evaluate", "--config", policy, "--metrics", try metrics("good.json", accuracy: 0.9), "--store", dir + "/no-store"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.stdout.contains(
                "→ no baseline yet (first release): the store `\(dir)/no-store` does not exist yet (on_missing_baseline: skip)\n"), r.stdout
        )
    }

    func testATamperedRemoteHistoryIsExit2NamingTheStore() throws {
        let clone = try fixture.clone("a")
        let good = try metrics("good.json", accuracy: 0.9)
        for version in ["1.0", "1.1"] {
            XCTAssertEqual(
                try qgate(["baseline", "promote", "--config", policy, "--metrics", good, "--version", version, "--store", store], in: clone)
                    .status, 0)
        }
        try fixture.tamper(branch: "qgate-baselines", model: "m") {
            $0.replacingOccurrences(of: "\"version\":\"1.0\"", with: "\"version\":\"0.9\"")
        }
        for args in [
            ["evaluate", "--config", policy, "--metrics", good, "--store", store],
            ["baseline", "verify", "--config", policy, "--store", store],
            ["baseline", "promote", "--config", policy, "--metrics", good, "--store", store]
        ] {
            let r = try qgate(args, in: clone)
            XCTAssertEqual(r.status, 2, "\(args[0]): \(r.stdout)")
            XCTAssertTrue(r.stderr.hasPrefix("error: the git store `git:qgate-baselines` at commit "), r.stderr)
            XCTAssertTrue(r.stderr.contains(" fails verification: "), r.stderr)
        }
        XCTAssertEqual(try remoteRecords().count, 2, "nothing was pushed on top of the tampered history")
    }

    func testAnUnreachableRemoteIsExit2NamingTheStore() throws {
        let clone = try fixture.clone("a")
        try fixture.git(["remote", "set-url", "origin", dir + "/missing.git"], in: clone)
        let r = try qgate(
            ["evaluate", "--config", policy, "--metrics", try metrics("good.json", accuracy: 0.9), "--store", store], in: clone)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("error: cannot fetch the git store `git:qgate-baselines`: "), r.stderr)
    }

    func testWithoutAConfiguredIdentityQgateCommitsAsItself() throws {
        let clone = try fixture.clone("a")
        let bareHome = dir + "/bare-home"
        try FileManager.default.createDirectory(atPath: bareHome, withIntermediateDirectories: true)
        let r = try qgate(
            ["baseline", "promote", "--config", policy, "--metrics", try metrics("good.json", accuracy: 0.9), "--store", store], in: clone,
            extra: ["HOME": bareHome, "XDG_CONFIG_HOME": bareHome, "EMAIL": ""])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            try fixture.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", "qgate-baselines"], in: fixture.remote),
            "qgate <qgate@localhost>|qgate <qgate@localhost>")
    }

    func testQGATE_STOREMayNameTheGitStore() throws {
        let clone = try fixture.clone("a")
        let r = try qgate(
            ["baseline", "promote", "--config", policy, "--metrics", try metrics("good.json", accuracy: 0.9)], in: clone,
            extra: ["QGATE_STORE": store])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try remoteRecords().count, 1)
    }
}
