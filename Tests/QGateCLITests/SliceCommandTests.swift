import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// A pattern gate over real `qgate score --group` output (Tests/Fixtures/score/binary_basic):
/// one line per region, a small region skipped visibly, the slice as data in JSON.
final class SliceCommandTests: TemporaryDirectoryTestCase {
    let scored = "Tests/Fixtures/score/binary_basic/expected.json"

    func testPatternGateOnScoreGroupOutput() throws {
        let policy = "Examples/slices/quality-gates.yaml"
        let text = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", scored, "--no-github"])
        XCTAssertEqual(text.exit, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.contains("recall by region[east, coastal]"), text.stdout)
        XCTAssertTrue(text.stdout.contains("skipped: n = 170 < min_count 200 (groups.region.east, coastal.n)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("recall by region[north]"), text.stdout)
        XCTAssertTrue(text.stdout.contains("recall by region[south]"), text.stdout)
        XCTAssertTrue(text.stdout.contains("recall gap by region"), text.stdout)

        let json = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", scored, "--no-github", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let conditions = try XCTUnwrap(report?["conditions"] as? [[String: Any]])
        XCTAssertEqual(conditions.map { $0["slice"] as? String }, ["east, coastal", "north", "south", nil])
        XCTAssertEqual(conditions.map { $0["status"] as? String }, ["skipped", "passed", "passed", "passed"])
        XCTAssertEqual(conditions.map { $0["pattern"] as? String }, Array(repeating: "groups.region.*.recall", count: 4))
        // The gap between the best and worst judged region, once for the gate.
        XCTAssertEqual(conditions[3]["kind"] as? String, "max_spread")
        XCTAssertEqual((conditions[3]["best"] as? [String: Any])?["slice"] as? String, "south")
        XCTAssertEqual((conditions[3]["worst"] as? [String: Any])?["slice"] as? String, "north")

        // Without min_count the small region is judged: its recall 0 blocks.
        let strict = try write("strict.yaml", "version: 1\ngates:\n  - {metric: groups.region.*.recall, min: 0.6}\n")
        let blocked = try TestSupport.runBinary(["evaluate", "--config", strict, "--metrics", scored, "--no-github"])
        XCTAssertEqual(blocked.exit, 1, blocked.stdout)
        XCTAssertTrue(blocked.stdout.contains("groups.region.*.recall[east, coastal]"), blocked.stdout)

        // No region named like that: the empty match set follows on_missing_metric (fail).
        let none = try write("none.yaml", "version: 1\ngates:\n  - {metric: groups.country.*.recall, min: 0.6}\n")
        let missing = try TestSupport.runBinary(["evaluate", "--config", none, "--metrics", scored, "--no-github"])
        XCTAssertEqual(missing.exit, 1, missing.stdout)
        XCTAssertTrue(missing.stdout.contains("no metric matches the pattern groups.country.*.recall"), missing.stdout)
    }

    func testSynthTestProbesAPatternGate() throws {
        let policy = try write(
            "policy.yaml",
            "version: 1\ngates:\n  - metric: groups.region.*.recall\n    min: 0.6\n    max_regression: 0.05\n    min_count: 30\n")
        let r = try TestSupport.runBinary(["synth-test", "--config", policy])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("groups.region.*.recall min 0.6"), r.stdout)
        let lint = try TestSupport.runBinary(["synth-test", "--config", policy, "--metrics", scored])
        XCTAssertFalse(lint.stdout.contains("does not contain"), lint.stdout)
    }

    /// Each slice is its own gate in reports, `--explain`, the recorded history and `--stats`.
    func testSlicesInEveryFormatAndInStatistics() throws {
        let store = dir + "/store"
        let policy = try write(
            "policy.yaml", "version: 1\nmodel: m\ngates:\n  - {name: recall by region, metric: groups.region.*.recall, min: 0.68}\n")
        let env = ["QGATE_STORE": store, "QGATE_NOW": "2026-11-20T10:00:00Z"]
        let r = try TestSupport.runBinary(
            [
                "evaluate", "--config", policy, "--metrics", scored, "--no-github", "--record", "--explain",
                "--output", "markdown=\(dir)/r.md", "--output", "junit=\(dir)/r.xml", "--output", "github=\(dir)/r.txt"
            ], environment: env)
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("recall by region[north]"), r.stdout)
        XCTAssertTrue(r.stdout.contains("0.679325 < min 0.68"), r.stdout)  // rounded to 6 digits (issue 19)
        let md = try String(contentsOfFile: dir + "/r.md", encoding: .utf8)
        XCTAssertTrue(md.contains(#"| recall by region\[east, coastal\] |"#) && md.contains(#"| recall by region\[south\] |"#), md)
        let junit = try String(contentsOfFile: dir + "/r.xml", encoding: .utf8)
        XCTAssertTrue(junit.contains("recall by region[north]"), junit)
        let github = try String(contentsOfFile: dir + "/r.txt", encoding: .utf8)
        XCTAssertEqual(github.split(separator: "\n").filter { $0.hasPrefix("::error file=") }.count, 2, github)
        XCTAssertTrue(github.contains("recall by region[east%2C coastal]"), github)

        let stats = try TestSupport.runBinary(
            ["baseline", "history", "--stats", "--config", policy, "--format", "json"], environment: env)
        XCTAssertEqual(stats.exit, 0, stats.stderr)
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let gates = try XCTUnwrap(s["gates"] as? [[String: Any]])
        XCTAssertEqual(Set(gates.compactMap { $0["gate"] as? String }), ["recall by region[east, coastal]", "recall by region[north]"])
        XCTAssertEqual(
            Set(gates.compactMap { $0["metric"] as? String }), ["groups.region.east, coastal.recall", "groups.region.north.recall"])
    }
}
