/// What a metrics file says about a metric's noise: its sample size, standard
/// error or confidence interval (`{"value": 0.912, "n": 5000}`).
///
/// The training job being gated writes these numbers about itself, so they are
/// checked like any other untrusted input (`UncertaintyCheck`), and a policy can
/// bound what it accepts (`UncertaintyLimits`).
public struct Uncertainty: Sendable, Equatable {
    public var n: Double?
    public var stderr: Double?
    public var ciLow: Double?
    public var ciHigh: Double?

    public init(n: Double? = nil, stderr: Double? = nil, ciLow: Double? = nil, ciHigh: Double? = nil) {
        self.n = n
        self.stderr = stderr
        self.ciLow = ciLow
        self.ciHigh = ciHigh
    }

    public var isEmpty: Bool { n == nil && stderr == nil && ciLow == nil && ciHigh == nil }

    /// `ci_high - ci_low`, when both are given.
    public var ciWidth: Double? {
        guard let lo = ciLow, let hi = ciHigh else { return nil }
        return hi - lo
    }
}

/// The rules an uncertainty claim must meet to be read at all. A claim that
/// breaks them could only loosen a noise-aware gate (a NaN bound never "lies
/// beyond" anything, an n of 1e-300 makes any regression look like noise), so
/// it is an input error, reported at the offending key.
enum UncertaintyCheck {
    enum Key: Hashable { case n, stderr, ciLow, ciHigh }

    /// How the claim was written: `{"value": …, "ci_low": …}` or `acc_ci.low` siblings.
    enum Style {
        case nested
        case siblings

        func label(_ key: Key, metric: String) -> String {
            switch (self, key) {
            case (_, .n): return "`n` of metric \(Sanitize.quoted(metric))"
            case (_, .stderr): return "`stderr` of metric \(Sanitize.quoted(metric))"
            case (.nested, .ciLow): return "`ci_low` of metric \(Sanitize.quoted(metric))"
            case (.nested, .ciHigh): return "`ci_high` of metric \(Sanitize.quoted(metric))"
            case (.siblings, .ciLow): return "`\(Sanitize.inline(metric))_ci.low`"
            case (.siblings, .ciHigh): return "`\(Sanitize.inline(metric))_ci.high`"
            }
        }
    }

    /// Where each key of the claim was written: origins, resolved to a line
    /// and column only by an error (a metrics file's source is not indexed).
    struct Found {
        var origins: [Key: Metric.Origin] = [:]

        func location(_ key: Key) -> SourceLocation? { origins[key]?.location }
    }

    /// A rate's standard error: at most √(¼) for a mean of values in [0, 1].
    static let largestRateStderr = 0.5

    static func check(_ u: Uncertainty, value: Double, metric: String, found: Found, style: Style) throws(MetricsError) {
        func label(_ key: Key) -> String { style.label(key, metric: metric) }
        func fail(_ key: Key, _ message: MetricsError.Message, hint: String) -> MetricsError {
            MetricsError(message, at: found.location(key), hint: hint)
        }
        if let n = u.n, !(n >= 1 && n.isFinite && n == n.rounded()) {
            throw fail(
                .n, .invalidSampleSize(label(.n), n),
                hint: "write the number of examples the metric was computed on, e.g. \"n\": 5000")
        }
        if let s = u.stderr {
            if !(s >= 0 && s.isFinite) {
                throw fail(
                    .stderr, .invalidStderr(label(.stderr), s),
                    hint: "write the standard error of the metric, e.g. \"stderr\": 0.004")
            }
            if (0...1).contains(value) && s > largestRateStderr {
                throw fail(
                    .stderr, .rateStderrTooLarge(label(.stderr), s),
                    hint: "check how the standard error was computed (it is √(p(1−p)/n) for a rate)")
            }
        }
        if (u.ciLow == nil) != (u.ciHigh == nil) {
            let missing = u.ciLow == nil ? Key.ciLow : .ciHigh
            let given = u.ciLow == nil ? Key.ciHigh : .ciLow
            throw MetricsError(
                .halfInterval(metric, given: label(given), missing: label(missing)),
                at: found.location(given), hint: "a confidence interval needs both ends")
        }
        guard let lo = u.ciLow, let hi = u.ciHigh else { return }
        for (key, bound) in [(Key.ciLow, lo), (.ciHigh, hi)] where !bound.isFinite {
            throw fail(
                key, .nonFiniteIntervalBound(label(key), bound),
                hint: "write the interval the evaluation computed, e.g. 0.90 and 0.92")
        }
        if !(lo <= hi) {
            let high = style == .nested ? "`ci_high`" : style.label(.ciHigh, metric: metric)
            throw fail(.ciLow, .reversedInterval(label(.ciLow), high: high, lo, hi), hint: "swap the two ends")
        }
        // A non-finite value fails every condition anyway; a finite one must lie inside its interval.
        if value.isFinite && !(lo <= value && value <= hi) {
            throw MetricsError(
                .valueOutsideInterval(metric, value, lo, hi),
                at: found.location(value < lo ? .ciLow : .ciHigh),
                hint: "an interval must contain the value it is around; check the metric and its interval")
        }
    }
}

extension MetricsError.Message {
    fileprivate static func invalidSampleSize(_ label: String, _ n: Double) -> Self {
        Self("\(label) is \(NumberFormatting.exact(n)): a sample size must be a whole number >= 1")
    }
    fileprivate static func invalidStderr(_ label: String, _ stderr: Double) -> Self {
        Self("\(label) is \(NumberFormatting.exact(stderr)): a standard error must be a finite number >= 0")
    }
    fileprivate static func rateStderrTooLarge(_ label: String, _ stderr: Double) -> Self {
        Self("\(label) is \(NumberFormatting.exact(stderr)) for a value in [0, 1]: a rate's standard error is at most 0.5")
    }
    fileprivate static func halfInterval(_ metric: String, given: String, missing: String) -> Self {
        Self("metric \(Sanitize.quoted(metric)) has \(given) but not \(missing)")
    }
    fileprivate static func nonFiniteIntervalBound(_ label: String, _ bound: Double) -> Self {
        Self("\(label) is \(NumberFormatting.exact(bound)): an interval bound must be a finite number")
    }
    fileprivate static func reversedInterval(_ label: String, high: String, _ lo: Double, _ hi: Double) -> Self {
        Self("\(label) is above \(high) (\(NumberFormatting.exact(lo)) > \(NumberFormatting.exact(hi)))")
    }
    fileprivate static func valueOutsideInterval(_ metric: String, _ value: Double, _ lo: Double, _ hi: Double) -> Self {
        let f = NumberFormatting.exact
        return Self("metric \(Sanitize.quoted(metric)) is \(f(value)), outside its own interval [\(f(lo)), \(f(hi))]")
    }
}
