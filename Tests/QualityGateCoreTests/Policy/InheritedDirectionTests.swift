import XCTest

@testable import QualityGateCore

/// The mistake that must not pass: a relative condition on a metric whose name
/// says lower is better, with the `higher` direction it inherits, let any rise
/// through. It is refused until the gate writes its direction.
final class InheritedDirectionTests: XCTestCase {
    func errors(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try PolicyLoader.parse(Array(text.utf8), file: "p.yaml", today: 20_000)
            XCTFail("policy accepted", file: file, line: line)
            return []
        } catch let many as QGateErrors {
            return many.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func gates(_ text: String) throws -> [Gate] {
        try PolicyLoader.parse(Array(text.utf8), file: "p.yaml", today: 20_000).gates
    }

    let hint = "write `direction: lower` (or `direction: higher` if higher really is better)"

    func testRegressionOnALossWithTheDefaultDirectionIsAnError() {
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - metric: log_loss\n    max_regression_ratio: 0.05\n"),
            [
                "p.yaml:4:5: error: `max_regression_ratio` on `log_loss` counts a rise as better: the gate's direction is `higher` (the default), and the name says lower is better — \(hint)"
            ])
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - {metric: latency.p95_ms, min: 0, max_regression: 5}\n"),
            [
                "p.yaml:3:38: error: `max_regression` on `latency.p95_ms` counts a rise as better: the gate's direction is `higher` (the default), and the name says lower is better — \(hint)"
            ])
    }

    /// One error per gate, at its first condition that reads the direction.
    func testEveryLowerIsBetterWordAndOneErrorPerGate() {
        let names = [
            "eval_loss", "error_rate", "p95LatencyMs", "train_time", "duration_s", "rmse", "mae", "mse", "perplexity", "ece",
            "brier_score", "calibration.ece", "fairness.demographic_parity_difference", "val.nll"
        ]
        for name in names {
            let found = errors(
                "version: 1\ngates:\n  - metric: \(name)\n    max: 1\n    max_regression: 0.1\n    max_regression_ratio: 0.1\n")
            XCTAssertEqual(found.count, 1, name)
            XCTAssertTrue(
                found.first?.hasPrefix("p.yaml:5:5: error: `max_regression` on `\(name)` counts a rise") == true, "\(name): \(found)")
        }
    }

    func testAWrittenDirectionIsRespected() throws {
        let written = try gates(
            """
            version: 1
            gates:
              - {metric: log_loss, direction: lower, max_regression_ratio: 0.05}
              - {metric: log_loss_improvement, name: gain, direction: higher, max_regression: 0.01}
            """)
        XCTAssertEqual(written.map(\.direction), [.lower, .higher])
    }

    /// `max_delta` allows the same change either way and absolute bounds say
    /// their side: neither reads the direction.
    func testConditionsThatIgnoreTheDirectionAreAccepted() throws {
        let g = try gates(
            "version: 1\ngates:\n  - {metric: eval_loss, max: 0.5, max_delta: 0.1}\n  - {metric: accuracy, max_regression: 0.01}\n")
        XCTAssertEqual(g.map(\.direction), [.higher, .higher])
        XCTAssertEqual(
            ConditionKind.allCases.filter(\.usesDirection),
            [.maxRegression, .maxRegressionRatio, .minImprovement, .minImprovementRatio, .maxRegressionSigma])
    }

    func testDefaultsDirectionIsInheritedAndCheckedToo() throws {
        let lower = try gates(
            "version: 1\ndefaults:\n  direction: lower\ngates:\n  - {metric: eval_loss, max_regression: 0.1}\n  - {metric: accuracy, direction: higher, min: 0.9, max_regression: 0.01}\n"
        )
        XCTAssertEqual(lower.map(\.direction), [.lower, .higher])
        // A default the name contradicts is inherited all the same: write it on the gate.
        XCTAssertEqual(
            errors("version: 1\ndefaults:\n  direction: higher\ngates:\n  - {metric: eval_loss, max_regression: 0.1}\n"),
            [
                "p.yaml:5:25: error: `max_regression` on `eval_loss` counts a rise as better: the gate's direction is `higher` (from `defaults`), and the name says lower is better — \(hint)"
            ])
        XCTAssertEqual(
            errors("version: 1\ndefaults:\n  direction: lower\ngates:\n  - {metric: recall, max_regression_ratio: 0.02}\n"),
            [
                "p.yaml:5:22: error: `max_regression_ratio` on `recall` counts a fall as better: the gate's direction is `lower` (from `defaults`), and the name says higher is better — write `direction: higher` (or `direction: lower` if lower really is better)"
            ])
        XCTAssertEqual(
            errors("version: 1\ndefaults:\n  direction: sideways\ngates:\n  - {metric: a, min: 1}\n"),
            ["p.yaml:3:14: error: invalid direction `sideways` — use one of: higher, lower"])
    }

    /// Names that say nothing, or both things, are left to the author.
    func testNamesThatSayNothingAreAccepted() throws {
        let g = try gates("version: 1\ngates:\n  - {metric: score, max_regression: 0.1}\n  - {metric: uptime, max_regression: 0.1}\n")
        XCTAssertEqual(g.count, 2)
    }

    func testKind() {
        XCTAssertEqual(
            thrownKinds(PolicyArea.self) {
                _ = try PolicyLoader.parse(Array("version: 1\ngates:\n  - {metric: eval_loss, max_regression: 0.1}\n".utf8), file: "p.yaml")
            },
            ["inheritedDirectionContradictsName"])
    }
}
