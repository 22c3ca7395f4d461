import Foundation
import XCTest
@testable import QGateCLI

/// Runs every case of Tests/Fixtures/bad/manifest.json: each must exit with its
/// expected code (2 for every error; never 0) and print its expected fragments.
final class BadInputCatalogueTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var args: [String]
        var exit: Int32
        var stderr: [String]?
        var stdout: [String]?
        var stderr_not: [String]?
    }

    func testEveryBadInputFailsClosedWithItsMessage() throws {
        let path = TestSupport.packageRoot + "/Tests/Fixtures/bad/manifest.json"
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for c in cases {
            // No QGATE_STORE: the default .qgate store does not exist in a clean checkout.
            let r = TestSupport.run(c.args, store: nil)
            XCTAssertNotEqual(r.exit, 0, "\(c.name): a bad input must never pass")
            XCTAssertEqual(r.exit, c.exit, "\(c.name): exit code; stderr:\n\(r.stderr)")
            for fragment in c.stderr ?? [] {
                XCTAssertTrue(r.stderr.contains(fragment), "\(c.name): stderr lacks \(fragment.debugDescription):\n\(r.stderr)")
            }
            for fragment in c.stdout ?? [] {
                XCTAssertTrue(r.stdout.contains(fragment), "\(c.name): stdout lacks \(fragment.debugDescription):\n\(r.stdout)")
            }
            for fragment in c.stderr_not ?? [] {
                XCTAssertFalse(r.stderr.contains(fragment), "\(c.name): stderr must not contain \(fragment.debugDescription)")
            }
        }
    }
}
