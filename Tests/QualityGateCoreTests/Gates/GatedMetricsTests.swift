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
