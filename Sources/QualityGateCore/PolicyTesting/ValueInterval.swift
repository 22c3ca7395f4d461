/// The set of values that pass every condition on one metric, given a baseline
/// value: an interval [lower, upper] (either end may be infinite). Synthetic
/// cases are drawn from it, and an empty interval is a contradiction.
struct ValueInterval: Sendable, Equatable {
    var lower: Double = -.infinity
    var upper: Double = .infinity

    var isEmpty: Bool { lower > upper + GateEvaluator.slack(upper) }

    func contains(_ x: Double) -> Bool {
        GateEvaluator.atLeast(x, lower) && GateEvaluator.atMost(x, upper)
    }

    /// Intersected with the values that pass one condition.
    func intersecting(_ c: Condition, direction: Direction, baseline b: Double, sigma: Double? = nil) -> ValueInterval {
        var r = self
        let (lo, hi) = ValueInterval.bounds(of: c, direction: direction, baseline: b, sigma: sigma)
        r.lower = Swift.max(r.lower, lo)
        r.upper = Swift.min(r.upper, hi)
        return r
    }

    /// The interval one condition allows: its kind's bound. A `max_regression_sigma`
    /// condition without a σ (no history to learn from) bounds nothing yet.
    static func bounds(of c: Condition, direction: Direction, baseline b: Double, sigma: Double? = nil) -> (Double, Double) {
        if c.kind.learnsFromHistory && sigma?.isFinite != true { return (-.infinity, .infinity) }
        return c.kind.bound(threshold: c.threshold, baseline: b, direction: direction, sigma: sigma).interval
    }

    /// A value well inside the interval: the midpoint, or a margin away from the
    /// only finite end, or `preferred` when the interval is unbounded.
    func comfortablyInside(preferred: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return (lower + upper) / 2
        case (true, false): return Swift.max(preferred, lower + ValueInterval.margin(lower))
        case (false, true): return Swift.min(preferred, upper - ValueInterval.margin(upper))
        case (false, false): return preferred
        }
    }

    /// A clear margin (5% of the magnitude, at least 0.01) for "passes with margin".
    static func margin(_ x: Double) -> Double { Swift.max(abs(x) * 0.05, 0.01) }

    /// A step just beyond a bound: larger than the evaluator's rounding slack,
    /// small enough to stay inside the other conditions' interval.
    static func step(_ x: Double) -> Double { Swift.max(abs(x), 1) * 1e-6 }
}
