@testable import QualityGateCore

/// Evaluations for the report tests, made the way `qgate evaluate` makes them
/// (policy and metrics parsed from text, then evaluated), so a report test
/// needs no knowledge of how a result is stored.
enum EvaluationFixture {
    static func evaluate(policy: String, metrics: String, baseline: String? = nil) throws -> Evaluation {
        let p = try PolicyLoader.parse(Array(policy.utf8), file: "p.yaml", today: 20_000)
        let m = try MetricsLoader.parse(Array(metrics.utf8), file: "m.json")
        let b = try baseline.map { try MetricsLoader.parse(Array($0.utf8), file: "b.json") }
        return try GateEvaluator.evaluate(p, metrics: m, baseline: b, options: .init(today: 20_000))
    }

    /// A gate whose name holds every character the formats escape, a warning,
    /// two gates on one metric (one unnamed), and a skipped gate on a metric whose
    /// name holds a bidi override (U+202E).
    static func hostile() throws -> Evaluation {
        try evaluate(
            policy: #"""
                version: 1
                model: m
                gates:
                  - name: "a<b & \"c\" 'd' ##[x"
                    metric: acc
                    min: 0.9
                  - {name: "pipe | @team www.x.io http://e.com *b* _i_", metric: f1, min: 0.5, severity: warning}
                  - {metric: loss, max: 1, direction: lower}
                  - {metric: loss, max_regression: 0.1, direction: lower, name: loss-trend}
                  - {metric: "lat\u202Ems", max: 100, on_missing_metric: skip}

                """#, metrics: #"{"acc": 0.8, "f1": 0.4, "loss": 0.5}"#, baseline: #"{"acc": 0.95, "f1": 0.6, "loss": 0.3}"#)
    }
}
