import XCTest

@testable import QualityGateCore

/// A selection holds each gate's metric and its two interval siblings, built
/// by continuing the metric's bytes and hash: it must hold exactly the names
/// `metric`, `metric + "_ci.low"` and `metric + "_ci.high"` spelled as Strings.
final class MetricSelectionTests: XCTestCase {
    func testHoldsEachMetricAndItsSiblingsAsStringsSpellThem() {
        let metrics = [
            "acc", "", "lat.p95_ms", "récall", "漢🙂", "acc_ci.low", "x_ci", "acc", "a.b.c_ci.high", String(repeating: "m", count: 300)
        ]
        let selection = MetricSelection(metrics: metrics)
        var expected = Set<String>()
        for m in metrics { expected.formUnion([m, m + "_ci.low", m + "_ci.high"]) }
        XCTAssertEqual(selection.table.count, expected.count)
        for name in expected {
            let bytes = Array(name.utf8)
            XCTAssertTrue(selection.contains(bytes, length: bytes.count, hash: MetricNameTable.hash(bytes)), name)
        }
        for name in ["ac", "acc_ci", "acc_ci.lo", "acc_ci.low.", "récall_ci.mid", "lat.p95_ms_ci.low_ci.high"] {
            let bytes = Array(name.utf8)
            XCTAssertFalse(selection.contains(bytes, length: bytes.count, hash: MetricNameTable.hash(bytes)), name)
        }
        XCTAssertEqual(selection.required, metrics)
    }
}
