import Foundation
import XCTest

@testable import QualityGateCore

final class BaselineStoreTests: XCTestCase {
    var dir = ""
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate") }
    var model: ModelName!

    override func setUpWithError() throws {
        model = try ModelName("sentiment")
        dir = NSTemporaryDirectory() + "qgate-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func promotion(_ version: String, accuracy: Double, artifacts: [HistoryRecord.Artifact] = []) -> BaselineStore.Promotion {
        BaselineStore.Promotion(
            version: version, gitCommit: "abc123", metricsFile: "m.json", metricsSHA256: SHA256.hex(version),
            metrics: [("accuracy", accuracy), ("latency.p95_ms", 100)], artifacts: artifacts)
    }

    func testPromoteShowHistoryRollbackRoundTrip() throws {
        XCTAssertNil(try store.currentBaseline(model))
        let first = try store.promote(model, promotion("1.0", accuracy: 0.9))
        XCTAssertEqual(first.seq, 1)
        XCTAssertEqual(first.prevSHA256, HistoryRecord.genesis)
        let second = try store.promote(model, promotion("1.1", accuracy: 0.93))
        XCTAssertEqual(second.prevSHA256, first.sha256)
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.1")
        let (metrics, _) = try XCTUnwrap(try store.baselineMetrics(model))
        if case .number(let d)? = metrics["accuracy"]?.value { XCTAssertEqual(d, 0.93) } else { XCTFail() }

        let back = try store.rollback(model, to: nil)
        XCTAssertEqual(back.restoresSeq, 1)
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.0")
        // A rollback reproduces the promotion's baseline file byte for byte.
        XCTAssertEqual(try FileSystem.readBytes(store.baselinePath(model)), BaselineStore.baselineView(of: first))
        _ = try store.rollback(model, to: "1.1")
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.1")
        XCTAssertEqual(try store.history(model).map(\.event), [.promote, .promote, .rollback, .rollback])
        XCTAssertThrowsError(try store.rollback(model, to: "9.9")) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "no promotion of `sentiment` has version `9.9`")
        }
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertTrue(v.passed, v.problems.joined())
    }

    func testEditingAHistoryLineIsDetected() throws {
        _ = try store.promote(model, promotion("1.0", accuracy: 0.9))
        _ = try store.promote(model, promotion("1.1", accuracy: 0.93))
        let path = store.historyPath(model)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"accuracy\":0.9,", with: "\"accuracy\":0.99,")
            .write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertTrue((error as? BaselineError)?.message.hasPrefix("history record 1 was modified") == true, "\(error)")
        }
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertFalse(v.passed)
    }

    func testDeletingARecordBreaksTheChain() throws {
        for (i, v) in ["1.0", "1.1", "1.2"].enumerated() { _ = try store.promote(model, promotion(v, accuracy: 0.9 + Double(i) / 100)) }
        let path = store.historyPath(model)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try store.history(model)) { error in
            XCTAssertTrue((error as? BaselineError)?.message.hasPrefix("history chain broken at record 2") == true, "\(error)")
        }
    }

    func testTamperedBaselineFileAndArtifactsAreDetected() throws {
        let artifact = dir + "/model.onnx"
        try Data("weights".utf8).write(to: URL(fileURLWithPath: artifact))
        let (hash, size) = try FileSystem.sha256(ofFile: artifact)
        _ = try store.promote(model, promotion("1.0", accuracy: 0.9, artifacts: [.init(path: artifact, sha256: hash, size: size)]))
        XCTAssertTrue(try StoreVerification.run(store: store, model: model, artifacts: [artifact]).passed)

        try Data("WEIGHTS".utf8).write(to: URL(fileURLWithPath: artifact))
        let bad = try StoreVerification.run(store: store, model: model, artifacts: [artifact])
        XCTAssertEqual(bad.problems.count, 1)
        XCTAssertTrue(bad.problems[0].hasPrefix("artifact `\(artifact)` does not match"), bad.problems[0])

        let view = store.baselinePath(model)
        let text = try String(contentsOfFile: view, encoding: .utf8)
        try text.replacingOccurrences(of: "0.9", with: "0.95").write(toFile: view, atomically: true, encoding: .utf8)
        let tampered = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertEqual(tampered.problems, ["baseline file `\(view)` was modified: it matches no promotion in the history"])
    }

    func testModelNamesCannotEscapeTheStore() {
        for bad in ["../../etc", "a/b", "..", ".hidden", "-rf", "", "x\ny", String(repeating: "a", count: 129), "a b", "é"] {
            XCTAssertThrowsError(try ModelName(bad), bad)
        }
        for good in ["sentiment-classifier", "m.v2", "A_1"] { XCTAssertNoThrow(try ModelName(good)) }
    }

    func testRecordedEvaluationsJoinTheChain() throws {
        _ = try store.promote(model, promotion("1.0", accuracy: 0.9))
        let policy = try PolicyLoader.parse(
            Array("version: 1\nmodel: sentiment\ngates:\n  - {metric: accuracy, min: 0.95}\n".utf8), file: "p.yaml")
        let metrics = try MetricsLoader.parse(Array(#"{"accuracy": 0.91}"#.utf8), file: "m.json")
        var evaluation = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: nil)
        // The record names the baseline the evaluation really used, not the store's current one.
        XCTAssertNil(try store.record(evaluation, model: model, metricsSHA256: "x").baselineVersion)
        evaluation.baseline = BaselineInfo(kind: .store, description: "store", version: "1.0")
        let r = try store.record(evaluation, model: model, metricsSHA256: "x")
        XCTAssertEqual(r.verdict, "blocked")
        XCTAssertEqual(r.baselineVersion, "1.0")
        XCTAssertEqual(
            r.failed,
            [
                RecordedFailure(
                    gate: "accuracy", metric: "accuracy", kind: .min, severity: .critical, status: .failed, reason: .belowBound,
                    value: 0.91, baseline: nil, bound: 0.95, message: "accuracy 0.91 < min 0.95 (short by 0.04)")
            ])
        XCTAssertEqual(r.failed.map(\.line), ["critical: accuracy min — accuracy 0.91 < min 0.95 (short by 0.04)"])
        XCTAssertEqual(try store.history(model).suffix(2).map(\.event), [.evaluation, .evaluation])
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.0")
    }

    /// Reading a baseline from a revision runs git in the working directory, so
    /// the evaluation itself is tested through the binary, run in a repository
    /// (BaselineRefCommandTests); tests never change this process's directory.
    func testAGitRevisionThatLooksLikeAnOptionIsRefused() throws {
        XCTAssertThrowsError(try GitRevision.readFile(ref: "--output=/tmp/x", path: "metrics.json")) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "invalid git revision `--output=/tmp/x`")
        }
    }
}

/// Issue 19: a version is promoted once unless the caller says otherwise, and a
/// recorded evaluation names its candidate.
final class PromotionVersionTests: XCTestCase {
    var dir = ""
    var store: BaselineStore { BaselineStore(directory: dir + "/.qgate") }
    var model: ModelName!

    override func setUpWithError() throws {
        model = try ModelName("sentiment")
        dir = NSTemporaryDirectory() + "qgate-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func promotion(_ version: String?, accuracy: Double) -> BaselineStore.Promotion {
        BaselineStore.Promotion(
            version: version, gitCommit: nil, metricsFile: "m.json", metricsSHA256: SHA256.hex("\(accuracy)"),
            metrics: [("accuracy", accuracy)], artifacts: [])
    }

    func testAVersionAlreadyPromotedIsRefusedAndNothingIsWritten() throws {
        _ = try store.promote(model, promotion("1.0", accuracy: 0.9))
        _ = try store.promote(model, promotion("1.1", accuracy: 0.91))
        let before = try FileSystem.readBytes(store.historyPath(model))
        XCTAssertThrowsError(try store.promote(model, promotion("1.0", accuracy: 0.95))) { error in
            let e = error as? BaselineError
            XCTAssertEqual(e?.kind, "versionAlreadyPromoted")
            XCTAssertEqual(e?.message, "version `1.0` of `sentiment` was already promoted (history record 1)")
        }
        XCTAssertEqual(try FileSystem.readBytes(store.historyPath(model)), before)
        // A generated version counts too: `r3` was taken by hand.
        let dir2 = BaselineStore(directory: dir + "/other")
        _ = try dir2.promote(model, promotion("r2", accuracy: 0.9))
        XCTAssertThrowsError(try dir2.promote(model, promotion(nil, accuracy: 0.9))) { error in
            XCTAssertEqual((error as? BaselineError)?.message, "version `r2` of `sentiment` was already promoted (history record 1)")
        }
    }

    func testRepeatingAVersionRecordsASecondPromotionAndRollbackTakesTheLatest() throws {
        let first = try store.promote(model, promotion("1.0", accuracy: 0.9))
        _ = try store.promote(model, promotion("1.1", accuracy: 0.91))
        let again = try store.promote(model, promotion("1.0", accuracy: 0.95), repeatingVersion: true)
        XCTAssertEqual(again.version, "1.0")
        XCTAssertEqual(again.prevSHA256, try store.history(model)[1].sha256)
        _ = try store.rollback(model, to: "1.1")
        let back = try store.rollback(model, to: "1.0")
        XCTAssertEqual(back.restoresSeq, again.seq)
        XCTAssertNotEqual(back.restoresSeq, first.seq)
        XCTAssertTrue(try StoreVerification.run(store: store, model: model, artifacts: []).passed)
    }

    func testARecordedEvaluationKeepsTheCandidatesVersionAndCommit() throws {
        _ = try store.promote(model, promotion("1.0", accuracy: 0.9))
        let policy = try PolicyLoader.parse(
            Array("version: 1\nmodel: sentiment\ngates:\n  - {metric: accuracy, min: 0.5}\n".utf8), file: "p.yaml")
        let metrics = try MetricsLoader.parse(Array(#"{"accuracy": 0.91}"#.utf8), file: "m.json")
        let evaluation = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: nil)
        let old = try store.record(evaluation, model: model, metricsSHA256: "x")
        let r = try store.record(evaluation, model: model, metricsSHA256: "x", version: "1.1", gitCommit: "0123456789abcdef")
        XCTAssertEqual(
            try String(contentsOfFile: store.historyPath(model), encoding: .utf8).split(separator: "\n").last?
                .contains(#""version":"1.1","git_commit":"0123456789abcdef","metrics_file":"m.json""#), true)
        let read = try store.history(model)
        XCTAssertNil(read[old.seq - 1].version)
        XCTAssertNil(read[old.seq - 1].gitCommit)
        XCTAssertEqual(read[r.seq - 1].version, "1.1")
        XCTAssertEqual(read[r.seq - 1].gitCommit, "0123456789abcdef")
        // The evaluation's version is not a promotion: it neither blocks promoting it nor becomes the baseline.
        XCTAssertEqual(try store.currentBaseline(model)?.version, "1.0")
        XCTAssertEqual(try store.promote(model, promotion("1.1", accuracy: 0.91)).version, "1.1")
        XCTAssertTrue(try StoreVerification.run(store: store, model: model, artifacts: []).passed)
        XCTAssertEqual(
            BaselineReport.historyText(try store.history(model)).split(separator: "\n").map { String($0) }.filter {
                $0.contains("evaluation")
            }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).joined(separator: " ") },
            ["evaluation — passed", "evaluation 1.1 passed @ 0123456789ab"])
    }
}
