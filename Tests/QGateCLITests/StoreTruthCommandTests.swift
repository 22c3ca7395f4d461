import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// Issue 15, "the store must tell the truth", through the real binary:
/// interrupted writes are notes or warnings, never false alarms or double
/// promotions; a failed push publishes no verdict; a keyed history cannot be
/// extended, cut short or deleted without the key; a held lock or a FIFO
/// cannot hang the gate.
final class StoreTruthCommandTests: TemporaryDirectoryTestCase {
    var store: String { dir + "/store" }
    let key = "an-ci-secret-of-32-characters!!!"
    let example = TestSupport.packageRoot + "/Examples/sentiment/"
    let policy = TestSupport.packageRoot + "/quality-gates.yaml"

    override func setUpWithError() throws {
        try super.setUpWithError()
    }

    func qgate(_ args: [String], env: [String: String] = [:]) throws -> TestSupport.Result {
        try TestSupport.runBinary(args, environment: ["QGATE_STORE": store].merging(env) { $1 })
    }

    func promote(_ version: String, metrics: String = "baseline.json", env: [String: String] = [:]) throws -> TestSupport.Result {
        try qgate(["baseline", "promote", "--config", policy, "--metrics", example + metrics, "--version", version], env: env)
    }

    var historyPath: String { store + "/history/sentiment-classifier.jsonl" }

    /// Runs the binary but kills it after `seconds`: the old code waited forever on a FIFO.
    func runWithDeadline(_ args: [String], env: [String: String], seconds: Double) throws -> (exit: Int32, stderr: String, killed: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.binary)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(["QGATE_STORE": store].merging(env) { $1 }) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        let killed = p.isRunning
        if killed { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), killed)
    }

    // MARK: 12

    func testTwoConsecutiveInterruptedPromotesVerify() throws {
        XCTAssertEqual(try promote("1.0").exit, 0)
        for v in ["1.1", "1.2"] {
            XCTAssertEqual(try promote(v, metrics: "metrics.json", env: ["QGATE_TEST_CRASH_AT": "between-history-and-baseline"]).exit, 9)
        }
        let verify = try qgate(["baseline", "verify", "--config", policy])
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains(
                "! baseline file is the view of history record 1, behind the history (an interrupted write); the history's record 3 is current"
            ), verify.stdout)
    }

    /// The same from an empty store: no baseline file was ever written.
    func testInterruptedPromotesOfANewStoreVerify() throws {
        for v in ["1.0", "1.1"] {
            XCTAssertEqual(try promote(v, env: ["QGATE_TEST_CRASH_AT": "between-history-and-baseline"]).exit, 9)
        }
        let verify = try qgate(["baseline", "verify", "--config", policy])
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains(
                "! baseline file `\(store)/baselines/sentiment-classifier.json` is missing (interrupted writes since the first promote, or deleted)"
            ), verify.stdout)
    }

    // MARK: 13

    func testAFailureAfterTheCommitPointIsAWarningAndExitZero() throws {
        XCTAssertEqual(try promote("1.0").exit, 0)
        // The view cannot be written (as on a full disk) once the history is.
        let view = store + "/baselines/sentiment-classifier.json"
        try FileManager.default.removeItem(atPath: view)
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: false)
        let r = try promote("1.1", metrics: "metrics.json")
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(
            r.stderr.hasPrefix(
                "qgate: warning: history record 2 is committed and is the current baseline, but the baseline file could not be rewritten: cannot write `\(view)`"
            ), r.stderr)
        XCTAssertTrue(r.stderr.contains("do not retry this one"), r.stderr)
        XCTAssertEqual(r.stdout, "promoted sentiment-classifier version 1.1 (history record 2, 32 metrics, 0 artifacts)\n")
    }

    // MARK: 14

    func testAFailedPushPublishesNoVerdict() throws {
        let output = dir + "/github-output"
        let summary = dir + "/summary.md"
        let report = dir + "/gate.md"
        let r = try qgate(
            [
                "evaluate", "--config", policy, "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
                "--pushgateway", "http://127.0.0.1:1", "--output", "markdown=" + report
            ],
            env: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary])
        XCTAssertEqual(r.exit, 2, r.stderr)
        XCTAssertFalse(r.stdout.contains("PASSED"), r.stdout)
        XCTAssertFalse(
            (try? String(contentsOfFile: output, encoding: .utf8))?.contains("passed") ?? false, "$GITHUB_OUTPUT must not say passed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: report), "no --output report from a run that exits 2")
        XCTAssertFalse(FileManager.default.fileExists(atPath: summary))
    }

    /// The last publish failing ($GITHUB_OUTPUT unwritable) removes the reports this run wrote.
    func testAFailedGitHubOutputRemovesTheReportsWritten() throws {
        let report = dir + "/gate.json"
        let r = try qgate(
            [
                "evaluate", "--config", policy, "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
                "--output", "json=" + report
            ],
            env: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": dir + "/no-such-dir/out"])
        XCTAssertEqual(r.exit, 2, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: report))
    }

    // MARK: 15

    /// Appends a record with a recomputed (unkeyed) hash, as anyone who can
    /// write the history could: `sha256sum` stands in for the forger's tools.
    func forgeRecord(accuracy: Double) throws {
        let text = try String(contentsOfFile: historyPath, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let last = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as! [String: Any]
        let prev = last["sha256"] as! String
        let body =
            "{\"seq\":\(lines.count + 1),\"event\":\"promote\",\"time\":\"2026-11-24T12:00:00Z\",\"model\":\"sentiment-classifier\",\"version\":\"forged\",\"metrics\":{\"accuracy\":\(accuracy)},\"baseline_sha256\":\"\(String(repeating: "a", count: 64))\",\"prev_sha256\":\"\(prev)\"}"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        let input = Pipe()
        let out = Pipe()
        p.standardInput = input
        p.standardOutput = out
        try p.run()
        input.fileHandleForWriting.write(Data(body.utf8))
        input.fileHandleForWriting.closeFile()
        let hash = String(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
        p.waitUntilExit()
        try (text + String(body.dropLast()) + ",\"sha256\":\"\(hash)\"}\n").write(toFile: historyPath, atomically: true, encoding: .utf8)
    }

    func testWithAKeyAForgedRecordIsRefusedByVerifyAndEvaluate() throws {
        let keyed = ["QGATE_HISTORY_KEY": key, "QGATE_NOW": "2026-11-20T00:00:00Z"]
        XCTAssertEqual(try promote("1.3.0", env: keyed).exit, 0)
        try forgeRecord(accuracy: 0.5)
        let verify = try qgate(["baseline", "verify", "--config", policy], env: keyed)
        XCTAssertEqual(verify.exit, 1, verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains("history record 2 is not signed, but QGATE_HISTORY_KEY is set: it was written without the key"),
            verify.stdout)
        let evaluate = try qgate(["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--no-github"], env: keyed)
        XCTAssertEqual(evaluate.exit, 2, evaluate.stdout)
        XCTAssertTrue(evaluate.stderr.contains("\(historyPath):2:1: error: history record 2 is not signed"), evaluate.stderr)
    }

    func testWithAKeyADeletedTailOrHistoryIsRefused() throws {
        let keyed = ["QGATE_HISTORY_KEY": key]
        XCTAssertEqual(try promote("1.0", env: keyed).exit, 0)
        XCTAssertEqual(try promote("1.1", metrics: "metrics.json", env: keyed).exit, 0)
        let lines = try String(contentsOfFile: historyPath, encoding: .utf8).split(separator: "\n")
        try (lines[0] + "\n").write(toFile: historyPath, atomically: true, encoding: .utf8)
        let verify = try qgate(["baseline", "verify", "--config", policy], env: keyed)
        XCTAssertEqual(verify.exit, 1, verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains(
                "records were removed from the end of `sentiment-classifier`'s history: the signed store head records 2, but the history has 1 record"
            ), verify.stdout)
        try FileManager.default.removeItem(atPath: historyPath)
        try FileManager.default.removeItem(atPath: store + "/baselines/sentiment-classifier.json")
        let evaluate = try qgate(["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--no-github"], env: keyed)
        XCTAssertEqual(evaluate.exit, 2, evaluate.stdout)
        XCTAssertTrue(
            evaluate.stderr.contains("the signed store head records 2, but the history `\(historyPath)` is gone"), evaluate.stderr)
    }

    func testSignAdoptsAStoreFromBeforeTheKey() throws {
        XCTAssertEqual(try promote("1.0").exit, 0)
        let refused = try qgate(["baseline", "verify", "--config", policy], env: ["QGATE_HISTORY_KEY": key])
        XCTAssertEqual(refused.exit, 1)
        XCTAssertTrue(refused.stdout.contains("adopt it once with `qgate baseline sign`"), refused.stdout)
        let sign = try qgate(["baseline", "sign", "--config", policy], env: ["QGATE_HISTORY_KEY": key])
        XCTAssertEqual(sign.exit, 0, sign.stderr)
        XCTAssertEqual(sign.stdout, "signed 1 history record of sentiment-classifier\n")
        let verify = try qgate(["baseline", "verify", "--config", policy], env: ["QGATE_HISTORY_KEY": key])
        XCTAssertEqual(verify.exit, 0, verify.stdout)
        let unkeyed = try promote("1.1")
        XCTAssertEqual(unkeyed.exit, 2)
        XCTAssertEqual(
            unkeyed.stderr,
            "error: the store `\(store)` is signed, but QGATE_HISTORY_KEY is not set — set QGATE_HISTORY_KEY to the store's secret; unsigned records would be refused\n"
        )
    }

    /// With a key, a promotion killed at every write stage or at random still
    /// leaves a store that keyed readers accept (a head behind is a note).
    func testKeyedPromotionsKilledMidWriteVerify() throws {
        let keyed = ["QGATE_HISTORY_KEY": key]
        XCTAssertEqual(try promote("old", env: keyed).exit, 0)
        for point in ["history-before-rename", "between-history-and-baseline", "baseline-before-rename"] {
            XCTAssertEqual(
                try promote("new-" + point, metrics: "metrics.json", env: keyed.merging(["QGATE_TEST_CRASH_AT": point]) { $1 }).exit, 9)
            let verify = try qgate(["baseline", "verify", "--config", policy], env: keyed)
            XCTAssertEqual(verify.exit, 0, "\(point): \(verify.stdout)")
        }
        for i in 0..<8 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.binary)
            p.arguments = [
                "baseline", "promote", "--config", policy, "--store", store, "--metrics", example + "metrics.json", "--version", "loop\(i)"
            ]
            p.environment = ProcessInfo.processInfo.environment.merging(keyed) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(700 * i))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let verify = try qgate(["baseline", "verify", "--config", policy], env: keyed)
            XCTAssertEqual(verify.exit, 0, "iteration \(i): \(verify.stdout)")
        }
        XCTAssertEqual(try promote("after", metrics: "metrics.json", env: keyed).exit, 0)
        let verify = try qgate(["baseline", "verify", "--config", policy], env: keyed)
        XCTAssertFalse(verify.stdout.contains("!"), "the next write brings head and view up to date: \(verify.stdout)")
    }

    // MARK: 16

    func testAHeldLockTimesOutWithAClearError() throws {
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        let fd = open(store + "/.lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        defer { close(fd) }
        let r = try runWithDeadline(
            ["baseline", "promote", "--config", policy, "--metrics", example + "baseline.json"],
            env: ["QGATE_LOCK_TIMEOUT": "0.5"], seconds: 10)
        XCTAssertFalse(r.killed, "waited on the lock past its timeout")
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(
            r.stderr,
            "error: cannot lock `\(store)/.lock`: still held by another process after 0.5 s — another qgate process is writing to this store (`fuser \(store)/.lock` names it); wait for it, or set QGATE_LOCK_TIMEOUT=SECONDS to wait longer\n"
        )
    }

    func testAFIFOInPlaceOfTheHistoryIsRefused() throws {
        try FileManager.default.createDirectory(atPath: store + "/history", withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(historyPath, 0o644), 0)
        let r = try runWithDeadline(
            ["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--no-github"], env: [:], seconds: 10)
        XCTAssertFalse(r.killed, "waited on the FIFO")
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("cannot read `\(historyPath)`: not a regular file (a FIFO, device or socket)"), r.stderr)
    }

    func testTempCopiesLeftByAKillAreRemovedByTheNextWriter() throws {
        XCTAssertEqual(try promote("1.0").exit, 0)
        XCTAssertEqual(try promote("1.1", metrics: "metrics.json", env: ["QGATE_TEST_CRASH_AT": "history-before-rename"]).exit, 9)
        let leftovers = { try FileManager.default.contentsOfDirectory(atPath: self.store + "/history").filter { $0.contains(".tmp-") } }
        XCTAssertEqual(try leftovers().count, 1)
        XCTAssertEqual(try promote("1.2", metrics: "metrics.json").exit, 0)
        XCTAssertEqual(try leftovers(), [])
    }
}
