import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// Examples/shared-policy end to end: a team policy that `extends` the
/// organisation's, read the same way by every command that loads a policy.
final class SharedPolicyExampleTests: TemporaryDirectoryTestCase {
    let example = "Examples/shared-policy/"

    func testValidatePrintShowsTheMergedPolicyAndEachGatesFile() throws {
        let r = TestSupport.run(["validate", "--config", example + "quality-gates.yaml"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            "Examples/shared-policy/quality-gates.yaml: valid policy — 4 gates, 5 conditions (extends Examples/shared-policy/org-base.yaml)\n"
        )
        let printed = TestSupport.run(["validate", "--config", example + "quality-gates.yaml", "--print"])
        XCTAssertEqual(printed.exit, 0, printed.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["extends"] as? [String], [example + "org-base.yaml"])
        XCTAssertEqual(json["model"] as? String, "fraud-detector")
        XCTAssertEqual(json["max_waiver_days"] as? Int, 30)
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["name"] as? String }, ["accuracy", "p95 latency", "log_loss", "recall"])
        XCTAssertEqual(
            gates.map { $0["file"] as? String },
            [example + "org-base.yaml", example + "quality-gates.yaml", example + "org-base.yaml", example + "quality-gates.yaml"])
    }

    func testEvaluateRecordsEveryFilesHash() throws {
        let r = TestSupport.run([
            "evaluate", "--config", example + "quality-gates.yaml", "--metrics", example + "metrics.json",
            "--baseline", example + "baseline.json", "--format", "json"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        let base = SHA256.hex(try FileSystem.readBytes(TestSupport.packageRoot + "/" + example + "org-base.yaml"))
        let team = SHA256.hex(try FileSystem.readBytes(TestSupport.packageRoot + "/" + example + "quality-gates.yaml"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let policy = try XCTUnwrap((json["provenance"] as? [String: Any])?["policy"] as? [String: Any], r.stdout)
        XCTAssertEqual(policy["sha256"] as? String, SHA256.hex(team + "\n" + base + "\n"))
        XCTAssertEqual(policy["extends"] as? [[String: String]], [["file": example + "org-base.yaml", "sha256": base]])
        let text = TestSupport.run([
            "evaluate", "--config", example + "quality-gates.yaml", "--metrics", example + "metrics.json",
            "--baseline", example + "baseline.json"
        ])
        XCTAssert(text.stdout.contains("extends \(example)org-base.yaml (sha256 \(base.prefix(12)))"), text.stdout)
    }

    /// synth-test reads the same merged policy: its cases cover the base's gates too.
    func testSynthTestReadsTheMergedPolicy() {
        let r = TestSupport.run([
            "synth-test", "--config", example + "quality-gates.yaml", "--baseline", example + "baseline.json", "--format", "json"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssert(r.stdout.contains("violation: log_loss max_regression_ratio 0.05"), r.stdout)
        XCTAssert(r.stdout.contains("boundary: recall min 0.7"), r.stdout)
    }

    /// review too: the base's gate with a `stage` is assessed under the team's model name.
    func testReviewReadsTheMergedPolicy() {
        let r = TestSupport.run([
            "review", "--config", example + "quality-gates.yaml", "--metrics", example + "metrics.json",
            "--baseline", example + "baseline.json"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssert(r.stdout.contains("model fraud-detector"), r.stdout)
        XCTAssert(r.stdout.contains("4. Model performance — Pass\n   ✓ accuracy min: accuracy 0.912 >= min 0.85\n"), r.stdout)
    }
}
