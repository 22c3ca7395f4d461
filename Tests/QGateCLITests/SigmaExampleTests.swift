import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// Examples/sigma-threshold end to end: the committed store's history (a
/// rollback included) gives σ, the candidate that dropped by more than 3σ is
/// blocked and every report format says why; synth-test probes the sigma
/// conditions on its synthetic history; a baseline file is refused.
final class SigmaExampleTests: XCTestCase {
    let example = "Examples/sigma-threshold/"
    var config: String { example + "quality-gates.yaml" }

    func testTheStoresHistoryBlocksARegressionBeyondThreeSigma() {
        let r = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "metrics.json", "--store", example + "store", "--explain"
        ])
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        // 1.3.0 was rolled back: 8 releases in the window, 7 changes.
        XCTAssert(
            r.stdout.contains(
                "       → pr_auc 0.862 vs baseline 0.873: worse by 0.011, allowed 0.00975412; σ = 0.00325137 from 7 changes in the last 8 releases (1.0.0 … 1.8.0)\n"
            ), r.stdout)
        XCTAssert(r.stdout.contains("  numbers:  0.862 >= 0.873 - 3 × 0.00325137 = 0.863246 → false\n"), r.stdout)
        XCTAssert(
            r.stdout.contains(
                "  history:  σ = 0.00325137 from 7 changes in the last 8 releases (1.0.0 … 1.8.0); history_window 10, min_history 5\n"),
            r.stdout)
    }

    func testEveryFormatCarriesTheWindowAndSigma() throws {
        for format in ["markdown", "junit", "github", "json"] {
            let r = TestSupport.run([
                "evaluate", "--config", config, "--metrics", example + "metrics.json", "--store", example + "store", "--format", format
            ])
            XCTAssertEqual(r.exit, 1, format + r.stderr)
            XCTAssert(r.stdout.contains("from 7 changes in the last 8 releases"), format + ": " + r.stdout)
        }
        let json = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "metrics.json", "--store", example + "store", "--format", "json"
        ])
        XCTAssert(json.stdout.contains(#""history": {"#) || json.stdout.contains(#""history":{"#), json.stdout)
        let prom = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "metrics.json", "--store", example + "store", "--format", "prometheus"
        ])
        XCTAssert(
            prom.stdout.contains(#"qgate_history_sigma{model="fraud-detector",gate="pr_auc",metric="pr_auc"} 0.00325137"#), prom.stdout)
    }

    func testSynthTestProbesTheSigmaConditions() {
        let r = TestSupport.run([
            "synth-test", "--config", config, "--baseline", example + "releases/1.8.0.json", "--strict"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssert(r.stdout.contains("  ✓  violation: pr_auc max_regression_sigma 3"), r.stdout)
        XCTAssert(r.stdout.contains("  ✓  violation: log_loss max_regression_sigma 2"), r.stdout)
    }

    func testABaselineFileIsRefused() {
        let r = TestSupport.run([
            "evaluate", "--config", config, "--metrics", example + "metrics.json", "--baseline", example + "releases/1.8.0.json"
        ])
        XCTAssertEqual(r.exit, 2)
        XCTAssert(
            r.stderr.contains(
                "Examples/sigma-threshold/quality-gates.yaml:17:5: error: `max_regression_sigma` learns from the release history of a baseline store"
            ),
            r.stderr)
    }

    /// `validate --print` spells out the window each sigma gate ends up with (defaults applied).
    func testValidatePrintShowsTheResolvedWindow() {
        let r = TestSupport.run(["validate", "--config", config, "--print"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssert(r.stdout.contains(#""history_window": 10"#) || r.stdout.contains(#""history_window":10"#), r.stdout)
        XCTAssert(r.stdout.contains("value >= baseline - 3 * sigma"), r.stdout)
    }
}
