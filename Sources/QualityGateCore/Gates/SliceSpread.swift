/// The fairness gap of a pattern gate (`max_spread: t`): the best and the worst
/// of its judged slices, as data; the gap is the result's `value`. Reports
/// name both slices (Reports/ConditionReasonText.swift).
public struct SliceSpread: Sendable, Equatable {
    public struct Slice: Sendable, Equatable {
        /// The slice's name as the metrics file spells it: untrusted data.
        public var name: String
        public var value: Double
    }
    /// Best and worst in the gate's direction (the gap itself has none); ties go to the first slice in name order.
    public var best: Slice
    public var worst: Slice
    /// How many slices were judged (matched and not skipped by `min_count`).
    public var judged: Int
}

/// Judges `max_spread` once per pattern gate over the slices SliceExpansion
/// made of it. A slice skipped by `min_count` is left out; one whose count is
/// missing, or whose value is null, follows `on_missing_metric` as it would
/// alone; a non-finite value fails. Fewer than two judged slices leave no gap
/// to measure: that follows `on_missing_metric` too (fail closed by default).
/// A pattern that matched nothing never gets here: its one gate on the pattern
/// is a missing metric like any other condition.
enum SliceSpreadCheck {
    static func result(
        _ condition: Condition, of gate: Gate, index: Int, slices: [Gate], metrics: MetricSet
    ) -> ConditionResult {
        var r = ConditionResult(
            gate: gate, gateIndex: index, kind: condition.kind, severity: gate.severity, status: .passed,
            value: nil, baseline: nil, threshold: condition.threshold, requirement: nil,
            finding: .withinBound, location: condition.location)
        var judged: [SliceSpread.Slice] = []
        for s in slices {
            guard let slice = s.slice else { continue }
            if let finding = SliceExpansion.countFinding(s) {
                if finding.code == .sliceTooSmall { continue }
                GateEvaluator.applyMissing(gate.onMissingMetric, to: &r, finding)
                return r
            }
            let metric = metrics[s.metric]
            if let metric, metric.value == .undefined {
                GateEvaluator.applyMissing(
                    gate.onMissingMetric, to: &r, .undefinedMetric(at: metric.location, onMissing: gate.onMissingMetric))
                return r
            }
            guard let v = GateEvaluator.number(metric) else { continue }
            if !v.isFinite {
                r.value = v
                r.status = .failed
                r.finding = .nonFiniteValue
                return r
            }
            judged.append(SliceSpread.Slice(name: slice.value, value: v))
        }
        guard judged.count >= 2, let first = judged.first else {
            GateEvaluator.applyMissing(
                gate.onMissingMetric, to: &r, .tooFewSlices(judged: judged.count, onMissing: gate.onMissingMetric))
            return r
        }
        var high = first
        var low = first
        for s in judged.dropFirst() {
            if s.value > high.value { high = s }
            if s.value < low.value { low = s }
        }
        let (best, worst) = gate.direction == .higher ? (high, low) : (low, high)
        r.spread = SliceSpread(best: best, worst: worst, judged: judged.count)
        // high - low of two finite values can overflow: then no finite bound admits it.
        r.value = high.value - low.value
        let bound = condition.kind.bound(threshold: condition.threshold, baseline: 0, direction: gate.direction)
        r.requirement = bound
        if !bound.admits(r.value ?? .infinity) {
            r.status = .failed
            r.finding = .beyond(bound)
        }
        return r
    }
}
