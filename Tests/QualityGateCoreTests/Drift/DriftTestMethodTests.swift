import Foundation
import XCTest

@testable import QualityGateCore

/// `method: ks|chi2` end to end: qgate's CSV path against scipy on small windows
/// (dev/ks_chi2_fixture.py → Tests/Fixtures/drift-stats/ks-chi2-e2e), the
/// refusal of histograms under ks, and fail-closed reading.
final class DriftTestMethodTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/drift-stats/ks-chi2-e2e").path
    static let names = ["shifted", "stable", "gappy", "texty", "plan", "city"]

    func request(_ method: DriftConfig.Method, _ correction: MultipleTesting.Correction, reference: String? = nil) -> DriftRequest {
        var config = DriftConfig()
        config.method = method
        config.correction = correction
        config.features = Self.names  // judged as features whatever their values look like
        return DriftRequest(
            referencePath: reference ?? Self.directory + "/reference.csv", currentPath: Self.directory + "/current.csv", config: config,
            emitHistogramsPath: nil)
    }

    func run(_ method: DriftConfig.Method, _ correction: MultipleTesting.Correction, reference: String? = nil) throws -> DriftResult {
        let result = try request(method, correction, reference: reference).run()
        return try XCTUnwrap(result)
    }

    func testEveryColumnMatchesScipy() throws {
        let body = DriftOracleTests.plain(
            try JSON.parse(try FileSystem.readBytes(Self.directory + "/expected.json"), file: "expected.json"))
        let results = try XCTUnwrap((body as? [String: Any])?["results"] as? [String: [String: [String: Any]]])
        XCTAssertEqual(results.count, 4)
        for (key, expected) in results {
            let parts = key.split(separator: "/").map(String.init)
            let result = try run(
                try XCTUnwrap(DriftConfig.Method(rawValue: parts[0])), try XCTUnwrap(MultipleTesting.Correction(rawValue: parts[1])))
            XCTAssertEqual(Set(result.columns.map(\.name)), Set(Self.names))
            for column in result.columns {
                let want = try XCTUnwrap(expected[column.name], column.name)
                let what = "\(key) \(column.name)"
                XCTAssertEqual(column.test?.rawValue, want["test"] as? String, what)
                for (got, field) in [(column.statistic, "statistic"), (column.pValue, "p_value"), (column.adjustedPValue, "p_adjusted")] {
                    let value = try XCTUnwrap(got, "\(what) \(field)")
                    let scipy = try XCTUnwrap(want[field] as? Double, "\(what) \(field)")
                    XCTAssertLessThanOrEqual(abs(value - scipy), 1e-9 * abs(scipy), "\(what) \(field): \(value) vs scipy \(scipy)")
                }
                XCTAssertEqual(column.drifted, want["drifted"] as? Bool, what)
            }
        }
    }

    /// The fixture's verdicts, spelled out: the shifted column and the moved
    /// categorical share drift; the column with a text cell is judged by χ² under ks.
    func testTheVerdictsAndWhichTestJudgedEachColumn() throws {
        let ks = try run(.ks, .bh)
        XCTAssertEqual(ks.columns.map { $0.test?.rawValue ?? "" }, ["ks", "ks", "ks", "chi2", "chi2", "chi2"])
        XCTAssertEqual(ks.driftedColumns.map(\.name), ["shifted", "plan"])
        XCTAssertEqual(try run(.chi2, .bonferroni).columns.map { $0.test?.rawValue ?? "" }, [String](repeating: "chi2", count: 6))
        XCTAssertTrue(ks.reason.hasPrefix("RETRAIN: 2 of 6 columns drifted (33.3% ≥ 30%): shifted (ks 0.4"), ks.reason)
    }

    /// ks cannot be computed from bins: a histogram input is an error, never a silent χ² on bins.
    func testKSRefusesHistogramsAndChiSquaredTakesThem() throws {
        let tmp = NSTemporaryDirectory() + "qgate-ks-hist-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var config = DriftConfig()
        config.features = Self.names
        _ = try DriftRequest(referencePath: Self.directory + "/reference.csv", currentPath: nil, config: config, emitHistogramsPath: tmp)
            .run()
        XCTAssertThrowsError(try request(.ks, .bh, reference: tmp).run()) {
            let e = $0 as? DriftError
            XCTAssertEqual(e?.kind.rawValue, "ksNeedsValues")
            XCTAssertEqual(
                e?.message, "method ks compares the values of numeric columns, and `\(tmp)` holds only histograms")
        }
        // χ² works on the bins alone: the same answers from the histogram as from the CSV.
        let fromHistogram = try run(.chi2, .bh, reference: tmp)
        let fromCSV = try run(.chi2, .bh)
        XCTAssertEqual(fromHistogram.columns.map(\.pValue), fromCSV.columns.map(\.pValue))
        XCTAssertEqual(fromHistogram.columns.map(\.drifted), fromCSV.columns.map(\.drifted))
    }

    /// A p-value that is not a number counts as drifted, never as a pass.
    func testANaNPValueCountsAsDrifted() {
        var columns = [ColumnDrift(name: "a", kind: .numeric, status: .ok, drifted: false)]
        columns[0].test = .ks
        columns[0].pValue = .nan
        DriftResult.correct(&columns, DriftConfig())
        XCTAssertTrue(columns[0].drifted)
        for correction in MultipleTesting.Correction.allCases {
            let adjusted = MultipleTesting.adjusted([.nan, 0.2], correction)
            XCTAssertTrue(adjusted[0].isNaN, "\(correction)")
            XCTAssertEqual(adjusted[1], correction == .bh ? 0.2 : 0.4, "\(correction)")
        }
    }

    func testThePolicyKeys() throws {
        func parse(_ drift: String) throws -> DriftConfig {
            let policy = try PolicyLoader.parse(
                Array("version: 1\ngates:\n  - metric: a\n    min: 0\ndrift:\n\(drift)".utf8), file: "p.yaml", today: 20_000)
            return try XCTUnwrap(policy.drift)
        }
        let config = try parse("  method: chi2\n  alpha: 0.01\n  correction: bonferroni\n")
        XCTAssertEqual(config.method, .chi2)
        XCTAssertEqual(config.alpha, 0.01)
        XCTAssertEqual(config.correction, .bonferroni)
        XCTAssertEqual(config.methodAt, SourceLocation(file: "p.yaml", line: 6, column: 11))
        XCTAssertEqual(config.effectiveThreshold, 0.01)
        // The defaults: Benjamini–Hochberg at 0.05.
        let ks = try parse("  method: ks\n")
        XCTAssertEqual(ks.correction, .bh)
        XCTAssertEqual(ks.alpha, 0.05)
        XCTAssertThrowsError(try parse("  method: ks\n  effect_size: 0.1\n")) {
            XCTAssertTrue("\($0)".contains("p.yaml:7:3: error: `effect_size` does not apply with `method: ks`"), "\($0)")
        }
        XCTAssertThrowsError(try parse("  correction: bh\n")) {
            XCTAssertTrue("\($0)".contains("p.yaml:6:3: error: `correction` applies only with `method: ks` or `method: chi2`"), "\($0)")
        }
    }

    /// Every report names the test and carries its p-values; a test has alpha, not a threshold.
    func testReportsCarryTheTestAndItsPValues() throws {
        let d = try run(.ks, .bh)
        let shifted = try XCTUnwrap(d.columns.first { $0.name == "shifted" })
        let json = try XCTUnwrap(DriftOracleTests.plain(try JSON.parse(Array(DriftReport.json(d).utf8), file: "r.json")) as? [String: Any])
        XCTAssertEqual(json["alpha"] as? Double, 0.05)
        XCTAssertEqual(json["correction"] as? String, "bh")
        XCTAssertNil(json["threshold"])
        let first = try XCTUnwrap((json["columns"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["test"] as? String, "ks")
        XCTAssertEqual(first["p_value"] as? Double, shifted.pValue)
        XCTAssertEqual(first["p_adjusted"] as? Double, shifted.adjustedPValue)

        let text = DriftReport.text(d)
        XCTAssertTrue(text.contains("threshold adjusted p ≤ 0.05 (Benjamini–Hochberg across 6 columns)"), text)
        let header = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("COLUMN") })
        XCTAssertEqual(
            header.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "),
            "COLUMN TYPE STATUS TEST STATISTIC P-VALUE ADJUSTED P PSI BAND KL JS MISSING ref → cur")
        XCTAssertTrue(
            DriftReport.markdown(d).contains("| Column | Type | Status | Test | Statistic | p-value | adjusted p | PSI band | Drifted |"))

        let prometheus = DriftReport.prometheus(d, model: "m", timestamp: 0)
        XCTAssertTrue(prometheus.contains("qgate_drift_alpha{model=\"m\",method=\"ks\",correction=\"bh\"} 0.05"), prometheus)
        XCTAssertTrue(prometheus.contains("qgate_drift_p_value_adjusted{model=\"m\",column=\"plan\",test=\"chi2\"}"), prometheus)
        XCTAssertFalse(prometheus.contains("qgate_drift_threshold"))

        let metrics = try d.metrics().json().rendered()
        XCTAssertTrue(metrics.contains("\"p_adjusted\""), metrics)
        XCTAssertTrue(HTMLDriftReport.render(d).contains("<th>Test: p-value, adjusted</th>"))
    }

    /// ks reads the current data a second time: from a pipe that is an error, not a test on nothing.
    func testKSRefusesACurrentFileItCannotReadAgain() throws {
        let fifo = NSTemporaryDirectory() + "qgate-ks-fifo-\(getpid())"
        unlink(fifo)
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let data = try String(contentsOfFile: Self.directory + "/current.csv", encoding: .utf8)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(data.utf8))
                handle.closeFile()
            }
        }
        writer.start()
        var config = DriftConfig()
        config.method = .ks
        config.features = Self.names
        XCTAssertThrowsError(
            try DriftRequest(referencePath: Self.directory + "/reference.csv", currentPath: fifo, config: config, emitHistogramsPath: nil)
                .run()
        ) {
            let e = $0 as? DriftError
            XCTAssertEqual(e?.kind.rawValue, "notRereadable")
            XCTAssertEqual(e?.message, "method ks reads `\(fifo)` a second time for its values, but it is not a regular file")
        }
    }
}
