import XCTest

@testable import QualityGateCore

/// Drift's words from its decision alone: the PSI band names and the one-line
/// retraining verdict.
final class DriftVerdictTextTests: XCTestCase {
    func testPSIBands() {
        let bands: [(Double, PSIBand, String)] = [
            (0, .negligible, "none"), (0.0999, .negligible, "none"), (0.1, .moderate, "moderate"),
            (0.2499, .moderate, "moderate"), (0.25, .significant, "significant"), (3, .significant, "significant")
        ]
        for (psi, band, text) in bands {
            XCTAssertEqual(PSIBand(psi: psi), band, "\(psi)")
            XCTAssertEqual(PSIBand(psi: psi).text, text, "\(psi)")
        }
    }

    func column(_ name: String, psi: Double, drifted: Bool) -> ColumnDrift {
        var c = ColumnDrift(name: name, kind: .numeric, status: .ok, drifted: drifted)
        c.psi = psi
        c.statistic = psi
        return c
    }

    func result(
        _ columns: [ColumnDrift], referenceRows: Int = 100, currentRows: Int = 100, newRows: Int? = nil,
        minNewRowsFraction: Double? = nil
    ) -> DriftResult {
        var config = DriftConfig()
        config.minNewRowsFraction = minNewRowsFraction
        return DriftResult(
            config: config, columns: columns, referenceRows: referenceRows, currentRows: currentRows, newRows: newRows,
            referenceSource: "ref.csv", currentSource: "cur.csv")
    }

    func testVerdictSentence() {
        let calm = result([column("age", psi: 0.05, drifted: false), column("income", psi: 0.01, drifted: false)])
        XCTAssertEqual(calm.reason, "no retraining needed: 0 of 2 columns drifted (0% < 30%); largest psi 0.05 (age)")
        let drifted = result([column("age", psi: 0.31, drifted: true), column("income", psi: 0.01, drifted: false)])
        XCTAssertEqual(drifted.reason, "RETRAIN: 1 of 2 columns drifted (50% ≥ 30%): age (psi 0.31)")
        let volume = result([column("age", psi: 0.05, drifted: false)], newRows: 60, minNewRowsFraction: 0.5)
        XCTAssertEqual(volume.reason, "RETRAIN: volume: 60 new rows ≥ 50% of 100 reference rows")
        let quiet = result([column("age", psi: 0.05, drifted: false)], newRows: 10, minNewRowsFraction: 0.5)
        XCTAssertEqual(
            quiet.reason, "no retraining needed: 0 of 1 columns drifted (0% < 30%); largest psi 0.05 (age); volume 10 of 50 rows")
    }
}
