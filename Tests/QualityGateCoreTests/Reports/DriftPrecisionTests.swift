import XCTest

@testable import QualityGateCore

/// Drift's human reports follow `--precision` and never print a statistic just
/// above its threshold as equal to it ("psi 0.2 > 0.2").
final class DriftPrecisionTests: XCTestCase {
    func result(_ statistics: [(String, Double)]) -> DriftResult {
        let columns = statistics.map { name, psi in
            var c = ColumnDrift(name: name, kind: .numeric, status: .ok, drifted: psi > 0.2)
            c.psi = psi
            c.statistic = psi
            return c
        }
        return DriftResult(
            config: DriftConfig(), columns: columns, referenceRows: 100, currentRows: 100, newRows: nil,
            referenceSource: "ref.csv", currentSource: "cur.csv")
    }

    func testAStatisticJustAboveTheThresholdShowsTheDifference() {
        let d = result([("age", 0.2000004), ("income", 0.123456789)])
        XCTAssertEqual(d.reason, "RETRAIN: 1 of 2 columns drifted (50% ≥ 30%): age (psi 0.2000004)")
        let text = DriftReport.text(d)
        XCTAssertTrue(text.contains("age     numeric  ok      0.2000004"), text)
        XCTAssertTrue(text.contains("0.123457"), text)
        XCTAssertTrue(DriftReport.markdown(d).contains("| age | numeric | ok | 0.2000004 |"), DriftReport.markdown(d))
        let calm = result([("age", 0.1999996)])
        XCTAssertEqual(calm.reason, "no retraining needed: 0 of 1 columns drifted (0% < 30%); largest psi 0.1999996 (age)")
    }

    func testPrecisionSetsTheDigits() {
        let d = result([("age", 0.31234567), ("income", 0.123456789)])
        let two = ReportPrecision(significantDigits: 2)
        XCTAssertEqual(d.reason(two), "RETRAIN: 1 of 2 columns drifted (50% ≥ 30%): age (psi 0.31)")
        let text = DriftReport.text(d, precision: two)
        XCTAssertTrue(text.contains(" 0.31 ") && text.contains(" 0.12 "), text)
        XCTAssertTrue(DriftReport.text(d).contains(" 0.312346 "), DriftReport.text(d))
    }
}
