/// The slice a gate was applied to, when its metric is a pattern: the data
/// reports name it by (`<gate>[<slice>]`) and `min_count` is judged on.
public struct GateSlice: Sendable, Equatable {
    /// The slice's name as the metrics file spells it: untrusted data.
    public var value: String
    public var pattern: MetricPattern
    /// The slice's sample count, when the gate has `min_count`: nil when the
    /// count metric is absent or not a finite number.
    public var count: Double?
}

/// Applies pattern gates (`metric: groups.region.*.recall`) to every matching
/// metric: one gate per slice, each keeping the policy gate's index (its
/// identity in statistics and `synth-test`). A pattern that matches nothing
/// stays one gate on the pattern, so its missing metric follows `on_missing_metric`.
enum SliceExpansion {
    static func gates(of policy: Policy, metrics: MetricSet) -> [(index: Int, gate: Gate)] {
        var out: [(index: Int, gate: Gate)] = []
        for (index, gate) in policy.gates.enumerated() {
            guard let pattern = MetricPattern(gate.metric) else {
                out.append((index, gate))
                continue
            }
            // Sorted by slice name: the order of a report whatever the file's order.
            let slices = metrics.names.compactMap(pattern.slice(of:)).sorted()
            if slices.isEmpty { out.append((index, gate)) }
            for value in slices {
                var g = gate
                g.metric = pattern.metric(slice: value)
                var count: Double?
                if gate.minCount != nil, case .number(let n)? = metrics[pattern.countMetric(slice: value)]?.value, n.isFinite { count = n }
                g.slice = GateSlice(value: value, pattern: pattern, count: count)
                out.append((index, g))
            }
        }
        return out
    }

    /// Whether `metric` is a pattern that some metric of `metrics` matches (lint's unknown-metric check).
    static func matchesAny(_ metric: String, in metrics: MetricSet) -> Bool {
        guard let pattern = MetricPattern(metric) else { return false }
        return metrics.names.contains { pattern.slice(of: $0) != nil }
    }

    /// The policy `synth-test` generates synthetic metrics for: a synthetic
    /// file names a pattern gate's metric as written, so the gate meets one
    /// stand-in slice, `*`, whose bound each case probes; it has no sample
    /// count, so `min_count` is left out there, and one slice has no gap, so `max_spread` is too.
    static func standIn(_ policy: Policy) -> Policy {
        var p = policy
        for i in p.gates.indices {
            p.gates[i].minCount = nil
            p.gates[i].conditions.removeAll { $0.kind.judgesSlices }
        }
        return p
    }

    /// Why a slice is not judged by `min_count`: too few samples (a visible skip),
    /// or no count to tell (handled as a missing metric, `on_missing_metric`).
    static func countFinding(_ gate: Gate) -> ConditionFinding? {
        guard let minCount = gate.minCount, let slice = gate.slice else { return nil }
        let countMetric = slice.pattern.countMetric(slice: slice.value)
        guard let n = slice.count else { return .missingSliceCount(countMetric: countMetric, onMissing: gate.onMissingMetric) }
        return n < Double(minCount) ? .sliceTooSmall(count: n, countMetric: countMetric, minCount: minCount) : nil
    }
}
