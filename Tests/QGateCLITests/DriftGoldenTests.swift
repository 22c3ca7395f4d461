import Foundation
import XCTest

@testable import QGateCLI

/// Goldens of `qgate drift`'s machine forms (the text report is
/// drift-example.txt, in DriftCommandTests): the README's example, which
/// retrains on two drifted columns, and fixtures with every column status.
/// QGATE_NOW pins the Prometheus timestamp.
final class DriftGoldenTests: XCTestCase {
    let ref = "Examples/sentiment/drift/reference.csv"
    let cur = "Examples/sentiment/drift/current.csv"

    func testExampleInEveryMachineFormat() throws {
        for format in ["json", "markdown", "prometheus", "html"] {
            let r = try TestSupport.runBinary(
                ["drift", "--reference", ref, "--current", cur, "--format", format],
                environment: ["QGATE_NOW": "2026-11-24T08:30:00Z"])
            XCTAssertEqual(r.exit, 1, "\(format): \(r.stderr)")
            try TestSupport.assertGolden(r.stdout, "drift/example.\(format)")
        }
    }

    /// Fixtures of Tests/Fixtures/drift under a policy without a `drift:`
    /// section: columns missing from one side are reported with their status,
    /// not dropped, and non-ASCII column and category names pass through.
    func testFixturesInEveryMachineFormat() throws {
        for fixture in ["schema_mismatch", "categorical_unicode"] {
            let d = "Tests/Fixtures/drift/" + fixture
            for format in ["json", "markdown", "prometheus", "html"] {
                let r = try TestSupport.runBinary(
                    [
                        "drift", "--config", "Tests/Fixtures/bad/ok-policy.yaml",
                        "--reference", d + "/reference.csv", "--current", d + "/current.csv", "--format", format
                    ],
                    environment: ["QGATE_NOW": "2026-11-24T08:30:00Z"])
                XCTAssertEqual(r.exit, 1, "\(fixture) \(format): \(r.stderr)")
                try TestSupport.assertGolden(r.stdout, "drift/\(fixture).\(format)")
            }
        }
    }
}
