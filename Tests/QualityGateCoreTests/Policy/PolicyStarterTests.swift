import XCTest

@testable import QualityGateCore

/// `qgate init` writes a policy that loads, gates every quality metric of the
/// evaluation it came from in the right direction, and lets that evaluation
/// pass against itself.
final class PolicyStarterTests: XCTestCase {
    let options = PolicyStarter.Options(model: "demo", source: "metrics.json", date: "2026-11-29")

    func starter(_ json: String) throws -> (text: String, policy: Policy, metrics: MetricSet) {
        let metrics = try MetricsLoader.parse(Array(json.utf8), file: "metrics.json")
        let text = PolicyStarter.policy(for: metrics, options: options)
        let policy = try PolicyLoader.parse(Array(text.utf8), file: "quality-gates.yaml", today: 20_000)
        return (text, policy, metrics)
    }

    func testOneGatePerQualityMetricWithInferredDirection() throws {
        let (_, policy, _) = try starter(
            """
            {"accuracy": 0.91, "eval_loss": 0.31, "latency": {"p95_ms": 112.5, "count": 1000},
             "n": 5000, "confusion": {"tp": 10, "fp": 2}, "roc_auc": {"value": 0.95, "n": 5000}, "rmse": 2.5}
            """)
        let byMetric = Dictionary(uniqueKeysWithValues: policy.gates.map { ($0.metric, $0) })
        XCTAssertEqual(policy.gates.map(\.metric), ["accuracy", "eval_loss", "latency.p95_ms", "roc_auc", "rmse"])
        XCTAssertEqual(byMetric["accuracy"]?.direction, .higher)
        XCTAssertEqual(byMetric["roc_auc"]?.direction, .higher)
        XCTAssertEqual(byMetric["eval_loss"]?.direction, .lower)
        XCTAssertEqual(byMetric["latency.p95_ms"]?.direction, .lower)
        XCTAssertEqual(byMetric["latency.p95_ms"]?.severity, .warning)
        XCTAssertEqual(byMetric["rmse"]?.direction, .lower)
        XCTAssertEqual(byMetric["accuracy"]?.conditions.map(\.kind), [.min, .maxRegression])
        XCTAssertEqual(byMetric["accuracy"]?.conditions.first?.threshold, 0.91)
        XCTAssertEqual(byMetric["rmse"]?.conditions.map(\.kind), [.max, .maxRegressionRatio])
    }

    func testTheEvaluationPassesItsOwnStarterPolicy() throws {
        let (_, policy, metrics) = try starter(#"{"accuracy": 0.9123456789, "eval_loss": 0.1, "f1": 1, "mae": 0}"#)
        let evaluation = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: metrics)
        XCTAssertEqual(evaluation.verdict, .passed)
        XCTAssertEqual(evaluation.passedCount, 8)
    }

    /// Metric names are data: quotes, `#`, `: ` and invisible characters stay
    /// inside one quoted scalar and come back as the same name.
    func testHostileMetricNamesRoundTrip() throws {
        let names = ["a: b # c", "quote\"d", "back\\slash", "zero\u{200B}width", "- dash", "a.b", "a-b"]
        let json =
            "{"
            + names.enumerated().map {
                "\"\($0.element.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\": 0.\($0.offset + 1)"
            }.joined(separator: ", ") + "}"
        let (_, policy, _) = try starter(json)
        XCTAssertEqual(policy.gates.map(\.metric), names)
        XCTAssertEqual(policy.gates.map(\.name), ["a--b---c", "quote-d", "back-slash", "zero-width", "--dash", "a-b", "a-b-2"])
    }

    func testWithoutMetricsATemplateThatLoads() throws {
        let text = PolicyStarter.policy(for: nil, options: PolicyStarter.Options(model: "demo", source: nil, date: "2026-11-29"))
        let policy = try PolicyLoader.parse(Array(text.utf8), file: "quality-gates.yaml", today: 20_000)
        XCTAssertEqual(policy.gates.map(\.metric), ["accuracy"])
        XCTAssertTrue(text.hasPrefix("# quality-gates.yaml — written by `qgate init` on 2026-11-29."))
    }

    /// `init` writes `direction: lower` exactly where the loader would refuse
    /// the inherited `higher`: both read names through `MetricNames`.
    func testStarterDirectionsLoadForEveryKindOfName() throws {
        let (_, policy, _) = try starter(
            #"{"valLoss": 0.3, "accuracy_gap": 0.02, "time_to_accuracy": 12.0, "p95LatencyMs": 80.0, "valAcc": 0.9, "score": 0.5}"#)
        XCTAssertEqual(policy.gates.map(\.direction), [.lower, .lower, .lower, .lower, .higher, .higher])
    }
}
