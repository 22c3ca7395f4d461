import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `QGATE_HISTORY_KEY`: someone who can write the store but lacks the key can
/// neither append (with a recomputed hash), re-sign, cut off the tail, nor
/// delete a model's history without every keyed reader refusing the store.
final class KeyedHistoryTests: TemporaryDirectoryTestCase {
    var model: ModelName!
    let key = Array("correct horse battery staple".utf8)
    var keyed: BaselineStore { BaselineStore(directory: dir + "/.qgate", historyKey: key) }
    var unkeyed: BaselineStore { BaselineStore(directory: dir + "/.qgate") }

    override func setUpWithError() throws {
        model = try ModelName("m")
        try super.setUpWithError()
    }

    func promotion(_ version: String, _ accuracy: Double) -> BaselineStore.Promotion {
        BaselineStore.Promotion(
            version: version, gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex(version),
            metrics: [("accuracy", accuracy)], artifacts: [])
    }

    func historyText() throws -> String { try String(contentsOfFile: keyed.historyPath(model), encoding: .utf8) }
    func setHistory(_ text: String) throws { try text.write(toFile: keyed.historyPath(model), atomically: true, encoding: .utf8) }

    func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return (error as? QGateError)?.message ?? "\(error)" }
    }

    /// Appends a promotion as a forger without the key would: a consistent hash and chain.
    func forgeUnsigned(accuracy: Double, signWith otherKey: [UInt8]? = nil) throws {
        let records = try unkeyed.history(model)
        var r = HistoryRecord(
            seq: records.count + 1, event: .promote, time: "2026-11-24T12:00:00Z", model: "m",
            prevSHA256: records.last!.sha256)
        r.version = "forged"
        r.metrics = [("accuracy", accuracy)]
        r.baselineSHA256 = SHA256.hex(BaselineStore.baselineView(of: r))
        try setHistory(try historyText() + r.line(key: otherKey).text + "\n")
    }

    func testSignedHistoryRoundTripAndVerify() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        _ = try keyed.promote(model, promotion("1.1", 0.91))
        let records = try keyed.history(model)
        XCTAssertEqual(records.map { $0.hmac != nil }, [true, true])
        XCTAssertTrue(try historyText().contains("\"hmac_sha256\":\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/.qgate/head.json"))
        let v = try StoreVerification.run(store: keyed, model: model, artifacts: [])
        XCTAssertEqual(v.problems, [])
        XCTAssertTrue(
            v.ok.contains("signatures: every record signed with QGATE_HISTORY_KEY; the signed store head covers record 2"), "\(v.ok)")
        // Without the key the same store is readable; verify says what it could not check.
        XCTAssertEqual(try unkeyed.history(model).count, 2)
        XCTAssertEqual(
            try StoreVerification.run(store: unkeyed, model: model, artifacts: []).notes,
            ["the records are signed, but QGATE_HISTORY_KEY is not set: signatures and the signed head were not checked"])
    }

    func testAnUnsignedForgedRecordIsRefused() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        try forgeUnsigned(accuracy: 0.1)
        let expected = "history record 2 is not signed, but QGATE_HISTORY_KEY is set: it was written without the key"
        XCTAssertEqual(message { try keyed.baselineMetrics(model) as Any }, expected)
        let v = try StoreVerification.run(store: keyed, model: model, artifacts: [])
        XCTAssertFalse(v.passed)
        XCTAssertTrue(v.problems.first?.contains(expected) == true, "\(v.problems)")
        // Without a key the forgery is undetectable: that is what the key is for.
        XCTAssertEqual(try unkeyed.currentBaseline(model)?.version, "forged")
    }

    func testARecordSignedWithAnotherKeyIsRefused() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        try forgeUnsigned(accuracy: 0.1, signWith: Array("a guessed key, not the real one".utf8))
        XCTAssertEqual(
            message { try keyed.history(model) },
            "history record 2 has a wrong signature: it was written or altered without QGATE_HISTORY_KEY (or with another key)")
    }

    func testTruncationIsDetected() throws {
        for (i, v) in ["1.0", "1.1", "1.2"].enumerated() { _ = try keyed.promote(model, promotion(v, 0.9 + Double(i) / 100)) }
        let lines = try historyText().split(separator: "\n")
        try setHistory(lines.dropLast().joined(separator: "\n") + "\n")
        XCTAssertEqual(
            message { try keyed.history(model) },
            "records were removed from the end of `m`'s history: the signed store head records 3, but the history has 2 records")
        // Deleting the model's history and baseline entirely.
        try FileManager.default.removeItem(atPath: keyed.historyPath(model))
        try FileManager.default.removeItem(atPath: keyed.baselinePath(model))
        XCTAssertEqual(
            message { try keyed.history(model) },
            "records were removed from the end of `m`'s history: the signed store head records 3, but the history `\(dir)/.qgate/history/m.jsonl` is gone"
        )
    }

    func testADeletedOrForgedHeadIsRefused() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        let head = dir + "/.qgate/head.json"
        let original = try String(contentsOfFile: head, encoding: .utf8)
        try original.replacingOccurrences(of: "\"records\": 1", with: "\"records\": 2").write(
            toFile: head, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            message { try keyed.history(model) },
            "the store head `\(head)` has a wrong signature: it was written without QGATE_HISTORY_KEY or with another key")
        try FileManager.default.removeItem(atPath: head)
        XCTAssertEqual(
            message { try keyed.history(model) },
            "the history of `m` has 1 signed records, but the signed store head `\(head)` does not list the model")
    }

    /// A writer killed after the history but before the head: the record past
    /// the head is signed, so it is accepted, and verify notes the lag.
    func testAHeadOneRecordBehindIsANote() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        let head = dir + "/.qgate/head.json"
        let old = try Data(contentsOf: URL(fileURLWithPath: head))
        _ = try keyed.promote(model, promotion("1.1", 0.91))
        try old.write(to: URL(fileURLWithPath: head))
        XCTAssertEqual(try keyed.history(model).count, 2)
        let v = try StoreVerification.run(store: keyed, model: model, artifacts: [])
        XCTAssertEqual(v.problems, [])
        XCTAssertEqual(v.notes, ["the signed store head is 1 record behind the history (an interrupted write); the next write updates it"])
        _ = try keyed.promote(model, promotion("1.2", 0.92))
        XCTAssertEqual(try StoreVerification.run(store: keyed, model: model, artifacts: []).notes, [])
    }

    func testAnUnkeyedWriterCannotAppendToASignedStore() throws {
        _ = try keyed.promote(model, promotion("1.0", 0.9))
        XCTAssertEqual(
            message { try unkeyed.promote(model, promotion("1.1", 0.5)) },
            "the store `\(dir)/.qgate` is signed, but QGATE_HISTORY_KEY is not set")
        XCTAssertEqual(try keyed.history(model).count, 1)
    }

    /// A store from before the key: refused with the key until adopted once with `sign`.
    func testAdoptingAnExistingHistory() throws {
        _ = try unkeyed.promote(model, promotion("1.0", 0.9))
        _ = try unkeyed.promote(model, promotion("1.1", 0.91))
        let hashes = try unkeyed.history(model).map(\.sha256)
        XCTAssertEqual(
            message { try keyed.history(model) },
            "history record 1 is not signed, but QGATE_HISTORY_KEY is set: it was written without the key")
        XCTAssertEqual(message { try unkeyed.sign(model) }, "`qgate baseline sign` needs the key: QGATE_HISTORY_KEY is not set")
        XCTAssertEqual(try keyed.sign(model), 2)
        XCTAssertEqual(try keyed.history(model).map(\.sha256), hashes, "signing leaves every hash, and so the chain, unchanged")
        XCTAssertTrue(try StoreVerification.run(store: keyed, model: model, artifacts: []).passed)
        XCTAssertEqual(
            message { try keyed.sign(model) },
            "the history of `m` is already signed; `sign` only adopts a history written before the key")
        _ = try keyed.promote(model, promotion("1.2", 0.92))
        XCTAssertEqual(try keyed.history(model).count, 3)
    }

    func testKeyAndLockTimeoutFromTheEnvironment() throws {
        XCTAssertEqual(
            message { try BaselineStore.resolve(option: nil, environment: ["QGATE_HISTORY_KEY": "short"], clock: .system) },
            "QGATE_HISTORY_KEY is too short (5 bytes; at least 16)")
        XCTAssertEqual(
            message { try BaselineStore.resolve(option: nil, environment: ["QGATE_LOCK_TIMEOUT": "soon"], clock: .system) },
            "invalid QGATE_LOCK_TIMEOUT `soon`")
        let s = try BaselineStore.resolve(
            option: "x", environment: ["QGATE_HISTORY_KEY": "0123456789abcdef", "QGATE_LOCK_TIMEOUT": "2.5"], clock: .system)
        XCTAssertEqual(s.historyKey, Array("0123456789abcdef".utf8))
        XCTAssertEqual(s.lockTimeout, 2.5)
        XCTAssertEqual(try BaselineStore.resolve(option: nil, environment: [:], clock: .system).lockTimeout, 60)
    }
}
