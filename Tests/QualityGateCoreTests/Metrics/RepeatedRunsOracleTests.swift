import Foundation
import XCTest

@testable import QualityGateCore

/// qgate against dev/aggregate_oracle.py, an independent (numpy, scipy) reading
/// of the README's repeated runs: every metric's aggregate and standard error,
/// and the verdict of every condition on them, noise-aware ones included.
final class RepeatedRunsOracleTests: XCTestCase {
    struct Fixture: Decodable {
        var cases: [Case]
    }
    struct Case: Decodable {
        var name: String
        var method: String
        var runs: [[String: Scalar]]
        var baseline: [String: Double]
        var gates: [GateSpec]
        var aggregates: [String: Aggregate]
        var expected: [Expected]
    }
    enum Scalar: Decodable {
        case number(Double)
        case text(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
        }
        var json: String {
            switch self {
            case .number(let d): return "\(d)"
            case .text(let s): return "\"\(s)\""
            }
        }
    }
    struct GateSpec: Decodable {
        var name: String
        var metric: String
        var direction: String
        var conditions: [[Scalar]]
        var significance: Double?
        var maxStderr: Double?
        enum CodingKeys: String, CodingKey {
            case name, metric, direction, conditions, significance
            case maxStderr = "max_stderr"
        }
    }
    struct Aggregate: Decodable {
        var value: Double
        var stderr: Double
        var low: Double
        var high: Double
    }
    struct Expected: Decodable, Equatable {
        var gate: String
        var kind: String
        var status: String
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    func testAgreesWithTheOracle() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/aggregate/oracle.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertEqual(fixture.cases.count, 200)
        var compared = 0
        for c in fixture.cases {
            var yaml = "version: 1\ngates:\n"
            for g in c.gates {
                yaml += "  - name: \(g.name)\n    metric: \(g.metric)\n    direction: \(g.direction)\n    on_missing_baseline: fail\n"
                for cond in g.conditions { yaml += "    \(cond[0].json.replacingOccurrences(of: "\"", with: "")): \(cond[1].json)\n" }
                if let a = g.significance { yaml += "    significance: \(a)\n" }
                if let m = g.maxStderr { yaml += "    max_stderr: \(m)\n" }
            }
            let policy = try PolicyLoader.parse(Array(yaml.utf8), file: "p.yaml", today: 20_000)
            let runs = try c.runs.enumerated().map { i, run in
                let text = "{" + run.sorted(by: { $0.key < $1.key }).map { "\"\($0.key)\": \($0.value.json)" }.joined(separator: ", ") + "}"
                return try MetricsLoader.parse(Array(text.utf8), file: "run\(i + 1).json")
            }
            let method = try XCTUnwrap(AggregateMethod(rawValue: c.method))
            let gated = GatedMetrics(policy)
            let metrics = try RepeatedRuns.combine(runs, method: method) { try gated.worstFor($0) }
            XCTAssertEqual(metrics.files, runs.map { $0.files[0] }, c.name)
            for (name, want) in c.aggregates {
                let metric = try XCTUnwrap(metrics[name], "\(c.name) \(name)")
                guard case .number(let got) = metric.value else { return XCTFail("\(c.name) \(name): not a number") }
                XCTAssert(Self.close(got, want.value), "\(c.name) \(name): \(got) != \(want.value)")
                XCTAssert(
                    Self.close(metric.runs?.stderr ?? .nan, want.stderr), "\(c.name) \(name) stderr: \(String(describing: metric.runs))")
                XCTAssertEqual(metric.uncertainty, Uncertainty(stderr: metric.runs?.stderr), c.name)
                XCTAssertEqual(metric.runs?.low, want.low, c.name)
                XCTAssertEqual(metric.runs?.high, want.high, c.name)
                XCTAssertEqual(metric.runs?.runs, c.runs.count, c.name)
            }
            let baseText =
                "{" + c.baseline.sorted(by: { $0.key < $1.key }).map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
            let e = try GateEvaluator.evaluate(
                policy, metrics: metrics, baseline: MetricsLoader.parse(Array(baseText.utf8), file: "b.json"), options: .init(today: 20_000)
            )
            let got = e.results.map { Expected(gate: $0.gate.displayName, kind: $0.kind.key, status: $0.status.rawValue) }
            XCTAssertEqual(got, c.expected, c.name)
            compared += got.count
        }
        XCTAssertEqual(compared, 400)
    }
}
