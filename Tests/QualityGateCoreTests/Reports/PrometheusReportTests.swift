import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The Prometheus text exposition of an evaluation.
final class PrometheusReportTests: XCTestCase {
    func testLabelValuesEscapeWhatTheFormatDefinesAndShowTheRest() {
        XCTAssertEqual(PrometheusReport.escapeLabel(#"a\b"c"#), #"a\\b\"c"#)
        XCTAssertEqual(PrometheusReport.escapeLabel("x\ny"), #"x\ny"#)
        // No escape exists for CR or U+202E in the format: written as visible text.
        XCTAssertEqual(PrometheusReport.escapeLabel("x\ry\u{202E}"), #"x\\ry\\u{202e}"#)
        XCTAssertEqual(PrometheusReport.escapeLabel("##[stop"), #"##\\[stop"#)
        XCTAssertEqual(PrometheusReport.escapeLabel("é漢🙂 ok"), "é漢🙂 ok")
        // HELP text keeps its quotes.
        XCTAssertEqual(PrometheusReport.escapeHelp(#"say "hi"\"#), #"say "hi"\\"#)
    }

    func testNumbers() {
        XCTAssertEqual(PrometheusReport.number(.nan), "NaN")
        XCTAssertEqual(PrometheusReport.number(.infinity), "+Inf")
        XCTAssertEqual(PrometheusReport.number(-.infinity), "-Inf")
        XCTAssertEqual(PrometheusReport.number(0.1), "0.1")
        XCTAssertEqual(PrometheusReport.number(1_795_509_000), "1795509000")
    }

    func testGaugeFamily() {
        XCTAssertEqual(
            PrometheusReport.gauge("g", "help\nme", [([("a", "1"), ("b", "\"")], 2), ([], 0.5)]),
            "# HELP g help\\nme\n# TYPE g gauge\ng{a=\"1\",b=\"\\\"\"} 2\ng{} 0.5\n")
    }

    /// Skipped conditions are left out; gates sharing a name (which a loaded
    /// policy cannot have, a policy built in code can) are numbered by their
    /// position in the policy, so no series repeats.
    func testEvaluation() throws {
        var evaluation = try EvaluationFixture.hostile()
        evaluation.policy.gates[3].name = nil
        evaluation.results[3].gate.name = nil
        let text = PrometheusReport.render(evaluation, timestamp: 1_795_509_000)
        XCTAssertEqual(
            text,
            """
            # HELP qgate_gate_passed 1 if the gate condition passed, 0 if not (also when waived or pre-existing: see qgate_gate_status); skipped conditions are omitted.
            # TYPE qgate_gate_passed gauge
            qgate_gate_passed{model="m",gate="a<b & \\"c\\" 'd' ##\\\\[x",metric="acc",condition="min",severity="critical"} 0
            qgate_gate_passed{model="m",gate="pipe | @team www.x.io http://e.com *b* _i_",metric="f1",condition="min",severity="warning"} 0
            qgate_gate_passed{model="m",gate="loss#3",metric="loss",condition="max",severity="critical"} 1
            qgate_gate_passed{model="m",gate="loss#4",metric="loss",condition="max_regression",severity="critical"} 0
            # HELP qgate_gate_status 1 for each gate condition, labelled with its status: passed, failed, waived, pre_existing or skipped.
            # TYPE qgate_gate_status gauge
            qgate_gate_status{model="m",gate="a<b & \\"c\\" 'd' ##\\\\[x",metric="acc",condition="min",severity="critical",status="failed"} 1
            qgate_gate_status{model="m",gate="pipe | @team www.x.io http://e.com *b* _i_",metric="f1",condition="min",severity="warning",status="failed"} 1
            qgate_gate_status{model="m",gate="loss#3",metric="loss",condition="max",severity="critical",status="passed"} 1
            qgate_gate_status{model="m",gate="loss#4",metric="loss",condition="max_regression",severity="critical",status="failed"} 1
            qgate_gate_status{model="m",gate="lat\\\\u{202e}ms",metric="lat\\\\u{202e}ms",condition="max",severity="critical",status="skipped"} 1
            # HELP qgate_waiver_expiry_timestamp_seconds Unix time a gate's waiver stops holding (the start of the day after its `until`).
            # TYPE qgate_waiver_expiry_timestamp_seconds gauge
            # HELP qgate_metric_value Value of each gated metric in the evaluated model.
            # TYPE qgate_metric_value gauge
            qgate_metric_value{model="m",metric="acc"} 0.8
            qgate_metric_value{model="m",metric="f1"} 0.4
            qgate_metric_value{model="m",metric="loss"} 0.5
            # HELP qgate_baseline_value Baseline (last release) value of each metric a relative gate compared against.
            # TYPE qgate_baseline_value gauge
            qgate_baseline_value{model="m",metric="loss"} 0.3
            # HELP qgate_release_blocked 1 if a critical gate blocked the release, else 0.
            # TYPE qgate_release_blocked gauge
            qgate_release_blocked{model="m"} 1
            # HELP qgate_warnings Number of failed warning-severity conditions.
            # TYPE qgate_warnings gauge
            qgate_warnings{model="m"} 1
            # HELP qgate_evaluation_timestamp_seconds Unix time of the evaluation.
            # TYPE qgate_evaluation_timestamp_seconds gauge
            qgate_evaluation_timestamp_seconds{model="m"} 1795509000

            """)
    }

    /// Issue 21: a waived critical gate was exported only as
    /// `qgate_gate_passed{severity="critical"} 0`, a blocking failure to every
    /// panel while the verdict said ALLOWED. Every condition now carries its
    /// status from a fixed set, and a waiver its expiry.
    func testEveryConditionCarriesItsStatus() throws {
        let evaluation = try EvaluationFixture.evaluate(
            policy: """
                version: 1
                model: m
                gates:
                  - {metric: acc, min: 0.9}
                  - name: known "gap"
                    metric: f1
                    min: 0.9
                    waiver: {reason: tracked, until: 2024-10-20}
                  - {metric: recall, min: 0.9, new_failures_only: true}
                  - {metric: lat, max: 100, on_missing_metric: skip}
                  - {metric: size, max: 10, severity: warning}

                """, metrics: #"{"acc": 0.95, "f1": 0.5, "recall": 0.8, "size": 20}"#, baseline: #"{"recall": 0.7}"#)
        XCTAssertEqual(evaluation.verdict, .passedWithWarnings)
        let text = PrometheusReport.render(evaluation, timestamp: 1_795_509_000)
        let families = ["qgate_gate_status", "qgate_waiver_expiry_timestamp_seconds"]
        let status = text.split(separator: "\n").filter { line in
            families.contains { line.hasPrefix($0 + "{") || line.hasPrefix("# HELP \($0) ") || line.hasPrefix("# TYPE \($0) ") }
        }
        XCTAssertEqual(
            status.joined(separator: "\n"),
            #"""
            # HELP qgate_gate_status 1 for each gate condition, labelled with its status: passed, failed, waived, pre_existing or skipped.
            # TYPE qgate_gate_status gauge
            qgate_gate_status{model="m",gate="acc",metric="acc",condition="min",severity="critical",status="passed"} 1
            qgate_gate_status{model="m",gate="known \"gap\"",metric="f1",condition="min",severity="critical",status="waived"} 1
            qgate_gate_status{model="m",gate="recall",metric="recall",condition="min",severity="warning",status="pre_existing"} 1
            qgate_gate_status{model="m",gate="lat",metric="lat",condition="max",severity="critical",status="skipped"} 1
            qgate_gate_status{model="m",gate="size",metric="size",condition="max",severity="warning",status="failed"} 1
            # HELP qgate_waiver_expiry_timestamp_seconds Unix time a gate's waiver stops holding (the start of the day after its `until`).
            # TYPE qgate_waiver_expiry_timestamp_seconds gauge
            qgate_waiver_expiry_timestamp_seconds{model="m",gate="known \"gap\""} 1729468800
            """#)
        XCTAssertTrue(text.contains("qgate_release_blocked{model=\"m\"} 0\n"), text)
        try PromtoolCheck.metrics(text)
    }
}
