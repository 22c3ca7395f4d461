import Foundation
import XCTest

@testable import QualityGateCore

/// `threshold: auto`: PSI must exceed the effect size and Pearson's χ² test of
/// homogeneity on the bins must reject (`SampleSizePSI`); numbers from scipy
/// (chi2_contingency, chi2.ppf).
final class DriftAutoThresholdTests: XCTestCase {
    static let simulation = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/drift-stats/auto-simulation.json").path

    /// One numeric column with ten bins, the reference flat.
    func compare(reference: [Int], current: [Int], config: DriftConfig) -> ColumnDrift {
        func histogram(_ counts: [Int]) -> ColumnHistogram {
            var h = ColumnHistogram(name: "x", kind: .numeric)
            h.edges = (1..<counts.count).map(Double.init)
            h.counts = counts
            h.rows = counts.reduce(0, +)
            return h
        }
        return DriftResult.compare(
            reference: [histogram(reference)], current: [histogram(current)], extraCurrent: [],
            referenceRows: reference.reduce(0, +), currentRows: current.reduce(0, +), config: config,
            referenceSource: "r", currentSource: "c"
        ).columns[0]
    }

    /// The same shift (PSI 0.258) is noise on 50 rows and drift on 5,000.
    func testTheSameShiftIsNoiseOnFiftyRowsAndDriftOnFiveThousand() throws {
        var config = DriftConfig()
        config.automatic = true
        let shifted = [1, 9, 2, 8, 5, 5, 5, 5, 5, 5]
        let small = compare(reference: [Int](repeating: 5, count: 10), current: shifted, config: config)
        XCTAssertEqual(try XCTUnwrap(small.psi), 0.25823050160914995, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(small.criticalPSI), 0.966700012400828, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(small.pValue), 0.7609789231297448, accuracy: 1e-12)
        XCTAssertFalse(small.drifted, "PSI 0.258 > 0.2 but below the critical 0.967 of n = m = 50")

        let large = compare(reference: [Int](repeating: 500, count: 10), current: shifted.map { $0 * 100 }, config: config)
        XCTAssertEqual(try XCTUnwrap(large.criticalPSI), 0.009667000124008281, accuracy: 1e-14)
        XCTAssertEqual(try XCTUnwrap(large.pValue), 7.582067696111198e-119, accuracy: 1e-126)
        XCTAssertTrue(large.drifted)

        // A fixed threshold flags both, and carries no critical value.
        let fixed = compare(reference: [Int](repeating: 5, count: 10), current: shifted, config: DriftConfig())
        XCTAssertTrue(fixed.drifted)
        XCTAssertNil(fixed.criticalPSI)
        XCTAssertNil(fixed.pValue)

        // The effect size still decides on large samples: 0.3 > PSI 0.258.
        config.threshold = 0.3
        XCTAssertFalse(compare(reference: [Int](repeating: 500, count: 10), current: shifted.map { $0 * 100 }, config: config).drifted)
        // Confidence 0.95: χ²_0.95(9) · PSI / X² = 0.755.
        config.threshold = nil
        config.confidence = 0.95
        let at95 = compare(reference: [Int](repeating: 5, count: 10), current: shifted, config: config)
        XCTAssertEqual(try XCTUnwrap(at95.criticalPSI), 0.7548961570130036, accuracy: 1e-12)
    }

    /// An empty current bin on 50 rows: ε-smoothing makes PSI 1.15, above the
    /// χ²(9)·(1/n + 1/m) = 0.867 the rule before compared it with (a false alarm),
    /// but the bins are not significantly different (X² 15.6, p 0.076).
    func testAnEmptyBinOnFiftyRowsIsNotDrift() throws {
        var config = DriftConfig()
        config.automatic = true
        let column = compare(
            reference: [Int](repeating: 5, count: 10), current: [0, 3, 6, 5, 10, 3, 7, 1, 2, 13], config: config)
        XCTAssertEqual(try XCTUnwrap(column.psi), 1.152997623555745, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(column.criticalPSI), 1.601454403799122, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(column.pValue), 0.07574621484303054, accuracy: 1e-12)
        XCTAssertFalse(column.drifted)
    }

    /// B counts only bins with a value on either side: an empty bin adds nothing to PSI.
    func testBinsEmptyOnBothSidesAreNotCounted() {
        let test = SampleSizePSI(reference: [10, 0, 10, 10], current: [10, 0, 5, 15], psi: 0.1829622232105172, confidence: 0.99)
        XCTAssertEqual(test.degreesOfFreedom, 2)
        XCTAssertEqual(test.scale, 1.0 / 30 + 1.0 / 30, accuracy: 1e-15)
        XCTAssertEqual(test.chiSquared, 2.666666666666667, accuracy: 1e-12)
        XCTAssertEqual(test.critical, 0.6319291316183788, accuracy: 1e-12)
        XCTAssertEqual(test.pValue, 0.2635971381157267, accuracy: 1e-12)
        XCTAssertEqual(SampleSizePSI(reference: [10], current: [3], psi: 0, confidence: 0.99).critical, 0)
        XCTAssertEqual(SampleSizePSI(reference: [10], current: [3], psi: 0, confidence: 0.99).pValue, 1)
        // Identical shares: X² = PSI = 0, and the critical PSI is χ²(B − 1)·(1/n + 1/m).
        let same = SampleSizePSI(reference: [10, 20], current: [5, 10], psi: 0, confidence: 0.99)
        XCTAssertEqual(same.critical, ChiSquared.quantile(0.99, degreesOfFreedom: 1) * (1.0 / 30 + 1.0 / 15), accuracy: 1e-12)
        XCTAssertFalse(same.rejects)
    }

    /// dev/drift_auto_simulation.py: 1,000 no-drift repetitions per n (300 at 1,000).
    /// Swift recomputes every repetition's PSI, X², critical PSI, p-value and both flags
    /// from its counts and must agree with numpy/scipy; the rates asserted are the
    /// committed simulation's, not re-run here.
    func testFalseAlarmsUnderNoDriftAgreeWithTheSimulation() throws {
        let body = try XCTUnwrap(
            DriftOracleTests.plain(try JSON.parse(try FileSystem.readBytes(Self.simulation), file: "auto-simulation.json"))
                as? [String: Any])
        let sizes = try XCTUnwrap(body["sizes"] as? [[String: Any]])
        XCTAssertEqual(sizes.count, 4)
        var config = DriftConfig()
        config.automatic = true
        var rates: [Int: (fixed: Double, auto: Double)] = [:]
        for size in sizes {
            let n = Int(try XCTUnwrap(size["n"] as? Double))
            let runs = try XCTUnwrap(size["runs"] as? [[String: Any]])
            XCTAssertGreaterThanOrEqual(runs.count, n == 1000 ? 300 : 1000)
            var fixed = 0
            var auto = 0
            for (i, run) in runs.enumerated() {
                let r = try XCTUnwrap(run["reference"] as? [Double]).map { Int($0) }
                let c = try XCTUnwrap(run["current"] as? [Double]).map { Int($0) }
                let column = compare(reference: r, current: c, config: config)
                let psi = try XCTUnwrap(column.psi)
                XCTAssertEqual(psi, try XCTUnwrap(run["psi"] as? Double), accuracy: 1e-9, "n \(n) run \(i)")
                let test = SampleSizePSI(reference: r, current: c, psi: psi, confidence: 0.99)
                let x2 = try XCTUnwrap(run["chi2"] as? Double)
                XCTAssertEqual(test.chiSquared, x2, accuracy: 1e-9 * max(1, x2), "n \(n) run \(i)")
                let critical = try XCTUnwrap(run["critical"] as? Double)
                XCTAssertEqual(try XCTUnwrap(column.criticalPSI), critical, accuracy: 1e-9 * critical, "n \(n) run \(i)")
                let p = try XCTUnwrap(run["p_value"] as? Double)
                XCTAssertEqual(try XCTUnwrap(column.pValue), p, accuracy: 1e-9 * max(p, 1e-300), "n \(n) run \(i)")
                XCTAssertEqual(column.drifted, run["auto"] as? Bool, "n \(n) run \(i)")
                XCTAssertEqual(psi > 0.2, run["fixed"] as? Bool, "n \(n) run \(i)")
                if psi > 0.2 { fixed += 1 }
                if column.drifted { auto += 1 }
            }
            rates[n] = (Double(fixed) / Double(runs.count), Double(auto) / Double(runs.count))
            XCTAssertEqual(rates[n]?.fixed, size["fixed_false_alarm_rate"] as? Double)
            XCTAssertEqual(rates[n]?.auto, size["auto_false_alarm_rate"] as? Double)
        }
        // What the simulation shows (1,000 repetitions; binomial sd about 0.3 % at 1 %):
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(rates[50]).fixed, 0.8)  // 84.7 %
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(rates[100]).fixed, 0.3)  // 38.5 %
        // 0.7, 0.5, 0.9, 0 % (the rule before: 17.7, 1.9, 1.5, 0 %).
        for n in [50, 100, 200, 1000] { XCTAssertLessThanOrEqual(try XCTUnwrap(rates[n]).auto, 0.015, "n = \(n)") }
    }

    /// The simulation's power rows (numpy only, 1,000 repetitions each): from 100 rows on,
    /// the χ² test finds a real shift about as often as the rule before, which also
    /// flagged 17.7 % of no-drift columns at 50 rows.
    func testPowerOnARealShiftIsKeptFromAHundredRows() throws {
        let body = try XCTUnwrap(
            DriftOracleTests.plain(try JSON.parse(try FileSystem.readBytes(Self.simulation), file: "auto-simulation.json"))
                as? [String: Any])
        let power = try XCTUnwrap(body["power"] as? [[String: Any]])
        XCTAssertEqual(power.count, 9)
        for row in power {
            let n = try XCTUnwrap(row["n"] as? Double)
            let now = try XCTUnwrap(row["auto"] as? Double)
            let before = try XCTUnwrap(row["previous_auto"] as? Double)
            let shift = try XCTUnwrap(row["shift"] as? String)
            if n >= 100 && shift != "location +0.5 sd" { XCTAssertGreaterThanOrEqual(now, 0.95 * before, "\(shift) n \(n)") }
            if n >= 200 { XCTAssertGreaterThanOrEqual(now, 0.8, "\(shift) n \(n)") }
        }
    }

    func testPolicyKeys() throws {
        func parse(_ drift: String) throws -> Policy {
            try PolicyLoader.parse(
                Array("version: 1\ngates:\n  - metric: a\n    min: 0\ndrift:\n\(drift)".utf8), file: "p.yaml", today: 20_000)
        }
        func error(_ drift: String) -> String {
            do {
                _ = try parse(drift)
                return ""
            } catch { return "\(error)" }
        }
        let auto = try XCTUnwrap(try parse("  threshold: auto\n  effect_size: 0.1\n  confidence: 0.95\n").drift)
        XCTAssertTrue(auto.automatic)
        XCTAssertEqual(auto.effectiveThreshold, 0.1)
        XCTAssertEqual(auto.confidence, 0.95)
        XCTAssertFalse(try XCTUnwrap(try parse("  threshold: 0.3\n").drift).automatic)
        XCTAssertTrue(
            error("  threshold: 0.3\n  effect_size: 0.1\n").contains("p.yaml:7:3: error: `effect_size` applies only with `threshold: auto`")
        )
        XCTAssertTrue(error("  confidence: 0.95\n").contains("p.yaml:6:3: error: `confidence` applies only with `threshold: auto`"))
        XCTAssertTrue(
            error("  threshold: auto\n  confidence: 1\n").contains(
                "p.yaml:7:15: error: `confidence` must be a number strictly between 0 and 1, found an integer"))
        XCTAssertTrue(
            error("  threshold: Auto\n").contains(
                "p.yaml:6:14: error: `threshold` must be a number > 0 or `auto`, found a string `Auto` — did you mean `auto`?"))
    }
}
