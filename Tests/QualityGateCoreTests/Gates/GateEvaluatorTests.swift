import XCTest

@testable import QualityGateCore

final class GateEvaluatorTests: XCTestCase {
    let at = SourceLocation(file: "p.yaml", line: 1, column: 1)

    func gate(
        _ kind: ConditionKind, _ t: Double, direction: Direction = .higher, severity: Severity = .critical,
        onMissingMetric: MissingPolicy = .fail, onMissingBaseline: MissingPolicy = .skip, metric: String = "m"
    ) -> Gate {
        Gate(
            name: nil, metric: metric, description: nil, severity: severity, onMissingMetric: onMissingMetric,
            onMissingBaseline: onMissingBaseline, direction: direction,
            conditions: [Condition(kind: kind, threshold: t, location: at)], stage: nil, owner: nil, mitigation: nil, location: at)
    }

    func policy(_ gates: [Gate]) -> Policy {
        Policy(version: 1, model: "m", description: nil, defaults: PolicyDefaults(), gates: gates, drift: nil, file: "p.yaml")
    }

    func metrics(_ json: String, file: String = "metrics.json") throws -> MetricSet {
        try MetricsLoader.parse(Array(json.utf8), file: file)
    }

    func run(_ gates: [Gate], _ m: String, baseline: String? = nil, history: ReleaseHistory? = nil) throws -> Evaluation {
        try GateEvaluator.evaluate(
            policy(gates), metrics: try metrics(m), baseline: try baseline.map { try metrics($0, file: "baseline.json") },
            history: history)
    }

    func status(_ g: Gate, value: Double, baseline: Double? = nil, sigma: Double? = nil) throws -> ConditionResult.Status {
        let e = try run([g], #"{"m": \#(value)}"#, baseline: baseline.map { #"{"m": \#($0)}"# }, history: sigma.map { .withSigma($0) })
        return e.results[0].status
    }

    /// Every condition kind's documented examples hold (SwiftLint-style self-describing rules).
    func testConditionKindExamples() throws {
        for kind in ConditionKind.allCases {
            XCTAssertFalse(kind.examples.isEmpty, kind.key)
            for ex in kind.examples {
                let s = try status(
                    gate(kind, ex.threshold, direction: ex.direction), value: ex.value, baseline: ex.baseline, sigma: ex.sigma)
                XCTAssertEqual(
                    s, ex.passes ? .passed : .failed,
                    "\(kind.key) t=\(ex.threshold) v=\(ex.value) b=\(String(describing: ex.baseline)) \(ex.direction)")
            }
        }
    }

    /// Boundaries are inclusive for every kind and direction; one step beyond fails.
    func testBoundariesKindByDirection() throws {
        let b = 0.8
        for direction in Direction.allCases {
            let up = direction == .higher
            XCTAssertEqual(try status(gate(.min, 0.9, direction: direction), value: 0.9), .passed)
            XCTAssertEqual(try status(gate(.min, 0.9, direction: direction), value: 0.9.nextDown.nextDown.nextDown - 1e-9), .failed)
            XCTAssertEqual(try status(gate(.max, 120, direction: direction), value: 120), .passed)
            XCTAssertEqual(try status(gate(.max, 120, direction: direction), value: 120.000001), .failed)
            // max_regression: bound is b - t (higher) or b + t (lower).
            XCTAssertEqual(try status(gate(.maxRegression, 0.1, direction: direction), value: up ? 0.7 : 0.9, baseline: b), .passed)
            XCTAssertEqual(try status(gate(.maxRegression, 0.1, direction: direction), value: up ? 0.6999 : 0.9001, baseline: b), .failed)
            XCTAssertEqual(try status(gate(.maxRegression, 0.1, direction: direction), value: up ? 0.9001 : 0.6999, baseline: b), .passed)
            // ratio: 25% of |0.8| = 0.2.
            XCTAssertEqual(try status(gate(.maxRegressionRatio, 0.25, direction: direction), value: up ? 0.6 : 1.0, baseline: b), .passed)
            XCTAssertEqual(
                try status(gate(.maxRegressionRatio, 0.25, direction: direction), value: up ? 0.5999 : 1.0001, baseline: b), .failed)
            // delta ignores direction.
            XCTAssertEqual(try status(gate(.maxDelta, 0.05, direction: direction), value: 0.85, baseline: b), .passed)
            XCTAssertEqual(try status(gate(.maxDelta, 0.05, direction: direction), value: 0.75, baseline: b), .passed)
            XCTAssertEqual(try status(gate(.maxDelta, 0.05, direction: direction), value: 0.7499, baseline: b), .failed)
        }
        // Ratio against a negative baseline uses |baseline|.
        XCTAssertEqual(try status(gate(.maxRegressionRatio, 0.1), value: -2.2, baseline: -2), .passed)
        XCTAssertEqual(try status(gate(.maxRegressionRatio, 0.1), value: -2.21, baseline: -2), .failed)
    }

    func testMessagesAndBounds() throws {
        let e = try run([gate(.maxRegression, 0, metric: "f1")], #"{"f1": 0.871}"#, baseline: #"{"f1": 0.884}"#)
        XCTAssertEqual(e.results[0].message, "f1 0.871 vs baseline 0.884: worse by 0.013, allowed 0")
        XCTAssertEqual(e.results[0].bound, 0.884)
        XCTAssertEqual(e.results[0].comparison, .atLeast)
        let r = try run(
            [gate(.maxRegressionRatio, 0.05, direction: .lower, metric: "loss")], #"{"loss": 0.33}"#, baseline: #"{"loss": 0.31}"#)
        XCTAssertEqual(r.results[0].message, "loss 0.33 vs baseline 0.31: worse by 0.02 (6.45%), allowed 5%")
        let m = try run([gate(.min, 0.92, metric: "acc")], #"{"acc": 0.91}"#)
        XCTAssertEqual(m.results[0].message, "acc 0.91 < min 0.92 (short by 0.01)")
        let d = try run([gate(.maxDelta, 0.03, metric: "pr")], #"{"pr": 0.54}"#, baseline: #"{"pr": 0.5}"#)
        XCTAssertEqual(d.results[0].message, "pr 0.54 vs baseline 0.5: changed by 0.04, allowed ±0.03")
    }

    func testNonFiniteMetricsFailEveryCondition() throws {
        for token in ["NaN", "Infinity", "-Infinity"] {
            for kind in ConditionKind.allCases {
                let e = try run([gate(kind, 0.5, severity: .critical)], #"{"m": \#(token)}"#, baseline: #"{"m": 0.5}"#)
                XCTAssertEqual(e.results[0].status, .failed, "\(token) \(kind.key)")
                XCTAssertEqual(e.verdict, .blocked)
            }
        }
        let e = try run([gate(.maxRegression, 0.1)], #"{"m": 0.5}"#, baseline: #"{"m": NaN}"#)
        XCTAssertEqual(e.results[0].status, .failed)
        XCTAssertEqual(e.results[0].message, "baseline of m is NaN: a non-finite baseline fails every relative condition")
    }

    func testMissingMetricPolicies() throws {
        let fail = try run([gate(.min, 1, onMissingMetric: .fail)], #"{"other": 1}"#)
        XCTAssertEqual(fail.results[0].status, .failed)
        XCTAssertEqual(fail.results[0].message, "metric m not found in metrics.json (on_missing_metric: fail)")
        XCTAssertEqual(fail.verdict, .blocked)
        var warn = try run([gate(.min, 1, onMissingMetric: .warn)], #"{"other": 1}"#)
        XCTAssertEqual(warn.results[0].severity, .warning)
        XCTAssertEqual(warn.verdict, .passedWithWarnings)
        XCTAssertTrue(warn.releaseAllowed)  // exit 0 (ExitCodeTests maps it)
        warn.failOnWarning = true
        XCTAssertFalse(warn.releaseAllowed)  // exit 1
        let skip = try run([gate(.min, 1, onMissingMetric: .skip)], #"{"other": 1}"#)
        XCTAssertEqual(skip.results[0].status, .skipped)
        XCTAssertEqual(skip.verdict, .passed)
    }

    /// A gated metric the files lack carries the files' closest name: equal up
    /// to case and `-`/`_` first, else a likely typo; never a far name, a
    /// non-number, or anything from an empty set.
    func testMissingMetricSuggestsTheClosestName() throws {
        func suggested(_ metric: String, _ json: String) throws -> String?? {
            let e = try run([gate(.min, 0.5, metric: metric)], json)
            guard case .missingMetric(_, _, let suggestion) = e.results[0].finding else { return nil }
            return .some(suggestion)
        }
        XCTAssertEqual(try suggested("roc-auc", #"{"roc_auc": 0.9, "accuracy": 0.8}"#), "roc_auc")
        XCTAssertEqual(try suggested("Accuracy", #"{"roc_auc": 0.9, "accuracy": 0.8}"#), "accuracy")
        XCTAssertEqual(try suggested("acuracy", #"{"roc_auc": 0.9, "accuracy": 0.8}"#), "accuracy")
        XCTAssertEqual(try suggested("latency.p95-ms", #"{"latency": {"p95_ms": 80, "p59_ms": 70}}"#), "latency.p95_ms")
        // Equal up to case and `-`/`_` beats an earlier name one edit away.
        XCTAssertEqual(try suggested("f1-Macro", #"{"f1_macr": 0.5, "f1_macro": 0.7}"#), "f1_macro")
        XCTAssertEqual(try suggested("auc", #"{"auc_pr": null, "aucc": null}"#), "aucc")
        XCTAssertEqual(try suggested("precision", #"{"recall": 0.5}"#), .some(nil))
        XCTAssertEqual(try suggested("accuracy", #"{"acuracy": "high"}"#), .some(nil))
        XCTAssertEqual(try suggested("accuracy", "{}"), .some(nil))

        let e = try run([gate(.min, 0.5, metric: "roc-auc")], #"{"roc_auc": 0.9}"#)
        XCTAssertEqual(
            e.results.map(\.message), ["metric roc-auc not found in metrics.json (on_missing_metric: fail) — did you mean `roc_auc`?"])
        XCTAssertEqual(e.results[0].status, .failed)
        XCTAssertEqual(e.results[0].reason, .missingMetric)
    }

    /// Issue 16, bug 5: `qgate score` writes null for an undefined metric; a gate
    /// on it fails by `on_missing_metric` with the reason, never an input error.
    func testUndefinedMetricIsMissingWithItsReason() throws {
        let fail = try run([gate(.min, 0.5)], "{\n  \"m\": null\n}")
        XCTAssertEqual(fail.results[0].status, .failed)
        XCTAssertEqual(fail.results[0].reason, .undefinedMetric)
        XCTAssertEqual(
            fail.results[0].message,
            "metric m is null at metrics.json:2:8: undefined, so treated as missing (on_missing_metric: fail)")
        XCTAssertEqual(fail.verdict, .blocked)
        let warn = try run([gate(.max, 0.5, onMissingMetric: .warn)], #"{"m": null}"#)
        XCTAssertEqual(warn.results[0].severity, .warning)
        XCTAssertEqual(warn.verdict, .passedWithWarnings)
        let skip = try run([gate(.maxRegression, 0.1, onMissingMetric: .skip)], #"{"m": null}"#, baseline: #"{"m": 0.9}"#)
        XCTAssertEqual(skip.results[0].status, .skipped)
        XCTAssertEqual(
            skip.results[0].message,
            "metric m is null at metrics.json:1:7: undefined, so treated as missing (on_missing_metric: skip)")
        // A null in the baseline is a missing baseline value, by on_missing_baseline.
        let base = try run([gate(.maxRegression, 0.1, onMissingBaseline: .warn)], #"{"m": 0.9}"#, baseline: #"{"m": null}"#)
        XCTAssertEqual(base.results[0].status, .failed)
        XCTAssertEqual(base.results[0].severity, .warning)
        XCTAssertEqual(base.results[0].reason, .undefinedBaseline)
        XCTAssertEqual(
            base.results[0].message,
            "baseline of m is null at baseline.json:1:7: undefined, so treated as missing (on_missing_baseline: warn)")
        XCTAssertEqual(
            try run([gate(.maxDelta, 0.1, onMissingBaseline: .fail)], #"{"m": 0.9}"#, baseline: #"{"m": null}"#).verdict, .blocked)
        // An absolute condition does not read the baseline: its null changes nothing.
        XCTAssertEqual(try run([gate(.min, 0.5)], #"{"m": 0.9}"#, baseline: #"{"m": null}"#).verdict, .passed)
    }

    func testMissingBaselinePolicies() throws {
        let skipped = try run([gate(.maxRegression, 0, onMissingBaseline: .skip)], #"{"m": 1}"#)
        XCTAssertEqual(skipped.results[0].status, .skipped)
        XCTAssertEqual(skipped.results[0].message, "no baseline was given (on_missing_baseline: skip)")
        let absent = try run([gate(.maxRegression, 0, onMissingBaseline: .warn)], #"{"m": 1}"#, baseline: #"{"x": 1}"#)
        XCTAssertEqual(absent.results[0].message, "the baseline has no m (on_missing_baseline: warn)")
        XCTAssertEqual(absent.verdict, .passedWithWarnings)
        let failing = try run([gate(.maxRegression, 0, onMissingBaseline: .fail)], #"{"m": 1}"#, baseline: #"{"x": 1}"#)
        XCTAssertEqual(failing.verdict, .blocked)
        // on_missing_baseline: fail with no baseline at all is a configuration error, not a verdict.
        XCTAssertThrowsError(try run([gate(.maxRegression, 0, onMissingBaseline: .fail)], #"{"m": 1}"#)) { error in
            XCTAssertEqual(
                (error as? QGateErrors)?.errors.first?.message,
                "gate `m` compares with the baseline (`max_regression`) and has on_missing_baseline: fail, but no baseline was given")
        }
    }

    func testNonNumericGatedMetricIsAnInputError() throws {
        for (json, found) in [
            (#"{"m": "0.9"}"#, "a string"), (#"{"m": true}"#, "a boolean"),
            (#"{"m": {"x": 1}}"#, "an object"), (#"{"m": [1]}"#, "an array")
        ] {
            XCTAssertThrowsError(try run([gate(.min, 0.5)], json)) { error in
                XCTAssertEqual(
                    (error as? QGateErrors)?.errors.first?.description,
                    "metrics.json:1:7: error: metric `m` is \(found), not a number — write the metric as a JSON number (NaN and Infinity are accepted and fail the gate)"
                )
            }
        }
        // Metrics nobody gates may be anything.
        XCTAssertEqual(try run([gate(.min, 0.5)], #"{"m": 1, "model": "v3", "tags": [1]}"#).verdict, .passed)
    }

    func testSeveritiesAndVerdict() throws {
        let e = try run(
            [
                gate(.min, 1, severity: .critical, metric: "a"), gate(.min, 1, severity: .warning, metric: "b"),
                gate(.min, 1, severity: .info, metric: "c")
            ], #"{"a": 2, "b": 0, "c": 0}"#)
        XCTAssertEqual(e.verdict, .passedWithWarnings)
        XCTAssertEqual(e.verdictLine, "PASSED with 1 warning")
        XCTAssertEqual(e.infoCount, 1)
        let blocked = try run([gate(.min, 1, metric: "a"), gate(.max, 0, metric: "a")], #"{"a": 0.5}"#)
        XCTAssertEqual(blocked.verdictLine, "BLOCKED: 2 critical gates failed")
        XCTAssertFalse(blocked.releaseAllowed)  // exit 1
    }

    func testBoundarySlackIsTinyNotLoose() throws {
        // 0.9 - 0.05 is 0.8500000000000001 in binary floating point: still a pass.
        XCTAssertEqual(try status(gate(.maxRegression, 0.05), value: 0.85, baseline: 0.9), .passed)
        // But a real shortfall of 1e-9 fails.
        XCTAssertEqual(try status(gate(.min, 0.92), value: 0.92 - 1e-9), .failed)
    }
}
