import Foundation
import XCTest

@testable import QualityGateCore

/// Regressions found in review: a store that is misnamed, edited by hand (with a
/// consistent chain), or checked out with CRLF line ends.
final class StoreHardeningTests: XCTestCase {
    var dir = ""
    var model: ModelName!
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate") }

    override func setUpWithError() throws {
        model = try ModelName("m")
        dir = NSTemporaryDirectory() + "qgate-hardening-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try store.promote(
            model,
            BaselineStore.Promotion(
                version: "1.0", gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex("x"),
                metrics: [("accuracy", 0.9)], artifacts: []))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Appends a record whose hashes are consistent, as a careful forger would write it.
    func forge(_ edit: (inout HistoryRecord) -> Void, rawLine: ((String) -> String)? = nil) throws {
        let records = try store.history(model)
        var r = HistoryRecord(
            seq: records.count + 1, event: .rollback, time: "2026-11-24T12:00:00Z", model: "m",
            prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
        edit(&r)
        var line = r.line().text
        if let rawLine {
            // Re-hash after a raw edit, keeping the chain consistent.
            let body = String(rawLine(String(line.dropLast(HistoryRecord.hashSuffixLength))) + "}")
            line = String(body.dropLast()) + ",\"sha256\":\"\(SHA256.hex(body))\"}"
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.historyPath(model)))
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        handle.closeFile()
    }

    func testRollbackToANonexistentRecordIsRefused() throws {
        try forge {
            $0.restoresSeq = 7
            $0.version = "x"
            $0.baselineSHA256 = SHA256.hex("y")
        }
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "history record 2 rolls back to record 7, which is not an earlier promotion")
        }
        XCTAssertFalse(try StoreVerification.run(store: store, model: model, artifacts: []).passed)
    }

    func testNonNumericOrHugeFieldsAreErrorsNotCrashes() throws {
        try forge(
            {
                $0.event = .promote
                $0.version = "2"
                $0.metrics = [("accuracy", 0.5)]
                $0.baselineSHA256 = SHA256.hex("z")
            },
            rawLine: { $0.replacingOccurrences(of: "\"accuracy\":0.5", with: "\"accuracy\":\"0.99\"") })
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "history record 2 has an invalid metric `accuracy`")
        }
    }

    func testHugeSequenceNumberIsAnError() throws {
        try forge({ $0.restoresSeq = 1 }, rawLine: { $0.replacingOccurrences(of: "\"seq\":2", with: "\"seq\":1e300") })
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "history record 2 has an invalid `seq`")
        }
    }

    func testControlCharactersCannotBeSmuggledIntoTimes() throws {
        try forge({ $0.restoresSeq = 1 }, rawLine: { $0.replacingOccurrences(of: "2026-11-24T12:00:00Z", with: "T\\n::error::injected") })
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "history record 2 has an invalid `time`")
        }
    }

    func testCRLFLineEndsFromGitAreAccepted() throws {
        let path = store.historyPath(model)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try store.history(model).count, 1)
    }

    /// Issue 17: a store that does not exist yet is a first release (evaluate says so), not an error.
    func testAMissingStoreIsAFirstRelease() throws {
        XCTAssertFalse(try BaselineStore(directory: dir + "/typo").shouldRead())
        XCTAssertFalse(try BaselineStore(directory: dir + "/typo", isExplicit: false).shouldRead())
    }

    func testABaselineFileWithoutHistoryIsAnError() throws {
        try FileManager.default.removeItem(atPath: store.historyPath(model))
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertTrue((error as? BaselineError)?.message.hasSuffix("has a baseline file for `m` but no history") == true, "\(error)")
        }
    }
}
