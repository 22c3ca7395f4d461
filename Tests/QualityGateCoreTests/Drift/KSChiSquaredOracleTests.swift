import Foundation
import XCTest

@testable import QualityGateCore

/// `method: ks|chi2` against scipy (dev/ks_chi2_fixture.py →
/// Tests/Fixtures/drift-stats/ks-chi2.json), every number to the fixture's
/// relative tolerance (1e-9): ks_2samp's statistic and p-value on small samples
/// with ties, its exact p-value up to 50,000 values a side, the asymptotic
/// Kolmogorov p-value beyond, chi2_contingency(correction=False), and
/// Bonferroni / false_discovery_control(method='bh').
final class KSChiSquaredOracleTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/drift-stats/ks-chi2.json").path

    var body: [String: Any] = [:]
    var tolerance = 0.0

    override func setUpWithError() throws {
        body = try XCTUnwrap(
            DriftOracleTests.plain(try JSON.parse(try FileSystem.readBytes(Self.fixture), file: "ks-chi2.json")) as? [String: Any])
        tolerance = try XCTUnwrap(body["tolerance"] as? Double)
    }

    func close(_ a: Double, _ b: Double, _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(a - b), tolerance * abs(b), "\(what()): \(a) vs scipy \(b)", file: file, line: line)
    }

    func testKSStatisticAndPValueOnSamples() throws {
        let rows = try XCTUnwrap(body["ks_samples"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(rows.count, 40)
        for (i, row) in rows.enumerated() {
            let a = try XCTUnwrap(row["a"] as? [Double]).sorted()
            let b = try XCTUnwrap(row["b"] as? [Double]).sorted()
            let r = KolmogorovSmirnov.test(sorted: a, b)
            close(r.statistic, try XCTUnwrap(row["statistic"] as? Double), "D of case \(i) (\(a.count) vs \(b.count))")
            close(r.pValue, try XCTUnwrap(row["p"] as? Double), "p of case \(i) (\(a.count) vs \(b.count))")
            XCTAssertTrue(r.exact)
        }
    }

    func testKSExactPValues() throws {
        let rows = try XCTUnwrap(body["ks_exact"] as? [[Double]])
        XCTAssertGreaterThanOrEqual(rows.count, 40)
        for row in rows {
            let r = KolmogorovSmirnov.result(Int(row[0]), Int(row[1]), lcmGap: Int(row[2]))
            XCTAssertTrue(r.exact, "n \(row[0]), m \(row[1])")
            close(r.pValue, row[3], "exact p, n \(row[0]), m \(row[1]), h \(row[2])")
        }
    }

    func testKSAsymptoticPValuesBeyondTheExactCount() throws {
        let rows = try XCTUnwrap(body["ks_asymptotic"] as? [[Double]])
        for row in rows {
            let r = KolmogorovSmirnov.result(Int(row[0]), Int(row[1]), lcmGap: Int(row[2]))
            XCTAssertFalse(r.exact, "n \(row[0]), m \(row[1])")
            close(r.pValue, row[3], "asymptotic p, n \(row[0]), m \(row[1]), h \(row[2])")
        }
        for row in try XCTUnwrap(body["kolmogorov"] as? [[Double]]) {
            close(KolmogorovSmirnov.kolmogorovSurvival(row[0]), row[1], "kolmogorov(\(row[0]))")
        }
    }

    func testChiSquaredOfHomogeneity() throws {
        let rows = try XCTUnwrap(body["chi2"] as? [[Any]])
        XCTAssertGreaterThanOrEqual(rows.count, 48)
        for row in rows {
            let r = try XCTUnwrap(row[0] as? [Double]).map { Int($0) }
            let c = try XCTUnwrap(row[1] as? [Double]).map { Int($0) }
            let test = HomogeneityChiSquared.test(reference: r, current: c)
            close(test.statistic, try XCTUnwrap(row[2] as? Double), "χ² of \(r) vs \(c)")
            XCTAssertEqual(Double(test.degreesOfFreedom), try XCTUnwrap(row[3] as? Double), "df of \(r) vs \(c)")
            close(test.pValue, try XCTUnwrap(row[4] as? Double), "p of \(r) vs \(c)")
        }
    }

    func testBonferroniAndBenjaminiHochberg() throws {
        let rows = try XCTUnwrap(body["corrections"] as? [[String: Any]])
        for row in rows {
            let p = try XCTUnwrap(row["p"] as? [Double])
            for correction in MultipleTesting.Correction.allCases {
                let want = try XCTUnwrap(row[correction.rawValue] as? [Double])
                for (got, expected) in zip(MultipleTesting.adjusted(p, correction), want) {
                    close(got, expected, "\(correction) of \(p)")
                }
            }
        }
    }
}
