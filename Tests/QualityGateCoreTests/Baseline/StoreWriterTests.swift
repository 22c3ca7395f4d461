import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Leftovers and hostile files: temp copies of killed writers, a held lock, a
/// FIFO where the history should be, a final blank line added by an editor.
final class StoreWriterTests: TemporaryDirectoryTestCase {
    var model: ModelName!
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate", lockTimeout: 0.3) }

    override func setUpWithError() throws {
        model = try ModelName("m")
        try super.setUpWithError()
    }

    func promote(_ version: String) throws -> HistoryRecord {
        try store.promote(
            model,
            BaselineStore.Promotion(
                version: version, gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex(version),
                metrics: [("accuracy", 0.9)], artifacts: []))
    }

    func testTempCopiesOfKilledWritersAreRemovedByTheNextWriter() throws {
        _ = try promote("1.0")
        let leftovers = [
            dir + "/.qgate/history/.m.jsonl.tmp-Ab12Cd", dir + "/.qgate/baselines/.m.json.tmp-xY9zQ1", dir + "/.qgate/.head.json.tmp-000000"
        ]
        for path in leftovers { FileManager.default.createFile(atPath: path, contents: Data("half".utf8)) }
        let unrelated = dir + "/.qgate/history/notes.tmp-123456"
        FileManager.default.createFile(atPath: unrelated, contents: Data())
        _ = try promote("1.1")
        for path in leftovers { XCTAssertFalse(FileManager.default.fileExists(atPath: path), path) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated), "only qgate's own temp names are removed")
    }

    func testAHeldLockTimesOutWithANamedError() throws {
        try FileManager.default.createDirectory(atPath: dir + "/.qgate", withIntermediateDirectories: true)
        // flock locks belong to an open file description: this one conflicts with the store's own open.
        let fd = open(dir + "/.qgate/.lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        defer { close(fd) }
        let start = Date()
        XCTAssertThrowsError(try promote("1.0")) { error in
            let e = error as? FileError
            XCTAssertEqual(e?.kind, .lockTimeout)
            XCTAssertEqual(e?.message, "cannot lock `\(dir)/.qgate/.lock`: still held by another process after 0.3 s")
            XCTAssertEqual(
                e?.hint?.hasPrefix("another qgate process is writing to this store (`fuser \(dir)/.qgate/.lock` names it)"), true)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        flock(fd, LOCK_UN)
        XCTAssertEqual(try promote("1.0").seq, 1)
    }

    func testAFIFOInPlaceOfTheHistoryIsRefusedNotWaitedOn() throws {
        try FileManager.default.createDirectory(atPath: dir + "/.qgate/history", withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(store.historyPath(model), 0o644), 0)
        let start = Date()
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertEqual(
                (error as? FileError)?.message, "cannot read `\(store.historyPath(model))`: not a regular file (a FIFO, device or socket)")
        }
        XCTAssertThrowsError(try promote("1.0"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testAFinalBlankLineIsTolerated() throws {
        _ = try promote("1.0")
        let path = store.historyPath(model)
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try store.history(model).count, 1)
        // The next append leaves no blank line inside the history.
        XCTAssertEqual(try promote("1.1").seq, 2)
        XCTAssertEqual(try store.history(model).count, 2)
        XCTAssertFalse(try String(contentsOfFile: path, encoding: .utf8).contains("\n\n"))
    }

    /// A failure after the history (the commit point) is written, such as a
    /// full disk, leaves the promotion committed: a warning, not an error.
    func testAFailedViewWriteAfterTheCommitIsAWarning() throws {
        _ = try promote("1.0")
        // A directory in place of the view makes its write fail after the history is committed.
        try FileManager.default.removeItem(atPath: store.baselinePath(model))
        try FileManager.default.createDirectory(atPath: store.baselinePath(model), withIntermediateDirectories: false)
        var warnings: [String] = []
        let r = try store.promote(
            model,
            BaselineStore.Promotion(
                version: "1.1", gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex("x"),
                metrics: [("accuracy", 0.95)], artifacts: []), warn: { warnings.append($0) })
        XCTAssertEqual(r.seq, 2)
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.1")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(
            warnings[0].hasPrefix(
                "history record 2 is committed and is the current baseline, but the baseline file could not be rewritten: cannot write `\(store.baselinePath(model))`"
            ), warnings[0])
    }
}
