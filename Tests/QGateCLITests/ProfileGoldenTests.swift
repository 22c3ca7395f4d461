import Foundation
import XCTest

@testable import QGateCLI

/// Goldens of the metrics documents `qgate profile` writes (today pinned by
/// QGATE_TODAY, as in each fixture's options.json).
final class ProfileGoldenTests: XCTestCase {
    func testMixedColumnsWithLabelAndTimestamp() throws {
        let r = try TestSupport.runBinary(
            ["profile", "--data", "Tests/Fixtures/profile/profile_mixed/data.csv", "--label", "y", "--timestamp", "ts"],
            environment: ["QGATE_TODAY": "2026-11-24"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        try TestSupport.assertGolden(r.stdout, "profile/mixed.json")
    }

    func testPlainDataWithoutLabelOrTimestamp() throws {
        let r = try TestSupport.runBinary(["profile", "--data", "Tests/Fixtures/profile/profile_plain/data.csv"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        try TestSupport.assertGolden(r.stdout, "profile/plain.json")
    }
}
