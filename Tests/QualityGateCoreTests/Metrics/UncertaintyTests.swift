import XCTest

@testable import QualityGateCore

/// The training job writes its own uncertainty: every claim that could only
/// loosen a noise-aware gate is an input error at the offending key.
final class UncertaintyTests: XCTestCase {
    func load(_ json: String, file: String = "metrics.json") throws -> MetricSet {
        try MetricsLoader.parse(Array(json.utf8), file: file)
    }

    /// `file:line:col: error: message` of the load, or "" when it loads.
    func error(_ json: String, file: String = "metrics.json") -> String {
        do {
            _ = try load(json, file: file)
            return ""
        } catch let e as MetricsError {
            return "\(e.location?.description ?? "?"): error: \(e.message)"
        } catch { return "\(error)" }
    }

    func testNonFiniteAndInvertedIntervalsInBothForms() {
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"low": NaN, "high": NaN}}"#),
            "metrics.json:1:33: error: `acc_ci.low` is NaN: an interval bound must be a finite number")
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"low": 0.05, "high": Infinity}}"#),
            "metrics.json:1:47: error: `acc_ci.high` is Infinity: an interval bound must be a finite number")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "ci_low": -Infinity, "ci_high": Infinity}}"#),
            "metrics.json:1:35: error: `ci_low` of metric `acc` is -Infinity: an interval bound must be a finite number")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "ci_low": 0.05, "ci_high": NaN}}"#),
            "metrics.json:1:52: error: `ci_high` of metric `acc` is NaN: an interval bound must be a finite number")
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"low": 0.2, "high": 0.1}}"#),
            "metrics.json:1:33: error: `acc_ci.low` is above `acc_ci.high` (0.2 > 0.1)")
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"high": 0.2}}"#),
            "metrics.json:1:34: error: metric `acc` has `acc_ci.high` but not `acc_ci.low`")
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"low": "0.05", "high": 0.2}}"#),
            "metrics.json:1:33: error: `acc_ci.low` is not a number: the interval of metric `acc` must be numbers")
        // The baseline file goes through the same loader.
        XCTAssertEqual(
            error("{\"acc\": 0.95,\n \"acc_ci\": {\"low\": NaN, \"high\": NaN}}", file: "baseline.json"),
            "baseline.json:2:20: error: `acc_ci.low` is NaN: an interval bound must be a finite number")
        // Siblings are checked even when the metric carries its own interval (which wins).
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.1, "ci_low": 0.05, "ci_high": 0.2}, "acc_ci": {"low": 0.3, "high": 0.2}}"#),
            "metrics.json:1:75: error: `acc_ci.low` is above `acc_ci.high` (0.3 > 0.2)")
    }

    func testImplausibleClaims() {
        for n in ["1e-300", "0.01", "5e-324", "0", "-5", "2.5", "Infinity", "NaN"] {
            XCTAssertEqual(
                error(#"{"acc": {"value": 0.10, "n": \#(n)}}"#),
                "metrics.json:1:30: error: `n` of metric `acc` is \(NumberFormatting.exact(Double(n) ?? .nan)): a sample size must be a whole number >= 1",
                n)
        }
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.95, "n": 1e-300}}"#, file: "baseline.json"),
            "baseline.json:1:30: error: `n` of metric `acc` is 1e-300: a sample size must be a whole number >= 1")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "stderr": 1e10}}"#),
            "metrics.json:1:35: error: `stderr` of metric `acc` is 10000000000 for a value in [0, 1]: a rate's standard error is at most 0.5"
        )
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "stderr": 1.0}}"#),
            "metrics.json:1:35: error: `stderr` of metric `acc` is 1 for a value in [0, 1]: a rate's standard error is at most 0.5")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "stderr": -0.01}}"#),
            "metrics.json:1:35: error: `stderr` of metric `acc` is -0.01: a standard error must be a finite number >= 0")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "stderr": Infinity}}"#),
            "metrics.json:1:35: error: `stderr` of metric `acc` is Infinity: a standard error must be a finite number >= 0")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.10, "ci_low": 0.94, "ci_high": 0.96}}"#),
            "metrics.json:1:35: error: metric `acc` is 0.1, outside its own interval [0.94, 0.96]")
        XCTAssertEqual(
            error(#"{"acc": {"value": 0.99, "ci_low": 0.94, "ci_high": 0.96}}"#),
            "metrics.json:1:52: error: metric `acc` is 0.99, outside its own interval [0.94, 0.96]")
        XCTAssertEqual(
            error(#"{"acc": 0.10, "acc_ci": {"low": 0.94, "high": 0.96}}"#),
            "metrics.json:1:33: error: metric `acc` is 0.1, outside its own interval [0.94, 0.96]")
    }

    /// YAML metrics (files and policy test cases) carry `_ci` siblings too.
    func testYAMLSiblingsAreChecked() throws {
        XCTAssertEqual(
            error("acc: 0.10\nacc_ci:\n  low: 0.2\n  high: 0.1\n", file: "metrics.yaml"),
            "metrics.yaml:3:8: error: `acc_ci.low` is above `acc_ci.high` (0.2 > 0.1)")
        let node = try YAML.parse(Array("acc: 0.10\nacc_ci: {low: 0.94, high: 0.96}\n".utf8), file: "cases.yaml")
        XCTAssertThrowsError(try MetricsLoader.metricSet(fromYAML: node, file: "cases.yaml")) { e in
            XCTAssertEqual((e as? MetricsError)?.message, "metric `acc` is 0.1, outside its own interval [0.94, 0.96]")
        }
    }

    func testHonestClaimsLoad() throws {
        let m = try load(
            #"{"acc": {"value": 0.91, "n": 5000, "stderr": 0.004, "ci_low": 0.9, "ci_high": 0.92}, "lat": {"value": 120, "stderr": 7.5}, "f1": 0.8, "f1_ci": {"low": 0.8, "high": 0.8}}"#
        )
        XCTAssertEqual(m["acc"]?.uncertainty, Uncertainty(n: 5000, stderr: 0.004, ciLow: 0.9, ciHigh: 0.92))
        // A standard error above 0.5 is fine outside [0, 1].
        XCTAssertEqual(m["lat"]?.uncertainty?.stderr, 7.5)
        XCTAssertEqual(m["f1"]?.uncertainty, Uncertainty(ciLow: 0.8, ciHigh: 0.8))
        // A non-finite value fails every condition already; its interval is not compared with it.
        XCTAssertNoThrow(try load(#"{"acc": {"value": NaN, "ci_low": 0.9, "ci_high": 0.92}}"#))
        // `_ci` siblings of something that is not a numeric metric are plain metrics.
        XCTAssertNoThrow(try load(#"{"x_ci": {"low": NaN, "high": "?"}}"#))
    }
}
