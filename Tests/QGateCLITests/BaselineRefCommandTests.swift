import Foundation
import QGateTestSupport
import XCTest

/// `--baseline-ref REF[:PATH]` reads the baseline with `git show REF:./PATH`,
/// relative to the working directory: the binary runs inside a repository
/// (this test process never changes its own directory).
final class BaselineRefCommandTests: TemporaryDirectoryTestCase {
    func testBaselineFromAGitRevision() throws {
        func git(_ args: String...) throws {
            let r = try TestSupport.runBinary(
                ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + args,
                program: "/usr/bin/env", directory: dir)
            XCTAssertEqual(r.exit, 0, args.joined(separator: " ") + ": " + r.stderr)
        }
        try git("init", "-q")
        try #"{"accuracy": 0.90}"#.write(toFile: dir + "/metrics.json", atomically: true, encoding: .utf8)
        try git("add", "metrics.json")
        try git("commit", "-q", "-m", "release")
        try git("tag", "v1.0")
        try #"{"accuracy": 0.80}"#.write(toFile: dir + "/metrics.json", atomically: true, encoding: .utf8)
        try "version: 1\nmodel: m\ngates:\n  - {metric: accuracy, max_regression: 0.05}\n".write(
            toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)

        let args = ["evaluate", "--config", "p.yaml", "--metrics", "metrics.json", "--format", "json"]
        let r = try TestSupport.runBinary(args + ["--baseline-ref", "v1.0"], directory: dir)
        XCTAssertEqual(r.exit, 1, r.stderr)
        let e = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let conditions = try XCTUnwrap(e["conditions"] as? [[String: Any]])
        XCTAssertEqual(conditions.first?["baseline"] as? Double, 0.9)
        XCTAssertEqual(e["verdict"] as? String, "blocked")
        XCTAssertEqual((e["baseline_source"] as? [String: Any])?["description"] as? String, "v1.0:metrics.json")
        let missing = try TestSupport.runBinary(args + ["--baseline-ref", "v9"], directory: dir)
        XCTAssertEqual(missing.exit, 2)
        XCTAssertTrue(missing.stderr.contains("error: git cannot read `v9:./metrics.json`"), missing.stderr)
    }
}
