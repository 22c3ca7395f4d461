import Foundation
import XCTest

@testable import QualityGateCore

/// ChiSquared against scipy.stats.chi2 (dev/chi2_fixture.py →
/// Tests/Fixtures/drift-stats/chi2.json): 288 quantiles and 200 upper tails,
/// df 1…9999, p 1e-6…1 − 1e-6, to the fixture's relative tolerance (1e-9).
final class ChiSquaredTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/drift-stats/chi2.json").path

    func testAgreesWithScipy() throws {
        let body = DriftOracleTests.plain(try JSON.parse(try FileSystem.readBytes(Self.fixture), file: "chi2.json")) as? [String: Any]
        let tolerance = try XCTUnwrap(body?["tolerance"] as? Double)
        let quantiles = try XCTUnwrap(body?["quantiles"] as? [[Double]])
        let tails = try XCTUnwrap(body?["survival"] as? [[Double]])
        XCTAssertGreaterThanOrEqual(quantiles.count, 200)
        for row in quantiles {
            let x = ChiSquared.quantile(row[1], degreesOfFreedom: row[0])
            XCTAssertLessThanOrEqual(abs(x - row[2]), tolerance * row[2], "ppf(\(row[1]), df \(row[0])): \(x) vs scipy \(row[2])")
        }
        for row in tails {
            let p = ChiSquared.survival(row[1], degreesOfFreedom: row[0])
            XCTAssertLessThanOrEqual(abs(p - row[2]), tolerance * row[2], "sf(\(row[1]), df \(row[0])): \(p) vs scipy \(row[2])")
        }
    }

    /// The figure the issue quotes: the 1 % critical value for 10 bins is 21.67 (× (1/n + 1/m)).
    func testTheTenBinCriticalValue() {
        XCTAssertEqual(ChiSquared.quantile(0.99, degreesOfFreedom: 9), 21.665994333461924, accuracy: 1e-9)
        XCTAssertEqual(ChiSquared.survival(21.665994333461924, degreesOfFreedom: 9), 0.01, accuracy: 1e-12)
    }
}
