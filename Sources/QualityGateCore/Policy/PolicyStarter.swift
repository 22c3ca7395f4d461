/// Writes a first `quality-gates.yaml` (`qgate init`): a commented policy that
/// `qgate validate` accepts, with one gate per metric of an evaluation when
/// one is given. Each gate starts at the candidate's current value (an
/// absolute floor or ceiling) and allows a small regression against the last
/// release; the comments say what to tighten. A starting point a person edits,
/// not a policy to trust unread — the header says so.
public enum PolicyStarter {
    /// Parts of a name that say it counts rows rather than measures quality.
    static let countWords: Set<String> = ["n", "count", "support", "rows", "tp", "fp", "tn", "fn", "confusion"]

    public struct Options: Sendable {
        public var model: String
        public var source: String?
        public var date: String

        public init(model: String, source: String?, date: String) {
            self.model = model
            self.source = source
            self.date = date
        }
    }

    /// The policy text; `metrics` nil writes a one-gate template.
    public static func policy(for metrics: MetricSet?, options: Options) -> String {
        var lines = header(options)
        lines += [
            "version: 1",
            "model: \(options.model)   # the store keeps this model's releases under this name",
            "",
            "defaults:",
            "  severity: critical          # a failed critical condition blocks the release",
            "  on_missing_metric: fail     # a metric the evaluation forgot is a broken pipeline",
            "  on_missing_baseline: skip   # the first release has no baseline: relative conditions skip",
            "",
            "gates:"
        ]
        let gated = metrics.map(gateableMetrics) ?? []
        var names = Set<String>()
        if gated.isEmpty {
            lines += [
                "  - metric: accuracy",
                "    name: accuracy",
                "    min: 0.9              # absolute: never release below this",
                "    max_regression: 0.01  # relative: at most 0.01 worse than the last release"
            ]
        }
        for (metric, value) in gated {
            // `a.b` and `a-b` both make `a-b`: names must stay unique.
            var name = gateName(metric)
            var n = 2
            while !names.insert(name).inserted {
                name = "\(gateName(metric))-\(n)"
                n += 1
            }
            lines += gate(metric: metric, name: name, value: value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(_ options: Options) -> [String] {
        let from = options.source.map { " from \($0)" } ?? ""
        return [
            "# quality-gates.yaml — written by `qgate init`\(from) on \(options.date).",
            "#",
            "# Each gate starts at the evaluated model's current value and allows a",
            "# small regression against the last released model. These are starting",
            "# points: set each bound to what the product needs, check the inferred",
            "# directions, and run `qgate validate` and `qgate synth-test` after editing.",
            ""
        ]
    }

    private static func gate(metric name: String, name gate: String, value: Double) -> [String] {
        let lower = MetricNames.looksLowerIsBetter(name)
        let bound = NumberFormatting.exact(value)
        var lines = ["", "  - metric: \(quoted(name))", "    name: \(quoted(gate))"]
        if lower { lines.append("    direction: lower        # inferred from the name; change if wrong") }
        if lower && MetricNames.words(name).contains(where: { ["latency", "time", "duration", "ms", "seconds"].contains($0) }) {
            lines.append("    severity: warning       # speed regressions warn; make critical if they must block")
        }
        lines.append("    \(lower ? "max" : "min"): \(bound)\(String(repeating: " ", count: max(1, 20 - bound.count)))# today's value")
        if (0...1).contains(value) {
            lines.append("    max_regression: 0.01        # at most 0.01 worse than the last release")
        } else {
            lines.append("    max_regression_ratio: 0.05  # at most 5% worse than the last release")
        }
        return lines
    }

    /// Finite numbers that measure quality, in the file's order; counts and
    /// uncertainty claims and the parts of a
    /// metric written with its uncertainty are left out.
    static func gateableMetrics(_ metrics: MetricSet) -> [(String, Double)] {
        metrics.names.compactMap { name in
            guard case .number(let value)? = metrics[name]?.value, value.isFinite else { return nil }
            let parts = MetricNames.words(name)
            guard !parts.contains(where: countWords.contains) else { return nil }
            guard !name.hasSuffix("_ci") && !name.contains("_ci.") && !parts.contains("stderr") else { return nil }
            // `roc_auc.value` of `{"roc_auc": {"value": …, "n": …}}` is a part of `roc_auc`.
            if let dot = name.lastIndex(of: "."), case .number? = metrics[String(name[..<dot])]?.value { return nil }
            return (name, value)
        }
    }

    /// A gate name from a metric name: `latency.p95_ms` → `latency-p95-ms`.
    private static func gateName(_ metric: String) -> String {
        String(metric.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// A YAML double-quoted scalar: metric names come from a file and may hold
    /// any character, including `#`, `: ` or quotes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let width = scalar.value > 0xFFFF ? 8 : 4
                    out += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
