import XCTest

@testable import QualityGateCore

/// Metrics errors matched by kind.
final class MetricsErrorKindTests: XCTestCase {
    func kinds(_ text: String, file name: String = "m.json", file: StaticString = #filePath, line: UInt = #line) -> [ErrorKind] {
        thrownKinds(MetricsArea.self, file: file, line: line) { _ = try MetricsLoader.parse(Array(text.utf8), file: name) }
    }

    func testFileShape() {
        XCTAssertEqual(kinds("[1]"), ["jsonMetricsNotAnObject"])
        XCTAssertEqual(kinds("- 1\n", file: "m.yaml"), ["yamlMetricsNotAMapping"])
        XCTAssertEqual(kinds(#"{"a.b": 1, "a": {"b": 2}}"#), ["duplicateMetric"])
    }

    func testUncertaintyClaims() {
        XCTAssertEqual(kinds(#"{"acc": {"value": 0.9, "n": 0.5}}"#), ["invalidSampleSize"])
        XCTAssertEqual(kinds(#"{"acc": {"value": 0.9, "stderr": 0.7}}"#), ["rateStderrTooLarge"])
        XCTAssertEqual(kinds(#"{"acc": {"value": 0.9, "ci_low": 0.8}}"#), ["halfInterval"])
        XCTAssertEqual(kinds(#"{"acc": {"value": 0.5, "ci_low": 0.8, "ci_high": 0.9}}"#), ["valueOutsideInterval"])
        XCTAssertEqual(kinds(#"{"acc": 0.9, "acc_ci": {"low": "x", "high": 0.95}}"#), ["intervalEndNotANumber"])
    }

    /// A metric in two files is another mistake than a name written twice in one.
    func testMetricInTwoFiles() throws {
        let a = try MetricsLoader.parse(Array(#"{"acc": 0.9}"#.utf8), file: "a.json")
        let b = try MetricsLoader.parse(Array(#"{"acc": 0.8}"#.utf8), file: "b.json")
        XCTAssertEqual(
            thrownKinds(MetricsArea.self) {
                var m = a
                try m.merge(b)
            }, ["metricInTwoFiles"])
    }

    func testGatedMetricThatIsNotANumber() throws {
        let policy = try PolicyLoader.parse(Array("version: 1\ngates:\n  - metric: acc\n    min: 0.9\n".utf8), file: "p.yaml")
        let metrics = try MetricsLoader.parse(Array(#"{"acc": "high"}"#.utf8), file: "m.json")
        XCTAssertEqual(
            thrownKinds(MetricsArea.self) { _ = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: nil) },
            ["notANumber"])
    }
}
