import Foundation
import XCTest

@testable import QualityGateCore

/// qgate against dev/slices_oracle.py, an independent reading of the README's
/// pattern-gate rules: every slice's every condition gets the oracle's status and
/// severity, and each `max_spread` its status, best and worst slice and gap.
final class SliceOracleTests: XCTestCase {
    struct Fixture: Decodable {
        var cases: [Case]
    }
    struct Case: Decodable {
        var name: String
        var gate: GateSpec
        var metrics: String
        var baseline: String
        var expected: [Expected]
    }
    struct GateSpec: Decodable {
        var metric: String
        var direction: String
        var severity: String
        var onMissingMetric: String
        var onMissingBaseline: String
        var minCount: Int?
        var conditions: [ConditionSpec]
        enum CodingKeys: String, CodingKey {
            case metric, direction, severity, conditions
            case onMissingMetric = "on_missing_metric"
            case onMissingBaseline = "on_missing_baseline"
            case minCount = "min_count"
        }
    }
    struct ConditionSpec: Decodable {
        var kind: String
        var t: Double
    }
    struct Expected: Decodable, Equatable {
        var slice: String?
        var kind: String
        var status: String
        var severity: String
        /// `max_spread` with a gap: the best and worst slice and the gap.
        var best: String?
        var worst: String?
        var gap: Double?
    }

    func testAgreesWithTheOracle() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/slices/oracle.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertEqual(fixture.cases.count, 500)
        var compared = 0
        for c in fixture.cases {
            let g = c.gate
            var yaml = "version: 1\ngates:\n  - metric: \"\(g.metric)\"\n    direction: \(g.direction)\n    severity: \(g.severity)\n"
            yaml += "    on_missing_metric: \(g.onMissingMetric)\n    on_missing_baseline: \(g.onMissingBaseline)\n"
            if let k = g.minCount { yaml += "    min_count: \(k)\n" }
            for cond in g.conditions { yaml += "    \(cond.kind): \(cond.t)\n" }
            let policy = try PolicyLoader.parse(Array(yaml.utf8), file: "p.yaml", today: 20_000)
            let e = try GateEvaluator.evaluate(
                policy, metrics: MetricsLoader.parse(Array(c.metrics.utf8), file: "m.json"),
                baseline: MetricsLoader.parse(Array(c.baseline.utf8), file: "b.json"), options: .init(today: 20_000))
            let got = e.results.map {
                Expected(
                    slice: $0.gate.slice?.value, kind: $0.kind.key, status: $0.status.rawValue, severity: $0.severity.rawValue,
                    best: $0.spread?.best.name, worst: $0.spread?.worst.name, gap: $0.spread == nil ? nil : $0.value)
            }
            XCTAssertEqual(got, c.expected, c.name)
            compared += got.count
        }
        XCTAssertEqual(compared, 2261)
    }
}
