import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// Examples/required-improvement end to end: its declared and synthetic cases
/// pass `synth-test --strict`, the candidate that beats production is released,
/// and production re-submitted as the candidate is blocked (matching is not improving).
final class RequiredImprovementExampleTests: TemporaryDirectoryTestCase {
    let example = "Examples/required-improvement/"

    func testTheExamplesCasesBehave() {
        let r = TestSupport.run([
            "synth-test", "--config", example + "quality-gates.yaml", "--baseline", example + "baseline.json",
            "--cases", example + "gate-cases.yaml", "--strict"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
    }

    func testABetterModelIsReleasedAndTheSameModelIsNot() throws {
        let config = example + "quality-gates.yaml"
        let better = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "metrics.json", "--baseline", example + "baseline.json"
        ])
        XCTAssertEqual(better.exit, 0, better.stdout + better.stderr)
        let same = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "baseline.json", "--baseline", example + "baseline.json", "--explain"
        ])
        XCTAssertEqual(same.exit, 1, same.stdout + same.stderr)
        XCTAssert(same.stdout.contains("rule:     value >= baseline + 0.005"), same.stdout)
        XCTAssert(same.stdout.contains("roc_auc 0.861 vs baseline 0.861: unchanged, required better by 0.005"), same.stdout)
        let printed = TestSupport.run(["validate", "--config", config, "--print"])
        XCTAssertEqual(printed.exit, 0, printed.stderr)
        XCTAssert(printed.stdout.contains("value <= baseline - 0.02 * |baseline|"), printed.stdout)
    }
}
