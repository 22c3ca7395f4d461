import Foundation
import QGateTestSupport
import XCTest

/// `qgate init` writes a policy `qgate validate` accepts, gates the evaluation
/// it came from, never overwrites a file unasked, and keeps metric names data.
final class InitCommandTests: TemporaryDirectoryTestCase {
    func testFromMetricsWritesAPolicyThatValidatesAndPassesItsOwnEvaluation() throws {
        let metrics = try write("metrics.json", #"{"accuracy": 0.91, "eval_loss": 0.2, "latency": {"p95_ms": 120}, "n": 5000}"#)
        let policy = dir + "/quality-gates.yaml"
        let r = TestSupport.run(
            ["init", "--from", metrics, "--model", "sentiment", "--config", policy],
            environment: ["QGATE_TODAY": "2026-11-29"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stderr, "qgate: wrote \(policy) (3 gates); review each bound, then run `qgate validate`\n")
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# quality-gates.yaml — written by `qgate init` from \(metrics) on 2026-11-29.\n"), text)
        XCTAssertEqual(TestSupport.run(["validate", "--config", policy]).exit, 0)
        let gated = TestSupport.run(["evaluate", "--config", policy, "--metrics", metrics, "--baseline", metrics, "--no-github"])
        XCTAssertEqual(gated.exit, 0, gated.stdout)
        XCTAssertTrue(gated.stdout.contains("6 conditions: 6 passed"), gated.stdout)
    }

    func testAnExistingFileIsKeptUnlessForced() throws {
        let policy = try write("quality-gates.yaml", "keep me\n")
        let r = TestSupport.run(["init", "--config", policy])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.hasPrefix("error: `\(policy)` already exists — pass --force to replace it"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: policy, encoding: .utf8), "keep me\n")
        XCTAssertEqual(TestSupport.run(["init", "--config", policy, "--force", "--model", "m"]).exit, 0)
        XCTAssertEqual(TestSupport.run(["validate", "--config", policy]).exit, 0)
    }

    func testPrintWritesNoFile() throws {
        let policy = dir + "/quality-gates.yaml"
        let r = TestSupport.run(["init", "--print", "--model", "m", "--config", policy])
        XCTAssertEqual(r.exit, 0)
        XCTAssertTrue(r.stdout.contains("model: m "), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: policy))
    }

    func testBadInputsAreErrors() throws {
        XCTAssertEqual(TestSupport.run(["init", "--print", "--model", "../x"]).exit, 2)
        let r = TestSupport.run(["init", "--print", "--from", dir + "/missing.json"])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("missing.json"), r.stderr)
    }

    /// A metric name that looks like YAML or a workflow command stays one quoted scalar.
    func testHostileMetricNamesStayData() throws {
        let metrics = try write("m.json", #"{"::error::x": 0.5, "a # b: c": 0.7}"#)
        let r = TestSupport.run(["init", "--print", "--model", "m", "--from", metrics])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("  - metric: \"::error::x\"\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  - metric: \"a # b: c\"\n"), r.stdout)
        let policy = try write("p.yaml", r.stdout)
        XCTAssertEqual(TestSupport.run(["validate", "--config", policy]).exit, 0)
    }
}
