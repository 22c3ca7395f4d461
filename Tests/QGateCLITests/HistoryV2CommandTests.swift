import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// History v2 through the real binary: what `evaluate --record` writes is the
/// verdict it exits with, `history --stats` reads gate names from structure,
/// and version-1 histories (Tests/Fixtures/history-v1, written by qgate before
/// v2) keep verifying and giving the same output, signed or not.
final class HistoryV2CommandTests: TemporaryDirectoryTestCase {
    let fixture = "Tests/Fixtures/history-v1"
    /// The key the signed fixture store was written with.
    let fixtureKey = "history-v1-fixture-key"
    var store: String { dir + "/store" }

    func qgate(_ args: [String], store: String? = nil, key: String? = nil, on time: String = "2026-11-20T10:00:00Z") throws
        -> TestSupport.Result
    {
        // The commit is pinned: a recorded evaluation names it (issue 19).
        var env = [
            "QGATE_STORE": store ?? self.store, "QGATE_NOW": time, "QGATE_TODAY": String(time.prefix(10)),
            "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567"
        ]
        if let key { env["QGATE_HISTORY_KEY"] = key }
        return try TestSupport.runBinary(args, environment: env)
    }

    func json(_ r: TestSupport.Result) throws -> Any {
        XCTAssertEqual(r.exit, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func historyLines(_ store: String) throws -> [String] {
        try String(contentsOfFile: store + "/history/m.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Bug: `--fail-on-warning` was applied after recording, so an evaluation
    /// that exited 1 (BLOCKED) was recorded as `passed_with_warnings`.
    func testFailOnWarningIsRecordedAsTheBlockedVerdictItExitsWith() throws {
        let policy = try write("p.yaml", "version: 1\nmodel: m\ngates:\n  - {metric: f1, min: 0.8, severity: warning}\n")
        let metrics = try write("m.json", "{\"f1\": 0.7}")
        let r = try qgate(["evaluate", "--config", policy, "--metrics", metrics, "--record", "--fail-on-warning", "--no-github"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("BLOCKED: 1 warning with --fail-on-warning"), r.stdout)

        let history = try XCTUnwrap(try json(try qgate(["baseline", "history", "--model", "m", "--format", "json"])) as? [[String: Any]])
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history[0]["verdict"] as? String, "blocked")
        XCTAssertEqual(history[0]["fail_on_warning"] as? Bool, true)
        let stats = try XCTUnwrap(
            try json(try qgate(["baseline", "history", "--stats", "--model", "m", "--format", "json"])) as? [String: Any])
        XCTAssertEqual(stats["blocked"] as? Int, 1)
        XCTAssertEqual(stats["passed_with_warnings"] as? Int, 0)
        XCTAssertEqual(stats["blocked_share"] as? Double, 1)
        let verify = try qgate(["baseline", "verify", "--model", "m"])
        XCTAssertEqual(verify.exit, 0, verify.stdout)
    }

    /// Bug: failures were stored as `severity: gate kind — message` and read back
    /// by cutting at the first ` <kind> — `, so gate `floor max — legacy` became `floor`.
    func testAGateNameHoldingAConditionKeyIsCountedWhole() throws {
        let policy = try write("p.yaml", "version: 1\nmodel: m\ngates:\n  - {name: \"floor max — legacy\", metric: latency_ms, max: 150}\n")
        let metrics = try write("m.json", "{\"latency_ms\": 200}")
        XCTAssertEqual(try qgate(["evaluate", "--config", policy, "--metrics", metrics, "--record", "--no-github"]).exit, 1)
        let stats = try XCTUnwrap(
            try json(try qgate(["baseline", "history", "--stats", "--model", "m", "--format", "json"])) as? [String: Any])
        let gates = try XCTUnwrap(stats["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["gate"] as? String }, ["floor max — legacy"])
        XCTAssertEqual(gates.map { $0["metric"] as? String }, ["latency_ms"], "the record names the metric; no policy needed")
        XCTAssertEqual(gates.map { $0["blocked"] as? Int }, [1])
        // The listing shows the failure as it always did.
        let text = try qgate(["baseline", "history", "--model", "m"])
        XCTAssertTrue(
            text.stdout.hasSuffix("        critical: floor max — legacy max — latency_ms 200 > max 150 (over by 50)\n"), text.stdout)
    }

    /// A version-1 history (failures as prose, no `schema`) lists, summarises
    /// and verifies exactly as before v2, with and without the key.
    func testVersion1HistoryKeepsItsOutput() throws {
        func expected(_ name: String) throws -> String {
            try String(contentsOfFile: TestSupport.packageRoot + "/\(fixture)/\(name)", encoding: .utf8)
        }
        let v1 = fixture + "/store"
        XCTAssertEqual(try qgate(["baseline", "history", "--model", "m"], store: v1).stdout, try expected("expected-history.txt"))
        XCTAssertEqual(
            try qgate(["baseline", "history", "--model", "m", "--format", "json"], store: v1).stdout, try expected("expected-history.json"))
        XCTAssertEqual(
            try qgate(["baseline", "history", "--stats", "--config", fixture + "/policy.yaml"], store: v1).stdout,
            try expected("expected-stats.txt"))
        XCTAssertEqual(
            try qgate(["baseline", "history", "--stats", "--config", fixture + "/policy.yaml", "--format", "json"], store: v1).stdout,
            try expected("expected-stats.json"))
        let verify = try qgate(["baseline", "verify", "--model", "m"], store: v1)
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.hasSuffix("VERIFIED\n"), verify.stdout)
        let signed = try qgate(["baseline", "verify", "--model", "m"], store: fixture + "/signed", key: fixtureKey)
        XCTAssertEqual(signed.exit, 0, signed.stdout)
        XCTAssertTrue(
            signed.stdout.contains("✓ signatures: every record signed with QGATE_HISTORY_KEY; the signed store head covers record 8\n"),
            signed.stdout)
        XCTAssertEqual(
            try qgate(["baseline", "history", "--model", "m"], store: fixture + "/signed", key: fixtureKey).stdout,
            try expected("expected-history.txt"))
    }

    /// A signed version-1 history continues with version-2 records: the chain,
    /// the signatures and the signed head carry on, and old and new records
    /// are listed and counted together.
    func testSignedVersion1HistoryContinuesWithVersion2Records() throws {
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/" + fixture + "/signed", toPath: store)
        let policy = TestSupport.packageRoot + "/" + fixture + "/policy.yaml"
        let slow = try write("slow.json", "{\"accuracy\": 0.90, \"latency_ms\": 200, \"f1\": 0.9, \"recall\": 0.5}")
        let r = try qgate(["evaluate", "--config", policy, "--metrics", slow, "--record", "--no-github"], key: fixtureKey)
        XCTAssertEqual(r.exit, 1, r.stderr)

        let lines = try historyLines(store)
        XCTAssertEqual(lines.count, 9)
        XCTAssertFalse(lines[7].hasPrefix("{\"schema\""), "the version-1 records are untouched")
        XCTAssertTrue(lines[8].hasPrefix("{\"schema\":\"qgate.history/v2\",\"seq\":9,\"event\":\"evaluation\","), lines[8])
        XCTAssertTrue(
            lines[8].contains(
                ",\"verdict\":\"blocked\",\"fail_on_warning\":false,\"baseline_version\":\"1\",\"failed\":[{\"gate\":\"floor max — legacy\",\"metric\":\"latency_ms\",\"kind\":\"max\",\"severity\":\"critical\",\"status\":\"failed\",\"reason\":\"above_bound\",\"value\":200,\"baseline\":null,\"bound\":150,\"message\":\"latency_ms 200 > max 150 (over by 50)\"},{\"gate\":\"recall\",\"metric\":\"recall\",\"kind\":\"min\",\"severity\":\"critical\",\"status\":\"waived\",\"reason\":\"below_bound\",\"value\":0.5,\"baseline\":null,\"bound\":0.9,"
            ), lines[8])
        XCTAssertTrue(lines[8].contains("\",\"hmac_sha256\":\""), "signed with the key")

        let verify = try qgate(["baseline", "verify", "--model", "m"], key: fixtureKey)
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("the signed store head covers record 9\n"), verify.stdout)

        let text = try qgate(["baseline", "history", "--model", "m"], key: fixtureKey)
        let v1Text = try String(contentsOfFile: TestSupport.packageRoot + "/\(fixture)/expected-history.txt", encoding: .utf8)
        XCTAssertEqual(
            text.stdout,
            v1Text + """
                    9  2026-11-20T10:00:00Z  evaluation  —        blocked vs 1 @ 0123456789ab
                        critical: floor max — legacy max — latency_ms 200 > max 150 (over by 50)
                        waived: recall min — recall 0.5 < min 0.9 (short by 0.4); waived until 2026-12-31 by ml-team: known issue

                """)

        let stats = try XCTUnwrap(
            try json(try qgate(["baseline", "history", "--stats", "--config", policy, "--format", "json"], key: fixtureKey))
                as? [String: Any])
        XCTAssertEqual(stats["evaluations"] as? Int, 6)
        XCTAssertEqual(stats["blocked"] as? Int, 4)
        let gates = try XCTUnwrap(stats["gates"] as? [[String: Any]])
        // The version-1 record keeps its heuristic reading (`floor`); the version-2 one is exact,
        // and the waived condition counts neither as blocking nor as a warning.
        XCTAssertEqual(
            gates.map { "\($0["gate"] as? String ?? "?") \($0["blocked"] as? Int ?? -1)/\($0["warnings"] as? Int ?? -1)" },
            ["accuracy floor 2/0", "drift 2/0", "floor 1/0", "floor max — legacy 1/0", "f1 0/1"])
    }

    /// Without the key, a signed store stays readable but refuses a version-2 append, as for version 1.
    func testUnkeyedWriterStillRefusesASignedStore() throws {
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/" + fixture + "/signed", toPath: store)
        let good = try write("good.json", "{\"accuracy\": 0.90, \"latency_ms\": 100, \"f1\": 0.9, \"recall\": 0.95}")
        let r = try qgate(["evaluate", "--config", fixture + "/policy.yaml", "--metrics", good, "--record", "--no-github"])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("is signed, but QGATE_HISTORY_KEY is not set"), r.stderr)
        XCTAssertEqual(try historyLines(store).count, 8)
    }
}
