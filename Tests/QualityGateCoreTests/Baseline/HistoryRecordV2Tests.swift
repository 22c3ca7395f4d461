import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Version-2 history records: typed failures and the computed verdict survive
/// the round trip through a line (signed or not), numbers JSON cannot hold are
/// kept as "NaN"/"Infinity" strings, and a line qgate would not write is refused.
final class HistoryRecordV2Tests: TemporaryDirectoryTestCase {
    let model = try! ModelName("m")
    let key = Array("correct horse battery staple".utf8)

    override func setUpWithError() throws {
        try super.setUpWithError()
        try FileManager.default.createDirectory(atPath: dir + "/history", withIntermediateDirectories: true)
    }

    func evaluationRecord() -> HistoryRecord {
        var r = HistoryRecord(seq: 1, event: .evaluation, time: "2026-11-20T10:00:00Z", model: "m", prevSHA256: HistoryRecord.genesis)
        r.verdict = "blocked"
        r.failOnWarning = true
        r.failed = [
            RecordedFailure(
                gate: "floor max — legacy", metric: "latency_ms", kind: .max, severity: .critical, status: .failed,
                reason: .nonFiniteValue, value: .nan, baseline: nil, bound: nil,
                message: "latency_ms is NaN: a non-finite metric fails every condition"),
            RecordedFailure(
                gate: "drift", metric: "acc", kind: .maxDelta, severity: .warning, status: .preExisting,
                reason: .nonFiniteBaseline, value: 0.5, baseline: -.infinity, bound: .infinity, message: "m"),
            RecordedFailure(
                gate: "recall", metric: "recall", kind: .min, severity: .critical, status: .waived,
                reason: .belowBound, value: 0.5, baseline: nil, bound: 0.9, message: "w")
        ]
        return r
    }

    /// A line made by hand, with its hash recomputed (what an unkeyed store cannot stop).
    func sealed(_ body: String) -> String {
        String(body.dropLast()) + ",\"sha256\":\"\(SHA256.hex(body))\"}"
    }

    func parseError(_ line: String) -> String {
        do {
            _ = try HistoryRecord.parse(line: line, number: 1, file: "h.jsonl")
            return "no error"
        } catch { return error.description }
    }

    func testRoundTripSignedAndUnsigned() throws {
        let r = evaluationRecord()
        for key in [nil, key] {
            let (line, hash) = r.line(key: key)
            XCTAssertTrue(line.hasPrefix("{\"schema\":\"qgate.history/v2\",\"seq\":1,\"event\":\"evaluation\","), line)
            XCTAssertTrue(
                line.contains(
                    "\"verdict\":\"blocked\",\"fail_on_warning\":true,\"failed\":[{\"gate\":\"floor max — legacy\",\"metric\":\"latency_ms\",\"kind\":\"max\",\"severity\":\"critical\",\"status\":\"failed\",\"reason\":\"non_finite_value\",\"value\":\"NaN\",\"baseline\":null,\"bound\":null,"
                ), line)
            XCTAssertTrue(
                line.contains(
                    "\"status\":\"pre_existing\",\"reason\":\"non_finite_baseline\",\"value\":0.5,\"baseline\":\"-Infinity\",\"bound\":\"Infinity\""
                ), line)
            let back = try HistoryRecord.parse(line: line, number: 1, file: "h.jsonl")
            XCTAssertEqual(back.format, .v2)
            XCTAssertEqual(back.sha256, hash)
            XCTAssertEqual(back.verdict, "blocked")
            XCTAssertEqual(back.failOnWarning, true)
            XCTAssertEqual(back.v1Failed, [])
            XCTAssertEqual(back.failed.count, 3)
            XCTAssertTrue(back.failed[0].value?.isNaN == true)
            XCTAssertEqual(Array(back.failed.dropFirst()), Array(r.failed.dropFirst()))
            XCTAssertEqual(back.hmac, key.map { HistoryRecord.signature(of: hash, key: $0) })
            // Re-rendered, a parsed record is the line it came from.
            XCTAssertEqual(back.line(key: key).text, line)
        }
    }

    /// Every reason code (issue 16 added `undefined_metric`/`undefined_baseline`) survives a record.
    func testEveryReasonCodeRoundTrips() throws {
        var r = evaluationRecord()
        r.failed = ConditionResult.Reason.allCases.map {
            RecordedFailure(
                gate: "g", metric: "m", kind: .min, severity: .critical, status: .failed,
                reason: $0, value: nil, baseline: nil, bound: nil, message: "x")
        }
        let back = try HistoryRecord.parse(line: r.line(key: nil).text, number: 1, file: "h.jsonl")
        XCTAssertEqual(back.failed.map(\.reason), ConditionResult.Reason.allCases)
        XCTAssertTrue(r.line(key: nil).text.contains(#""reason":"undefined_metric""#))
    }

    func testStoreRecordsStatusesAndVerifiesWithTheKey() throws {
        let store = BaselineStore(directory: dir, historyKey: key)
        let policy = try PolicyLoader.parse(
            Array(
                """
                version: 1
                model: m
                gates:
                  - {metric: acc, min: 0.9, new_failures_only: true}
                  - {metric: f1, min: 0.8, severity: warning}

                """.utf8), file: "p.yaml")
        let metrics = try MetricsLoader.parse(Array(#"{"acc": 0.85, "f1": 0.7}"#.utf8), file: "m.json")
        let baseline = try MetricsLoader.parse(Array(#"{"acc": 0.85, "f1": 0.9}"#.utf8), file: "b.json")
        let evaluation = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline, options: .init(failOnWarning: true))
        let r = try store.record(evaluation, model: model, metricsSHA256: nil)
        XCTAssertEqual(r.verdict, "blocked")
        let back = try XCTUnwrap(try store.history(model).last)
        XCTAssertEqual(back.failed.map(\.status), [.preExisting, .failed])
        XCTAssertEqual(back.failed.map(\.severity), [.warning, .warning])
        XCTAssertEqual(back.failed, r.failed)
        XCTAssertEqual(back.failOnWarning, true)
        let v = try StoreVerification.run(store: store, model: model, artifacts: [])
        XCTAssertEqual(v.problems, [])
        let s = try ReleaseStatistics.compute(try store.history(model), model: "m", since: nil, policy: nil)
        XCTAssertEqual(s.blocked, 1)
        XCTAssertEqual(s.gates.map(\.gate), ["acc", "f1"])
        XCTAssertEqual(s.gates.map(\.warnings), [1, 1], "a pre-existing failure counts as the warning it became")
    }

    /// `qgate baseline sign` adopts a version-2 history written before the key, like a version-1 one.
    func testUnsignedVersion2HistoryCanBeSigned() throws {
        let policy = try PolicyLoader.parse(Array("version: 1\nmodel: m\ngates:\n  - {metric: acc, min: 0.9}\n".utf8), file: "p.yaml")
        let evaluation = try GateEvaluator.evaluate(
            policy, metrics: try MetricsLoader.parse(Array(#"{"acc": 0.8}"#.utf8), file: "m.json"), baseline: nil)
        _ = try BaselineStore(directory: dir).record(evaluation, model: model, metricsSHA256: nil)
        let keyed = BaselineStore(directory: dir, historyKey: key)
        XCTAssertEqual(try keyed.sign(model), 1)
        let back = try XCTUnwrap(try keyed.history(model).first)
        XCTAssertEqual(back.format, .v2)
        XCTAssertEqual(back.failed.map(\.reason), [.belowBound])
        XCTAssertEqual(try StoreVerification.run(store: keyed, model: model, artifacts: []).problems, [])
    }

    func testVerifyRefusesAVerdictThatDoesNotFollowFromItsFailures() throws {
        var r = evaluationRecord()
        r.verdict = "passed"
        try (r.line().text + "\n").write(toFile: dir + "/history/m.jsonl", atomically: true, encoding: .utf8)
        let v = try StoreVerification.run(store: BaselineStore(directory: dir), model: model, artifacts: [])
        XCTAssertEqual(v.problems, ["history record 1: its verdict passed does not follow from its failures (blocked)"])
    }

    func testLinesQGateWouldNotWriteAreRefused() {
        let body = String(evaluationRecord().line().text.dropLast(",\"sha256\":\"\"}".utf8.count + 64)) + "}"
        XCTAssertEqual(
            parseError(sealed(body.replacingOccurrences(of: "qgate.history/v2", with: "qgate.history/v3"))),
            "h.jsonl:1:1: error: history record 1 has an unknown `schema`: it was written by a newer qgate, or edited — read this store with the qgate version that wrote it"
        )
        XCTAssertEqual(
            parseError(sealed(body.replacingOccurrences(of: "\"non_finite_value\"", with: "\"looked fine\""))),
            "h.jsonl:1:1: error: history record 1 has an invalid failed condition (entry 1 of `failed`) — the history was edited; restore it from version control"
        )
        XCTAssertEqual(
            parseError(sealed(body.replacingOccurrences(of: "\"value\":\"NaN\"", with: "\"value\":\"lots\""))),
            "h.jsonl:1:1: error: history record 1 has an invalid failed condition (entry 1 of `failed`) — the history was edited; restore it from version control"
        )
        XCTAssertEqual(
            parseError(sealed(body.replacingOccurrences(of: "\"fail_on_warning\":true,", with: ""))),
            "h.jsonl:1:1: error: history record 1 has an invalid `fail_on_warning` — the history was edited; restore it from version control"
        )
        // A version-2 evaluation's failures are objects; prose is version 1 only.
        let prose = body.replacing(#/"failed":\[.*\],"prev/#, with: "\"failed\":[\"critical: x min — y\"],\"prev")
        XCTAssertEqual(
            parseError(sealed(prose)),
            "h.jsonl:1:1: error: history record 1 has an invalid failed condition (entry 1 of `failed`) — the history was edited; restore it from version control"
        )
    }
}
