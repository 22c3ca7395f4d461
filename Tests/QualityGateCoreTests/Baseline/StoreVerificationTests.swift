import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `verify` tells the truth: a stale view after interrupted writes is a note,
/// while a record whose baseline hash is not that of its own metrics, or times
/// that go backwards, are problems even with an intact chain.
final class StoreVerificationTests: TemporaryDirectoryTestCase {
    var model: ModelName!
    /// The writer's clock, pinned by the tests that need a time.
    var clock = Clock.system
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate", clock: clock) }

    override func setUpWithError() throws {
        model = try ModelName("m")
        try super.setUpWithError()
    }

    func promote(_ version: String, _ accuracy: Double) throws {
        _ = try store.promote(
            model,
            BaselineStore.Promotion(
                version: version, gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex(version),
                metrics: [("accuracy", accuracy)], artifacts: []))
    }

    /// Two promotes interrupted after the history: the file is the view of the
    /// promotion two changes back.
    func testAViewSeveralChangesBehindIsANote() throws {
        try promote("1.0", 0.9)
        let view = try Data(contentsOf: URL(fileURLWithPath: store.baselinePath(model)))
        try promote("1.1", 0.91)
        try promote("1.2", 0.92)
        try view.write(to: URL(fileURLWithPath: store.baselinePath(model)))
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertEqual(v.problems, [])
        XCTAssertEqual(
            v.notes,
            [
                "baseline file is the view of history record 1, behind the history (an interrupted write); the history's record 3 is current and the file is rewritten by the next promote or rollback"
            ])
    }

    /// Appends a promotion with a consistent hash chain, as a forger would.
    func forge(time: String, metrics: [(String, Double)], viewOf viewMetrics: [(String, Double)]) throws {
        let records = try store.history(model)
        var r = HistoryRecord(seq: records.count + 1, event: .promote, time: time, model: "m", prevSHA256: records.last!.sha256)
        r.version = "2.0"
        r.metrics = viewMetrics
        r.baselineSHA256 = SHA256.hex(BaselineStore.baselineView(of: r))
        r.metrics = metrics
        let path = store.historyPath(model)
        try (try String(contentsOfFile: path, encoding: .utf8) + r.line().text + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    func testABaselineHashThatIsNotItsMetricsIsAProblem() throws {
        clock = Clock(pinnedEpochSeconds: 1_790_000_000)
        try promote("1.0", 0.9)
        try forge(time: "2027-01-01T00:00:00Z", metrics: [("accuracy", 0.1)], viewOf: [("accuracy", 0.99)])
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertEqual(v.problems.first?.hasPrefix("history record 2: its baseline_sha256 "), true, "\(v.problems)")
        XCTAssertEqual(v.problems.first?.contains("is not the hash of its metrics' baseline view"), true)
    }

    func testTimesGoingBackwardsAreAProblem() throws {
        clock = Clock(pinnedEpochSeconds: 1_790_000_000)  // 2026-09-21T14:13:20Z
        try promote("1.0", 0.9)
        try forge(time: "2026-01-01T00:00:00Z", metrics: [("accuracy", 0.5)], viewOf: [("accuracy", 0.5)])
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertTrue(
            v.problems.contains(
                "history record 2 is dated 2026-01-01T00:00:00Z, before record 1 (2026-09-21T14:13:20Z): times go backwards"),
            "\(v.problems)")
        // And a writer whose clock is behind the history refuses to add to it.
        clock = Clock(pinnedEpochSeconds: 1_700_000_000)
        XCTAssertThrowsError(try promote("3.0", 0.9)) { error in
            XCTAssertEqual(
                (error as? BaselineError)?.message,
                "the clock says 2023-11-14T22:13:20Z, before the last history record's time 2026-01-01T00:00:00Z")
        }
    }
}
