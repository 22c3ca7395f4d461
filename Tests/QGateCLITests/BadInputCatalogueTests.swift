import Foundation
import XCTest
@testable import QGateCLI

/// Runs every case of Tests/Fixtures/bad/manifest*.json (one file per area, so
/// that cases can be added side by side): each must exit with its
/// expected code (2 for every error; never 0) and print its expected fragments.
final class BadInputCatalogueTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var args: [String]
        var exit: Int32
        var stderr: [String]?
        var stdout: [String]?
        var stderr_not: [String]?
        /// Args and fragments use `{GEN}`: inputs made at test time (too big to commit, or permissions).
        var generated: Bool?
        /// Permission checks mean nothing to root, who may read and write anything.
        var skip_as_root: Bool?
    }

    /// Writes the generated inputs: a 100 MB metrics file, a policy with a
    /// 1,000,000-character line, a CSV with a 1,000,000-character field, an
    /// unreadable file and a read-only store.
    static func generate(in dir: String) throws {
        let huge = "{\"pad\": \"" + String(repeating: "a", count: 100_000_000) + "\", \"accuracy\": \"high\"}\n"
        try huge.write(toFile: dir + "/huge-metrics.json", atomically: false, encoding: .utf8)
        let policy = "version: 1\nmodel: m\n# " + String(repeating: "x", count: 1_000_000) + "\ngates:\n  - metric: accuracy\n    mni: 0.9\n"
        try policy.write(toFile: dir + "/long-line-policy.yaml", atomically: false, encoding: .utf8)
        let csv = "a,b\n1,x\n2,\"" + String(repeating: "y", count: 1_000_000) + "\n"
        try csv.write(toFile: dir + "/long-field.csv", atomically: false, encoding: .utf8)
        try generateCSVLimits(in: dir)
        try generateMetricsLimits(in: dir)
        try "{\"accuracy\": 0.95}\n".write(toFile: dir + "/unreadable.json", atomically: false, encoding: .utf8)
        chmod(dir + "/unreadable.json", 0)
        try FileManager.default.createDirectory(atPath: dir + "/read-only-store", withIntermediateDirectories: false)
        chmod(dir + "/read-only-store", 0o555)
    }

    /// CSV past the reader's limits (manifest-limits.json): 200,000 distinct
    /// columns `c000000,…` (this once reserved 26 GB and crashed), 100,001 fields
    /// in a data row, and a record one byte over 16 MiB. The limits are CSVReader's.
    static func generateCSVLimits(in dir: String) throws {
        var wide = (0..<200_000).map { "c" + String(repeating: "0", count: 6 - String($0).count) + String($0) }.joined(separator: ",")
        wide += "\n" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "\n"
        try wide.write(toFile: dir + "/wide-header.csv", atomically: false, encoding: .utf8)
        let wideRow = "y,p\n1,0.5\n" + String(repeating: "1,", count: 100_000) + "1\n"
        try wideRow.write(toFile: dir + "/wide-row.csv", atomically: false, encoding: .utf8)
        let longRecord = "y,p\n1,0.5\n1," + String(repeating: "x", count: (16 << 20) - 1) + "\n"
        try longRecord.write(toFile: dir + "/long-record.csv", atomically: false, encoding: .utf8)
    }

    /// Metrics past MetricsLoader's limits (manifest-limits.json): 250,001 keys
    /// (one per line, so key 250,001 is on line 250,002); flattened names over
    /// 16 MiB (a 1,000-byte key holding 4-byte keys: 1,005-byte names, the
    /// 16,693rd overflows on line 16,694); a YAML metrics file over 16 MiB.
    static func generateMetricsLimits(in dir: String) throws {
        let keys = "{\n" + (0...250_000).map { "\"k\($0)\": 0" }.joined(separator: ",\n") + "\n}\n"
        try keys.write(toFile: dir + "/many-keys.json", atomically: false, encoding: .utf8)
        let hex = (0..<20_000).map { i -> String in let h = String(i, radix: 16); return String(repeating: "0", count: 4 - h.count) + h }
        let names = "{\"" + String(repeating: "p", count: 1000) + "\": {\n" + hex.map { "\"\($0)\": 1" }.joined(separator: ",\n") + "\n}}\n"
        try names.write(toFile: dir + "/long-names.json", atomically: false, encoding: .utf8)
        let yaml = "accuracy: 0.9\n" + String(repeating: "#\n", count: 8 << 20)
        try yaml.write(toFile: dir + "/big-metrics.yaml", atomically: false, encoding: .utf8)
    }

    func testEveryBadInputFailsClosedWithItsMessage() throws {
        let dir = TestSupport.packageRoot + "/Tests/Fixtures/bad"
        let manifests = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix("manifest") && $0.hasSuffix(".json") }.sorted()
        XCTAssertTrue(manifests.contains("manifest.json"))
        var cases: [Case] = []
        for file in manifests {
            cases += try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
        }
        XCTAssertEqual(Set(cases.map(\.name)).count, cases.count, "case names must be unique across manifests")
        XCTAssertGreaterThanOrEqual(cases.count, 100)
        let gen = NSTemporaryDirectory() + "qgate-bad-\(getpid())"
        try FileManager.default.createDirectory(atPath: gen, withIntermediateDirectories: true)
        defer {
            chmod(gen + "/read-only-store", 0o755)
            try? FileManager.default.removeItem(atPath: gen)
        }
        try Self.generate(in: gen)
        for var c in cases {
            if c.skip_as_root == true && getuid() == 0 { continue }
            if c.generated == true {
                c.args = c.args.map { $0.replacingOccurrences(of: "{GEN}", with: gen) }
                c.stderr = c.stderr?.map { $0.replacingOccurrences(of: "{GEN}", with: gen) }
            }
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
