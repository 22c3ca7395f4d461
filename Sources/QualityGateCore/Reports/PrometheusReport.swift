/// The Prometheus text exposition format (0.0.4) of an evaluation, for the
/// node_exporter textfile collector (`--output prometheus=FILE`, written
/// atomically) or a Pushgateway (`--pushgateway URL`).
public enum PrometheusReport {
    public static func render(_ e: Evaluation, timestamp: Int) -> String {
        let model = e.policy.model ?? ""
        var out = ""
        func family(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
            out += gauge(name, help, samples)
        }
        let conditions = e.results.filter { $0.status != .skipped }
        // Two gates may share a name (or an unnamed metric): number them so no series repeats.
        var nameCount: [String: Int] = [:]
        for g in e.policy.gates { nameCount[g.displayName, default: 0] += 1 }
        func gateLabel(_ r: ConditionResult) -> String {
            (nameCount[r.gate.displayName] ?? 0) > 1 ? "\(r.gate.displayName)#\(r.gateIndex + 1)" : r.gate.displayName
        }
        family(
            "qgate_gate_passed",
            "1 if the gate condition passed, 0 if not (also when waived or pre-existing: see qgate_gate_status); skipped conditions are omitted.",
            conditions.map { r in
                (
                    [
                        ("model", model), ("gate", gateLabel(r)), ("metric", r.metric),
                        ("condition", r.kind.key), ("severity", r.severity.rawValue)
                    ], r.status == .passed ? 1 : 0
                )
            })
        // The status, not passed/failed: a waived or pre-existing failure is
        // not a release-blocking one, and a dashboard must be able to tell.
        family(
            "qgate_gate_status",
            "1 for each gate condition, labelled with its status: passed, failed, waived, pre_existing or skipped.",
            e.results.map { r in
                (
                    [
                        ("model", model), ("gate", gateLabel(r)), ("metric", r.metric),
                        ("condition", r.kind.key), ("severity", r.severity.rawValue), ("status", statusLabel(r))
                    ], 1
                )
            })
        family(
            "qgate_waiver_expiry_timestamp_seconds",
            "Unix time a gate's waiver stops holding (the start of the day after its `until`).",
            e.policy.gates.enumerated().compactMap { i, g in
                g.waiver.map { w in
                    let name = (nameCount[g.displayName] ?? 0) > 1 ? "\(g.displayName)#\(i + 1)" : g.displayName
                    return ([("model", model), ("gate", name)], Double(w.untilDay + 1) * 86_400)
                }
            })
        var seen = Set<String>()
        let values = e.results.filter { $0.value != nil && seen.insert($0.metric).inserted }
        family(
            "qgate_metric_value", "Value of each gated metric in the evaluated model.",
            values.map { ([("model", model), ("metric", $0.metric)], $0.value ?? .nan) })
        seen.removeAll()
        let baselines = e.results.filter { $0.baseline != nil && seen.insert($0.metric).inserted }
        family(
            "qgate_baseline_value", "Baseline (last release) value of each metric a relative gate compared against.",
            baselines.map { ([("model", model), ("metric", $0.metric)], $0.baseline ?? .nan) })
        let sigmas = e.results.filter { $0.history?.isEnough == true }
        if !sigmas.isEmpty {
            family(
                "qgate_history_sigma",
                "max_regression_sigma: standard deviation of the metric's release-to-release changes in the history window.",
                sigmas.map { r in ([("model", model), ("gate", gateLabel(r)), ("metric", r.metric)], r.history?.sigma ?? .nan) })
        }
        family(
            "qgate_release_blocked", "1 if a critical gate blocked the release, else 0.",
            [([("model", model)], e.verdict == .blocked ? 1 : 0)])
        family(
            "qgate_warnings", "Number of failed warning-severity conditions.",
            [([("model", model)], Double(e.warningCount))])
        family(
            "qgate_evaluation_timestamp_seconds", "Unix time of the evaluation.",
            [([("model", model)], Double(timestamp))])
        return out
    }

    /// One of a fixed set of values, whatever the input: `passed`, `failed`,
    /// `waived`, `pre_existing` (a failure `new_failures_only` let through) or `skipped`.
    static func statusLabel(_ r: ConditionResult) -> String {
        switch r.status {
        case .passed: return "passed"
        case .skipped: return "skipped"
        case .waived: return "waived"
        case .failed: return r.preExisting ? "pre_existing" : "failed"
        }
    }

    /// One gauge family in the text format: HELP, TYPE and a sample per label set.
    static func gauge(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) -> String {
        var out = "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) gauge\n"
        for (pairs, value) in samples { out += "\(name){\(labels(pairs))} \(number(value))\n" }
        return out
    }

    static func labels(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",")
    }

    /// Label values escape `\`, `"` and line feed, as the text format defines.
    /// The format has no escape for CR and other controls or invisible characters:
    /// they are written as visible text (`\\r`, `\\u{202e}`: the value reads `\r`,
    /// `\u{202e}`), because a raw CR would start a new line for a CI runner reading
    /// the file or stdout. The `[` of a `##[` gets a backslash the same way.
    public static func escapeLabel(_ s: String) -> String { escape(s, quotes: true) }

    /// HELP text escapes `\` and line feed, and the rest as label values do.
    static func escapeHelp(_ s: String) -> String { escape(s, quotes: false) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var scanner = WorkflowCommandGuard.LegacyPrefixScanner()
        return Escaping.map(s) { u in
            if scanner.completesPrefix(u) { return "\\\\[" }
            switch u {
            case "\\": return "\\\\"
            case "\"" where quotes: return "\\\""
            case "\n": return "\\n"
            default: return Sanitize.mustEscape(u) ? "\\" + Sanitize.escape(u) : nil
            }
        }
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "+Inf" }
        return NumberFormatting.exact(x)
    }
}
