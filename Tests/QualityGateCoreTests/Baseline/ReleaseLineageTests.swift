import Foundation
import XCTest

@testable import QualityGateCore

/// The release history `max_regression_sigma` learns from: the chain of
/// promotions that led to the current baseline; a rollback withdraws the
/// releases after its target; evaluations are not releases. And `evaluate`
/// hands it to the evaluator only when the baseline comes from the store.
final class ReleaseLineageTests: XCTestCase {
    var dir = ""
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate") }
    var model: ModelName!

    override func setUpWithError() throws {
        model = try ModelName("fraud")
        dir = NSTemporaryDirectory() + "qgate-lineage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func promote(_ version: String, _ acc: Double) throws {
        _ = try store.promote(
            model,
            BaselineStore.Promotion(
                version: version, gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex(version), metrics: [("acc", acc)],
                artifacts: []))
    }

    func testARollbackWithdrawsTheReleasesAfterItsTarget() throws {
        try promote("1", 0.90)
        try promote("2", 0.91)
        try promote("3", 0.70)  // a bad release, rolled back
        _ = try store.rollback(model, to: "2")
        try promote("4", 0.92)
        let h = try store.releaseHistory(model)
        XCTAssertEqual(h.releases.map(\.version), ["1", "2", "4"])
        XCTAssertEqual(h.changes(of: "acc", window: 20).map { ($0 * 100).rounded() / 100 }, [0.01, 0.01])
        // Rolled back to 1 now: the chain ends at the current baseline.
        _ = try store.rollback(model, to: "1")
        XCTAssertEqual(try store.releaseHistory(model).releases.map(\.version), ["1"])
        // Rolling "forward" to a withdrawn release restores its own chain.
        _ = try store.rollback(model, to: "3")
        XCTAssertEqual(try store.releaseHistory(model).releases.map(\.version), ["1", "2", "3"])
    }

    func writePolicy(_ extra: String = "") throws -> String {
        let path = dir + "/p.yaml"
        try Data("version: 1\nmodel: fraud\ngates:\n  - metric: acc\n    max_regression_sigma: 2\n\(extra)".utf8).write(
            to: URL(fileURLWithPath: path))
        try Data(#"{"acc": 0.85}"#.utf8).write(to: URL(fileURLWithPath: dir + "/m.json"))
        try Data(#"{"acc": 0.9}"#.utf8).write(to: URL(fileURLWithPath: dir + "/b.json"))
        return path
    }

    func testEvaluateLearnsFromTheStoresHistory() throws {
        for (i, acc) in [0.90, 0.91, 0.90, 0.91, 0.90, 0.90].enumerated() { try promote("\(i + 1)", acc) }
        let request = EvaluationRequest(configPath: try writePolicy(), metricsPaths: [dir + "/m.json"], baselineSource: .store(store))
        let r = try request.run().results[0]
        XCTAssertEqual(r.history?.changes, 5)
        XCTAssertEqual(r.history?.last, "6")
        XCTAssertEqual(r.status, .failed, r.message)
        XCTAssertEqual(r.reason, .belowBound)
    }

    /// With a first release's store (one promotion) the condition has no changes: on_missing_baseline.
    func testAYoungStoreSkipsVisibly() throws {
        try promote("1", 0.9)
        let request = EvaluationRequest(configPath: try writePolicy(), metricsPaths: [dir + "/m.json"], baselineSource: .store(store))
        let r = try request.run().results[0]
        XCTAssertEqual(r.status, .skipped)
        XCTAssertEqual(r.reason, .shortHistory)
    }

    /// A baseline file has no history: refused, pointing at the condition.
    func testABaselineFileIsRefused() throws {
        let request = EvaluationRequest(configPath: try writePolicy(), metricsPaths: [dir + "/m.json"], baselinePath: dir + "/b.json")
        XCTAssertThrowsError(try request.run()) { error in
            let e = error as? EvaluationError
            XCTAssertEqual(e?.kind, "sigmaWithoutStore")
            XCTAssertEqual(
                e?.description,
                "\(self.dir)/p.yaml:5:5: error: `max_regression_sigma` learns from the release history of a baseline store, and the baseline file `\(self.dir)/b.json` has none"
            )
        }
    }
}
