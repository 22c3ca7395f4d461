import Foundation
import XCTest

@testable import QualityGateCore

/// Noise-aware comparisons, waivers, pre-existing failures and provenance.
final class TrustworthyGatesTests: XCTestCase {
    func policy(_ text: String) throws -> Policy { try PolicyLoader.parse(Array(text.utf8), file: "p.yaml") }
    func metrics(_ json: String, file: String = "m.json") throws -> MetricSet { try MetricsLoader.parse(Array(json.utf8), file: file) }

    /// p-values against scipy.stats.norm.sf (dev/significance_oracle.py).
    func testSignificancePValuesMatchScipy() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/significance/cases.json").path
        let root = try JSON.parse(try FileSystem.readBytes(path), file: path)
        guard case .object(let top) = root.kind, case .array(let cases)? = top.first(where: { $0.key == "cases" })?.value.kind else {
            return XCTFail("bad fixture")
        }
        XCTAssertGreaterThanOrEqual(cases.count, 50)
        for c in cases {
            guard case .object(let f) = c.kind else { return XCTFail() }
            func field(_ k: String) -> JSONValue.Kind? { f.first { $0.key == k }?.value.kind }
            func num(_ k: String) -> Double {
                if case .number(let d)? = field(k) { return d }
                return .nan
            }
            func str(_ k: String) -> String {
                if case .string(let s)? = field(k) { return s }
                return ""
            }
            func uncertainty(_ k: String) -> Uncertainty {
                var u = Uncertainty()
                if case .object(let m)? = field(k) {
                    for x in m { if case .number(let d) = x.value.kind { if x.key == "n" { u.n = d } else { u.stderr = d } } }
                }
                return u
            }
            let outcome = SignificanceTest.run(
                kind: ConditionKind(rawValue: str("kind")) ?? .min, direction: Direction(rawValue: str("direction")) ?? .higher,
                value: num("value"), baseline: num("baseline"), threshold: num("threshold"),
                candidate: uncertainty("candidate"), reference: uncertainty("reference"), alpha: 0.05)
            XCTAssertEqual(outcome?.test, str("test"))
            let expected = num("p")
            XCTAssertLessThanOrEqual(abs((outcome?.pValue ?? -1) - expected), 1e-12 + 1e-9 * expected, "\(c)")
        }
    }

    func testNoiseAwareRelativeGate() throws {
        let p = try policy(
            "version: 1\ngates:\n  - {metric: accuracy, max_regression: 0.0, significance: 0.05, min_n: 1, max_stderr: 0.5}\n")
        let base = try metrics(#"{"accuracy": {"value": 0.915, "n": 5000}}"#, file: "b.json")
        // 0.912 vs 0.915 on 5000 examples each: well within the noise.
        let noisy = try GateEvaluator.evaluate(p, metrics: try metrics(#"{"accuracy": {"value": 0.912, "n": 5000}}"#), baseline: base)
        XCTAssertEqual(noisy.results[0].status, .passed)
        XCTAssertEqual(noisy.results[0].significance?.test, "two-proportion z-test")
        XCTAssertTrue(
            noisy.results[0].message.contains("; not significant (two-proportion z-test: p = 0.2968 ≥ 0.05)"), noisy.results[0].message)
        // 0.89 vs 0.915: significant.
        let real = try GateEvaluator.evaluate(p, metrics: try metrics(#"{"accuracy": {"value": 0.89, "n": 5000}}"#), baseline: base)
        XCTAssertEqual(real.results[0].status, .failed)
        XCTAssertEqual(real.verdict, .blocked)
        // Plain numbers: compared plainly, and the message says so.
        let plain = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"accuracy": 0.912}"#), baseline: try metrics(#"{"accuracy": 0.915}"#))
        XCTAssertEqual(plain.results[0].status, .failed)
        XCTAssertTrue(plain.results[0].message.hasSuffix("; no uncertainty data (n, stderr or ci), compared plainly"))
    }

    func testConfidenceIntervalsAndBootstrapSiblings() throws {
        let p = try policy("version: 1\ngates:\n  - {metric: f1, max_regression: 0.0, significance: 0.05, max_ci_width: 1}\n")
        let base = try metrics(#"{"f1": 0.90, "f1_ci": {"low": 0.88, "high": 0.92}}"#, file: "b.json")
        let overlap = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"f1": {"value": 0.89, "ci_low": 0.87, "ci_high": 0.91}}"#), baseline: base)
        XCTAssertEqual(overlap.results[0].status, .passed)
        XCTAssertEqual(
            overlap.results[0].significance?.detail, "confidence intervals: candidate [0.87, 0.91] vs baseline [0.88, 0.92]: overlap")
        let apart = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"f1": {"value": 0.85, "ci_low": 0.84, "ci_high": 0.86}}"#), baseline: base)
        XCTAssertEqual(apart.results[0].status, .failed)
    }

    func testUncertaintyValidation() {
        XCTAssertThrowsError(try metrics(#"{"a": {"value": 0.9, "n": 0}}"#)) { e in
            XCTAssertEqual((e as? MetricsError)?.message, "`n` of metric `a` is 0: a sample size must be a whole number >= 1")
        }
        XCTAssertThrowsError(try metrics(#"{"a": {"value": 0.9, "ci_low": 0.95, "ci_high": 0.91}}"#)) { e in
            XCTAssertEqual((e as? MetricsError)?.message, "`ci_low` of metric `a` is above `ci_high` (0.95 > 0.91)")
        }
        XCTAssertThrowsError(try policy("version: 1\ngates:\n  - {metric: a, min: 1, significance: 0.05}\n")) { e in
            XCTAssertEqual(
                (e as? QGateErrors)?.errors.first?.message, "`significance` applies to relative conditions, and this gate has none")
        }
    }

    func testWaiversHoldUntilTheirDateAndWarnBefore() throws {
        let p = try policy(
            """
            version: 1
            gates:
              - metric: recall
                min: 0.9
                waiver: {reason: "label noise in the new eval set, JIRA-123", until: 2026-12-31, owner: ml-team}
            """)
        let m = try metrics(#"{"recall": 0.85}"#)
        let day = { (s: String) in Clock.days(fromISODate: s)! }
        let valid = try GateEvaluator.evaluate(p, metrics: m, baseline: nil, options: .init(today: day("2026-11-24")))
        XCTAssertEqual(valid.results[0].status, .waived)
        XCTAssertEqual(valid.verdict, .passed)
        XCTAssertEqual(
            valid.results[0].message,
            "recall 0.85 < min 0.9 (short by 0.05); waived until 2026-12-31 by ml-team: label noise in the new eval set, JIRA-123")
        XCTAssertEqual(valid.notices, [])
        let soon = try GateEvaluator.evaluate(p, metrics: m, baseline: nil, options: .init(today: day("2026-12-21")))
        XCTAssertEqual(soon.notices, ["the waiver of gate `recall` expires on 2026-12-31 (in 10 days)"])
        let lastDay = try GateEvaluator.evaluate(p, metrics: m, baseline: nil, options: .init(today: day("2026-12-31")))
        XCTAssertEqual(lastDay.results[0].status, .waived)
        let expired = try GateEvaluator.evaluate(p, metrics: m, baseline: nil, options: .init(today: day("2027-01-01")))
        XCTAssertEqual(expired.results[0].status, .failed)
        XCTAssertEqual(expired.verdict, .blocked)
        XCTAssertEqual(expired.notices, ["the waiver of gate `recall` expired on 2026-12-31: the gate blocks again"])
    }

    func testWaiverConfigErrors() {
        let cases: [(String, String)] = [
            ("{until: 2026-12-31}", "a waiver needs a `reason`"),
            ("{reason: x}", "a waiver needs an `until` date"),
            ("{reason: x, until: 2026-02-30}", "invalid waiver date `2026-02-30`"),
            ("{reason: x, until: 2026-12-31, onwer: me}", "unknown key `onwer` in a waiver")
        ]
        for (waiver, message) in cases {
            XCTAssertThrowsError(try policy("version: 1\ngates:\n  - {metric: a, min: 1, waiver: \(waiver)}\n")) { e in
                XCTAssertEqual((e as? QGateErrors)?.errors.first?.message, message, waiver)
            }
        }
    }

    func testPreExistingFailuresWarnUnlessWorse() throws {
        let p = try policy(
            "version: 1\ngates:\n  - {metric: recall, min: 0.9, new_failures_only: true}\n  - {metric: p95, max: 100, direction: lower}\n")
        let base = try metrics(#"{"recall": 0.86, "p95": 120}"#, file: "b.json")
        let same = try GateEvaluator.evaluate(p, metrics: try metrics(#"{"recall": 0.87, "p95": 90}"#), baseline: base)
        XCTAssertTrue(same.results[0].preExisting)
        XCTAssertEqual(same.results[0].severity, .warning)
        XCTAssertEqual(same.verdict, .passedWithWarnings)
        let worse = try GateEvaluator.evaluate(p, metrics: try metrics(#"{"recall": 0.85, "p95": 90}"#), baseline: base)
        XCTAssertFalse(worse.results[0].preExisting)
        XCTAssertEqual(worse.verdict, .blocked)
        XCTAssertTrue(
            worse.results[0].message.hasSuffix("; not pre-existing: the baseline (0.86) fails it too, but this model is worse"),
            worse.results[0].message)
        // --new-failures-only applies to every gate; the baseline's p95 (120) failed too.
        let all = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"recall": 0.95, "p95": 110}"#), baseline: base,
            options: .init(newFailuresOnly: true))
        XCTAssertTrue(all.results[1].preExisting)
        XCTAssertEqual(all.verdict, .passedWithWarnings)
    }

    func testProvenanceNamesEveryInputAndItsHash() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let e = try EvaluationRequest(
            configPath: root + "/quality-gates.yaml", metricsPaths: [root + "/Examples/sentiment/metrics.json"],
            baselinePath: root + "/Examples/sentiment/baseline.json"
        ).run()
        XCTAssertEqual(e.policySHA256, SHA256.hex(try FileSystem.readBytes(root + "/quality-gates.yaml")))
        XCTAssertEqual(e.metricsSHA256, [SHA256.hex(try FileSystem.readBytes(root + "/Examples/sentiment/metrics.json"))])
        XCTAssertEqual(e.baseline?.sha256, SHA256.hex(try FileSystem.readBytes(root + "/Examples/sentiment/baseline.json")))
        let junit = JUnitReport.render(e, timestamp: 0)
        XCTAssertTrue(junit.contains("<property name=\"policy.sha256\" value=\"\(e.policySHA256 ?? "")\"/>"), junit)
        XCTAssertTrue(MarkdownReport.render(e).hasPrefix("<!-- qgate:sentiment-classifier -->\n"))
        XCTAssertTrue(JSONReport.render(e, exitCode: 0).contains("\"sha256\": \"\(e.metricsSHA256[0])\""))
    }
}

extension TrustworthyGatesTests {
    /// Non-finite values fail outright: neither a significance test nor the
    /// pre-existing rule may turn them into a pass or a warning.
    func testNonFiniteValuesStayFailures() throws {
        let p = try policy(
            "version: 1\ngates:\n  - {metric: a, max_regression: 0.0, significance: 0.05, min_n: 1, max_stderr: 0.5, max_ci_width: 1}\n  - {metric: lat, max: 100, direction: lower, new_failures_only: true}\n"
        )
        let nanBaseline = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"a": {"value": 0.9, "n": 100}, "lat": 50}"#),
            baseline: try metrics(#"{"a": NaN, "lat": 50}"#, file: "b.json"))
        XCTAssertEqual(nanBaseline.results[0].status, .failed)
        XCTAssertEqual(nanBaseline.verdict, .blocked)
        let infinite = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"a": 0.9, "lat": -Infinity}"#),
            baseline: try metrics(#"{"a": 0.9, "lat": 150}"#, file: "b.json"))
        XCTAssertFalse(infinite.results[1].preExisting)
        XCTAssertEqual(infinite.verdict, .blocked)
    }

    func testPreExistingNeverRaisesAnInfoGate() throws {
        let p = try policy("version: 1\ngates:\n  - {metric: size, max: 100, severity: info, new_failures_only: true}\n")
        let e = try GateEvaluator.evaluate(
            p, metrics: try metrics(#"{"size": 120}"#), baseline: try metrics(#"{"size": 130}"#, file: "b.json"))
        XCTAssertTrue(e.results[0].preExisting)
        XCTAssertEqual(e.results[0].severity, .info)
        XCTAssertEqual(e.verdict, .passed)
    }
}
