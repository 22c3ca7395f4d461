import Foundation
import XCTest

@testable import QualityGateCore

/// `max_regression_sigma` against an independent reading of the README
/// (dev/sigma_oracle.py, exact arithmetic, committed in Tests/Fixtures/sigma):
/// random histories of promotions, rollbacks and evaluations go through the
/// store's lineage (`ReleaseLineage`), the policy through the loader, and each
/// verdict, reason, window, σ and bound must be the oracle's.
final class SigmaOracleTests: XCTestCase {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sigma/cases.json").path

    func records(_ events: [[String: Any]]) -> [HistoryRecord] {
        events.map { e in
            let seq = e["seq"] as? Int ?? 0
            let event = HistoryRecord.Event(rawValue: e["event"] as? String ?? "") ?? .evaluation
            var r = HistoryRecord(seq: seq, event: event, time: "2026-01-01T00:00:00Z", model: "m", prevSHA256: HistoryRecord.genesis)
            r.version = e["version"] as? String
            r.restoresSeq = e["restores_seq"] as? Int
            r.metrics = ((e["metrics"] as? [String: Double]) ?? [:]).map { ($0.key, $0.value) }
            return r
        }
    }

    func testEveryCaseAgreesWithTheREADMEOracle() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        let cases = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var checked = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let yaml = """
                version: 1
                gates:
                  - metric: m
                    direction: \(c["direction"] as? String ?? "")
                    max_regression_sigma: \(c["k"] as? Double ?? 0)
                    history_window: \(c["history_window"] as? Int ?? 0)
                    min_history: \(c["min_history"] as? Int ?? 0)
                    on_missing_baseline: \(c["on_missing_baseline"] as? String ?? "")
                """
            let policy = try PolicyLoader.parse(Array(yaml.utf8), file: name, today: 0)
            let records = records(c["events"] as? [[String: Any]] ?? [])
            let history = ReleaseLineage.history(records, source: name)
            // The baseline the store would hand out: its current promotion's metrics.
            let current = try XCTUnwrap(BaselineStore.current(in: records), name)
            XCTAssertEqual(history.releases.last?.version, current.version, name)
            let baseline = MetricSet(numbers: current.metrics, file: "baseline")
            let metrics = MetricSet(numbers: [("m", c["candidate"] as? Double ?? .nan)], file: "metrics")
            let r = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline, history: history).results[0]
            let want = try XCTUnwrap(c["expected"] as? [String: Any])
            let what = "\(name): \(r.message)"
            XCTAssertEqual(r.status.rawValue, want["status"] as? String, what)
            XCTAssertEqual(r.reason?.rawValue, want["reason"] as? String, what)
            if let changes = want["changes"] as? Int {
                XCTAssertEqual(r.history?.changes, changes, what)
                XCTAssertEqual(r.history?.releases, want["releases"] as? Int, what)
            }
            // Foundation's JSON reader may round a fixture's number an ulp away from the oracle's, so
            // σ and the bound agree to a few ulps of the values, not of σ (verdicts keep a 1e-9 margin).
            let scale = history.releases.compactMap { $0.metrics["m"] }.map(abs).max() ?? 0
            if let sigma = want["sigma"] as? Double {
                let got = try XCTUnwrap(r.history?.sigma, what)
                XCTAssertEqual(got, sigma, accuracy: 1e-13 * Swift.max(sigma, scale, 1e-300), what)
            }
            if let bound = want["bound"] as? Double {
                let k = c["k"] as? Double ?? 0
                XCTAssertEqual(r.bound ?? .nan, bound, accuracy: 1e-12 * Swift.max(1, abs(bound)) + k * 1e-13 * scale, what)
            }
            checked += 1
        }
        XCTAssertEqual(checked, 600)
    }
}
