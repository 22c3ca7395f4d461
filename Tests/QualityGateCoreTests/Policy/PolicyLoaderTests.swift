import XCTest

@testable import QualityGateCore

final class PolicyLoaderTests: XCTestCase {
    func policy(_ text: String) throws -> Policy {
        try PolicyLoader.parse(Array(text.utf8), file: "p.yaml")
    }

    /// All error lines (`file:line:col: error: message — hint`) for a bad policy.
    func errors(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try policy(text)
            XCTFail("policy accepted", file: file, line: line)
            return []
        } catch let many as QGateErrors {
            return many.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testFullPolicyWithDefaultsAndOverrides() throws {
        let p = try policy(
            """
            version: 1
            model: sentiment
            defaults:
              severity: warning
              on_missing_metric: warn
              on_missing_baseline: fail
            gates:
              - metric: accuracy
                min: 0.92
                max_regression: 0.01
              - metric: latency.p95_ms
                name: p95
                direction: lower
                max: 120
                max_regression_ratio: 0.1
                severity: critical
                on_missing_metric: skip
                on_missing_baseline: skip
              - {metric: positive_rate, max_delta: 0.03, description: "mix"}
            """)
        XCTAssertEqual(p.model, "sentiment")
        XCTAssertEqual(p.gates.count, 3)
        XCTAssertEqual(p.gates[0].severity, .warning)
        XCTAssertEqual(p.gates[0].onMissingMetric, .warn)
        XCTAssertEqual(p.gates[0].onMissingBaseline, .fail)
        XCTAssertEqual(p.gates[0].conditions.map(\.kind), [.min, .maxRegression])
        XCTAssertEqual(p.gates[0].conditions[1].location, SourceLocation(file: "p.yaml", line: 10, column: 5))
        XCTAssertEqual(p.gates[1].displayName, "p95")
        XCTAssertEqual(p.gates[1].direction, .lower)
        XCTAssertEqual(p.gates[1].severity, .critical)
        XCTAssertEqual(p.gates[1].onMissingMetric, .skip)
        XCTAssertEqual(p.gates[2].description, "mix")
        XCTAssertEqual(p.gates[2].location.line, 19)
        XCTAssertTrue(p.hasRelativeConditions)
    }

    func testUnknownKeySuggestsTheClosest() {
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - metric: a\n    mni: 0.9\n"),
            [
                "p.yaml:4:5: error: unknown key `mni` in a gate — did you mean `min`?"
                // The gate has no valid condition left, but one error per mistake is enough.
            ])
        XCTAssertEqual(
            errors("version: 1\ngate:\n  - metric: a\n"),
            [
                "p.yaml:2:1: error: unknown key `gate` in the policy — did you mean `gates`?",
                "p.yaml:1:1: error: missing `gates` — add a `gates:` list; a policy without gates would pass every model"
            ])
    }

    func testEveryProblemIsListed() {
        let found = errors(
            """
            version: 1
            defaults:
              severity: critcal
            gates:
              - metric: a
                min: "0.9"
              - metric: b
                max_regression: -0.1
              - metric: c
                min: 0.9
                max: 0.8
              - min: 1
              - metric: d
              - metric: e
                min: .nan
            """)
        XCTAssertEqual(
            found,
            [
                "p.yaml:3:13: error: invalid severity `critcal` — did you mean `critical`?",
                "p.yaml:6:10: error: `min` must be a number, found a string `0.9` — remove the quotes: a quoted number is a string",
                "p.yaml:8:21: error: `max_regression` is a tolerance and cannot be negative (-0.1) — use 0 to forbid any regression",
                "p.yaml:10:5: error: `min` (0.9) is greater than `max` (0.8): no value can pass — swap or correct the bounds",
                "p.yaml:12:5: error: gate has no `metric` — add `metric: NAME` to the gate",
                "p.yaml:13:5: error: gate `d` has no condition — add at least one of: min, max, max_regression, max_regression_ratio, max_delta, min_improvement, min_improvement_ratio, max_spread, max_regression_sigma",
                "p.yaml:15:10: error: `min` must be a finite number, found NaN — a NaN or infinite threshold could never fail or never pass"
            ])
    }

    func testStructuralErrors() {
        XCTAssertEqual(errors(""), ["p.yaml:1:1: error: the policy file is empty — start with `version: 1` and a `gates:` list"])
        XCTAssertEqual(errors("- a\n"), ["p.yaml:1:1: error: the policy must be a mapping with `version` and `gates`, found a sequence"])
        XCTAssertEqual(
            errors("gates:\n  - {metric: a, min: 1}\n"),
            ["p.yaml:1:1: error: missing `version` — add `version: 1` at the top of the policy"])
        XCTAssertEqual(
            errors("version: 2\ngates:\n  - {metric: a, min: 1}\n"),
            ["p.yaml:1:10: error: policy version 2 is not supported by this qgate (supports version 1) — upgrade qgate"])
        XCTAssertEqual(
            errors("version: 1\ngates: []\n"),
            [
                "p.yaml:2:8: error: `gates` is empty: a policy without gates would pass every model — add at least one gate, e.g. `- metric: accuracy` with `min: 0.9`"
            ])
        XCTAssertEqual(
            errors("version: 1\ngates: accuracy\n"),
            [
                "p.yaml:2:8: error: `gates` must be a list of gates, found a string `accuracy` — write each gate as `- metric: NAME` followed by its conditions"
            ])
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - {metric: a, min: 1, name: x}\n  - {metric: b, min: 1, name: x}\n"),
            ["p.yaml:4:5: error: two gates are named `x` (first at line 3) — gate names identify gates in reports; make them unique"])
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - metric: a\n    direction: up\n    max_delta: 1\n"),
            ["p.yaml:4:16: error: invalid direction `up` — use one of: higher, lower"])
    }

    /// A gate without `name` is named after its metric, and reports, outputs
    /// and statistics tell gates apart by name: two such gates on one metric,
    /// or a name equal to an unnamed gate's metric, are a duplicate.
    func testUnnamedGatesOnOneMetricAreDuplicateNames() throws {
        let unnamed = "gate names identify gates in reports, outputs and statistics; give one of them a `name:`"
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - {metric: accuracy, min: 0.9}\n  - {metric: accuracy, max_regression: 0.01}\n"),
            [
                "p.yaml:4:5: error: two gates are named `accuracy` (first at line 3); a gate without `name` is named after its metric — \(unnamed)"
            ])
        XCTAssertEqual(
            errors(
                "version: 1\ngates:\n  - {metric: acc, min: 0.9}\n  - {metric: f1, min: 0.5}\n  - {name: acc, metric: accuracy, min: 0.9}\n  - {metric: acc, max: 1}\n"
            ),
            [
                "p.yaml:5:5: error: two gates are named `acc` (first at line 3); a gate without `name` is named after its metric — \(unnamed)",
                "p.yaml:6:5: error: two gates are named `acc` (first at line 3); a gate without `name` is named after its metric — \(unnamed)"
            ])
        let named = try policy(
            "version: 1\ngates:\n  - {metric: accuracy, min: 0.9}\n  - {metric: accuracy, name: trend, max_regression: 0.01}\n")
        XCTAssertEqual(named.gates.map(\.displayName), ["accuracy", "trend"])
    }

    func testYAMLErrorsPassThrough() {
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - metric: a\n    min: 1\n    min: 2\n"),
            ["p.yaml:5:5: error: duplicate key `min` (first defined at line 4) — remove one of the two entries"])
    }

    func testTheRootPolicyIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let p = try PolicyLoader.load(path: root.appendingPathComponent("quality-gates.yaml").path, today: Clock.system.today())
        XCTAssertEqual(p.model, "sentiment-classifier")
        XCTAssertGreaterThanOrEqual(p.gates.count, 8)
    }
}
