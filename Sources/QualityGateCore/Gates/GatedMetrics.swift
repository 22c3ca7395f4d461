/// Which metrics a policy's gates read, and in which direction they judge them:
/// what merging several metrics files (a metric in two files is an error only
/// when a gate reads it) and `--aggregate pessimistic` (the worst run in the
/// gates' direction) need to know.
public struct GatedMetrics: Sendable {
    let gates: [Gate]
    /// Each gate's pattern, parsed once: asked for every metric of a large file.
    let patterns: [MetricPattern?]
    /// For pattern gates with `min_count`: the names of their slices' counts (`groups.region.*.n`).
    let countPatterns: [MetricPattern]

    public init(_ policy: Policy) {
        gates = policy.gates
        patterns = policy.gates.map { MetricPattern($0.metric) }
        countPatterns = zip(policy.gates, patterns).compactMap { gate, pattern in
            guard gate.minCount != nil, let pattern else { return nil }
            return MetricPattern(pattern.countMetric(slice: "*"))
        }
    }

    /// The gates' metrics by exact name, for a loader to keep only those; nil
    /// when a pattern gate needs every name to find its slices.
    public var selection: MetricSelection? {
        patterns.contains { $0 != nil } ? nil : MetricSelection(metrics: gates.map(\.metric))
    }

    /// The gates whose metric is `name` or whose pattern matches it.
    func judging(_ name: String) -> [Gate] {
        zip(gates, patterns).filter { gate, pattern in gate.metric == name || pattern?.slice(of: name) != nil }.map(\.0)
    }

    /// Whether a gate reads `name`: its metric, the sample count `min_count`
    /// reads for a slice, or a `…_ci.low`/`…_ci.high` sibling, which becomes
    /// the interval of its metric (`MetricSet.attachSiblingIntervals`).
    public func isGated(_ name: String) -> Bool {
        for suffix in ["_ci.low", "_ci.high"] where name.hasSuffix(suffix) {
            if isGated(String(name.dropLast(suffix.count))) { return true }
        }
        return zip(gates, patterns).contains { gate, pattern in gate.metric == name || pattern?.slice(of: name) != nil }
            || countPatterns.contains { $0.slice(of: name) != nil }
    }

    /// `--aggregate pessimistic`: the direction in which the gates judge `name`
    /// (`higher` means the lowest run is the worst), nil when no gate judges it.
    /// A two-sided condition (`max_delta`) has no worst side, and gates that
    /// judge the metric in opposite directions (`min` with `max`, or two gates of
    /// different `direction`) have no single worst run: both are errors rather
    /// than a pick that would be pessimistic for one condition and optimistic
    /// for the other.
    public func worstFor(_ name: String) throws(EvaluationError) -> Direction? {
        var found: (direction: Direction, gate: Gate, condition: Condition)?
        for gate in judging(name) {
            for condition in gate.conditions {
                let direction: Direction
                switch condition.kind.side {
                case .atLeast: direction = .higher
                case .atMost:
                    // `max_spread` bounds the gap between slices, not the value.
                    if condition.kind.judgesSlices { continue }
                    direction = .lower
                case .noWorse, .better: direction = gate.direction
                case .either:
                    throw EvaluationError(
                        .pessimisticTwoSided(name, gate: gate.displayName, condition: condition.kind.key), at: condition.location)
                }
                guard let first = found else {
                    found = (direction, gate, condition)
                    continue
                }
                if first.direction != direction {
                    throw EvaluationError(
                        .pessimisticBothWays(name, first: first.condition, of: first.gate.displayName, direction: first.direction),
                        at: condition.location)
                }
            }
        }
        return found?.direction
    }
}

extension EvaluationError.Message {
    fileprivate static func pessimisticTwoSided(_ name: String, gate: String, condition: String) -> Self {
        Self(
            "pessimistic aggregation has no worst run of metric \(Sanitize.quoted(name)): gate \(Sanitize.quoted(gate))'s `\(condition)` is two-sided"
        )
    }
    fileprivate static func pessimisticBothWays(_ name: String, first: Condition, of gate: String, direction: Direction) -> Self {
        Self(
            "pessimistic aggregation has no single worst run of metric \(Sanitize.quoted(name)): this condition judges it the other way from `\(first.kind.key)` of gate \(Sanitize.quoted(gate)) at \(first.location), which takes \(direction == .higher ? "the lowest" : "the highest") run as the worst"
        )
    }
}
