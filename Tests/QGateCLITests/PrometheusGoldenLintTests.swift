import Foundation
import QGateTestSupport
import XCTest

/// Every Prometheus golden (evaluate, drift, baseline history --stats, the
/// hostile names among them) passes `promtool check metrics` (issue 21: the
/// `_days` history gauge did not).
final class PrometheusGoldenLintTests: XCTestCase {
    func testEveryPrometheusGoldenPassesPromtool() throws {
        let root = TestSupport.packageRoot + "/Tests/Fixtures/golden"
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: root)).filter { $0.hasSuffix(".prometheus") }.sorted()
        XCTAssertEqual(files.count, 8, "\(files)")
        for file in files {
            // Goldens mask the run's time; any number stands in for it.
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8).replacingOccurrences(of: "<TIME>", with: "1795509000")
            try PromtoolCheck.metrics(text)
        }
    }
}
