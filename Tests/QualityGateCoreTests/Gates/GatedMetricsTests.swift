import XCTest

@testable import QualityGateCore

/// Which metrics a gate reads: a metric in two `--metrics` files is an error
/// only for these.
final class GatedMetricsTests: XCTestCase {
    func testAGatesMetricItsSlicesAndTheirCountsAreGated() throws {
        let yaml = """
            version: 1
            gates:
              - metric: accuracy
                min: 0.9
              - metric: "groups.region.*.recall"
                min: 0.5
                min_count: 30
            """
        let gated = GatedMetrics(try PolicyLoader.parse(Array(yaml.utf8), file: "p.yaml", today: 20_000))
        XCTAssertTrue(gated.isGated("accuracy"))
        XCTAssertTrue(gated.isGated("groups.region.eu.recall"))
        XCTAssertTrue(gated.isGated("groups.region.eu.n"))
        XCTAssertFalse(gated.isGated("n"))
        XCTAssertFalse(gated.isGated("groups.region.eu.precision"))
        XCTAssertFalse(gated.isGated("version"))
    }

    /// Only the gates' metrics are loaded when nothing needs every name:
    /// pattern gates, new-failures-only (the self-baseline check) and
    /// `--aggregate` take the whole files.
    func testASelectionIsUsedOnlyWhenNothingNeedsEveryName() throws {
        func request(_ gates: String, newFailuresOnly: Bool = false, aggregate: AggregateMethod? = nil) throws -> MetricSelection? {
            let policy = try PolicyLoader.parse(Array("version: 1\ngates:\n\(gates)".utf8), file: "p.yaml", today: 20_000)
            var r = EvaluationRequest(configPath: "p.yaml", metricsPaths: ["m.json"], baselinePath: nil)
            r.options.newFailuresOnly = newFailuresOnly
            r.aggregate = aggregate
            return r.selection(policy)
        }
        let plain = "  - {metric: acc, min: 0.9}\n  - {metric: lat.p95, max: 100, direction: lower}\n"
        XCTAssertEqual(try request(plain)?.required, ["acc", "lat.p95"])
        XCTAssertNil(try request(plain + "  - {metric: \"groups.*.recall\", min: 0.5}\n"))
        XCTAssertNil(try request(plain, newFailuresOnly: true))
        XCTAssertNil(try request(plain + "  - {metric: f1, min: 0.5, new_failures_only: true}\n"))
        XCTAssertNil(try request(plain, aggregate: .mean))
    }

    func testMergingKeepsTheFirstValueOfAnUngatedMetricAndRefusesAGatedOne() throws {
        let gated = { (name: String) in name == "acc" }
        var m = try MetricsLoader.parse(Array(#"{"acc": 0.9, "n": 10}"#.utf8), file: "a.json")
        try m.merge(try MetricsLoader.parse(Array(#"{"f1": 0.8, "n": 20}"#.utf8), file: "b.json"), isGated: gated)
        XCTAssertEqual(m["n"]?.value, .number(10))
        XCTAssertEqual(m.names, ["acc", "n", "f1"])
        XCTAssertThrowsError(try m.merge(try MetricsLoader.parse(Array(#"{"acc": 0.7}"#.utf8), file: "c.json"), isGated: gated)) {
            XCTAssertEqual(($0 as? MetricsError)?.kind, "metricInTwoFiles")
        }
    }
}
