/// The kinds of condition a gate can carry: the one definition of each. A kind
/// is its key, its side, the allowance its threshold grants (relative kinds),
/// the rule in words and examples that are both documentation and a test (as
/// SwiftLint rules do). Everything else derives from these: the bound the
/// evaluator compares with (`bound(threshold:baseline:direction:)`), the
/// synthetic-case intervals, the significance test's excess, `--print`,
/// `--explain`, the REQUIRED column and the lint. Adding a kind means adding a
/// case here (and its examples); `ConditionKindPropertyTests` checks every consumer.
public enum ConditionKind: String, Sendable, CaseIterable {
    case min
    case max
    case maxRegression = "max_regression"
    case maxRegressionRatio = "max_regression_ratio"
    case maxDelta = "max_delta"
    case minImprovement = "min_improvement"
    case minImprovementRatio = "min_improvement_ratio"
    /// A pattern gate's fairness gap: best slice minus worst slice, at most t.
    /// Judged once per gate over its slices (Gates/SliceSpread.swift), not per metric.
    case maxSpread = "max_spread"
    /// No worse than the baseline by more than k standard deviations (σ) of the
    /// metric's release-to-release changes in the store's history (Gates/SigmaWindow.swift).
    case maxRegressionSigma = "max_regression_sigma"

    /// The policy key that spells this condition.
    public var key: String { rawValue }

    /// Relative conditions compare against the baseline (previous release).
    public var isRelative: Bool {
        switch self {
        case .min, .max, .maxSpread: return false
        case .maxRegression, .maxRegressionRatio, .maxDelta, .minImprovement, .minImprovementRatio, .maxRegressionSigma: return true
        }
    }

    /// Its allowance is k·σ, σ learned from the release history: a bound exists
    /// only once the evaluator has measured σ (`bound(…, sigma:)`). The kind is
    /// its own noise model, so a gate cannot also set `significance`.
    public var learnsFromHistory: Bool { self == .maxRegressionSigma }

    /// Whether the gate's direction decides which values pass: the relative
    /// kinds with a better and a worse side (`max_delta` is symmetric, and
    /// absolute bounds say their side themselves).
    public var usesDirection: Bool { isRelative && side != .either }

    /// Tolerances and required improvements cannot be negative (a negative
    /// improvement would be a tolerance in disguise); absolute bounds can.
    public var isTolerance: Bool { isRelative || self == .maxSpread }

    /// Judged once per pattern gate on the gap between its slices, not on each
    /// metric: a bound on no single value, so only a pattern gate may carry it.
    public var judgesSlices: Bool { self == .maxSpread }

    /// Which values a kind lets pass, relative to its reference (the threshold
    /// for absolute kinds, the baseline for relative ones).
    public enum Side: Sendable {
        /// At least the threshold.
        case atLeast
        /// At most the threshold.
        case atMost
        /// No worse than the baseline by more than the allowance (the gate's direction says which way is worse).
        case noWorse
        /// Within the allowance of the baseline, either way.
        case either
        /// Better than the baseline by at least the allowance (the gate's direction says which way is better).
        case better
    }

    public var side: Side {
        switch self {
        case .min: return .atLeast
        case .max, .maxSpread: return .atMost
        case .maxRegression, .maxRegressionRatio, .maxRegressionSigma: return .noWorse
        case .maxDelta: return .either
        case .minImprovement, .minImprovementRatio: return .better
        }
    }

    /// What a gate's `significance` does to this kind's decision. Noise may
    /// only ever make a gate stricter than "compare plainly" where the kind
    /// demands something of the candidate: a tolerated regression that is not
    /// significant passes, but a required improvement that is not significant
    /// fails (as does one that cannot be tested: no uncertainty data, a claim
    /// not accepted, arithmetic that fails), so noise can never earn a pass.
    public enum NoiseRule: Sendable {
        /// The test runs on a failure; a failure that is not significant passes.
        case excusesFailure
        /// The test runs on a pass; a pass that is not significant fails.
        case mustConfirmPass
    }

    public var noiseRule: NoiseRule { side == .better ? .mustConfirmPass : .excusesFailure }

    /// How far a relative kind lets the value move from the baseline (nil for
    /// absolute kinds), and its half: `t·|b|` overflows for t = 2, b = 1e308
    /// where `t·|b/2|` does not, so bounds are computed at half scale when needed.
    /// `max_regression_sigma` allows k·σ; without a measured σ (nil) its
    /// allowance is NaN, which no value passes (fail closed).
    public func allowance(threshold t: Double, baseline b: Double, sigma: Double? = nil) -> (full: Double, half: Double)? {
        switch self {
        case .min, .max, .maxSpread: return nil
        case .maxRegression, .maxDelta, .minImprovement: return (t, t / 2)
        case .maxRegressionRatio, .minImprovementRatio: return (t * abs(b), t * abs(b / 2))
        case .maxRegressionSigma:
            guard let sigma else { return (.nan, .nan) }
            return (t * sigma, t * (sigma / 2))
        }
    }

    /// Whether the threshold is a fraction of |baseline| (reports show it as a percentage).
    public var thresholdIsFraction: Bool { self == .maxRegressionRatio || self == .minImprovementRatio }

    /// The allowance in words, with the operands spelled by the caller:
    /// `0.05 * |baseline|` for `--print`, `0.05 × |0.31|` for `--explain`,
    /// `3 * sigma` / `3 × 0.0041` for `max_regression_sigma`.
    public func allowanceWords(threshold: String, baseline: String, sigma: String = "sigma", times: String) -> String {
        if learnsFromHistory { return "\(threshold) \(times) \(sigma)" }
        return thresholdIsFraction ? "\(threshold) \(times) |\(baseline)|" : threshold
    }

    /// The bound this condition puts on the value: the definition every consumer
    /// derives from. Overflow cannot loosen it: a tolerance's higher-is-better
    /// bound is at most the baseline (a lower-is-better one at least), so the exact
    /// bound can leave the finite range only on the side every finite value passes;
    /// a required improvement's leaves it only on the side no finite value passes
    /// (`atLeast(+inf)` admits nothing); an allowance that overflows is applied at
    /// half scale, where it does not.
    /// `baseline` is ignored by absolute kinds; `sigma` is read only by
    /// `max_regression_sigma`, whose bound without one admits nothing.
    public func bound(threshold t: Double, baseline b: Double, direction: Direction, sigma: Double? = nil) -> ConditionBound {
        guard let a = allowance(threshold: t, baseline: b, sigma: sigma) else {
            return side == .atMost ? .atMost(t) : .atLeast(t)
        }
        switch side {
        case .either:
            return .within(center: b, radius: a.full)
        case .atLeast, .atMost, .noWorse:
            // |b ∓ a| ≤ 2·greatest finite: it overflows only when the exact value does.
            if direction == .higher { return .atLeast(a.full.isFinite ? b - a.full : 2 * (b / 2 - a.half)) }
            return .atMost(a.full.isFinite ? b + a.full : 2 * (b / 2 + a.half))
        case .better:
            if direction == .higher { return .atLeast(a.full.isFinite ? b + a.full : 2 * (b / 2 + a.half)) }
            return .atMost(a.full.isFinite ? b - a.full : 2 * (b / 2 - a.half))
        }
    }

    public var summary: String {
        switch self {
        case .min: return "value >= threshold"
        case .max: return "value <= threshold"
        case .maxRegression:
            return "no worse than the baseline by more than threshold (higher: value >= baseline - t; lower: value <= baseline + t)"
        case .maxRegressionRatio: return "no worse than the baseline by more than threshold × |baseline| (t = 0.05 allows 5%)"
        case .maxDelta: return "|value - baseline| <= threshold, in either direction"
        case .minImprovement:
            return "better than the baseline by at least threshold (higher: value >= baseline + t; lower: value <= baseline - t)"
        case .minImprovementRatio: return "better than the baseline by at least threshold × |baseline| (t = 0.02 demands 2%)"
        case .maxSpread: return "pattern gates: best slice - worst slice <= threshold, whatever the direction (the value is the gap)"
        case .maxRegressionSigma:
            return
                "no worse than the baseline by more than k standard deviations of the metric's release-to-release changes in the baseline store's history (higher: value >= baseline - k·σ)"
        }
    }

    /// A worked example: evaluating the condition on these numbers gives `passes`.
    public struct Example: Sendable {
        public var threshold: Double
        public var value: Double
        public var baseline: Double?
        public var direction: Direction
        public var passes: Bool
        /// `max_regression_sigma`: the σ measured from the history.
        public var sigma: Double? = nil
    }

    public var examples: [Example] {
        switch self {
        case .min:
            return [
                Example(threshold: 0.92, value: 0.93, baseline: nil, direction: .higher, passes: true),
                Example(threshold: 0.92, value: 0.92, baseline: nil, direction: .higher, passes: true),
                Example(threshold: 0.92, value: 0.9199, baseline: nil, direction: .higher, passes: false)
            ]
        case .max:
            return [
                Example(threshold: 120, value: 120, baseline: nil, direction: .lower, passes: true),
                Example(threshold: 120, value: 120.5, baseline: nil, direction: .lower, passes: false)
            ]
        case .maxRegression:
            return [
                Example(threshold: 0.01, value: 0.875, baseline: 0.884, direction: .higher, passes: true),
                Example(threshold: 0.0, value: 0.871, baseline: 0.884, direction: .higher, passes: false),
                Example(threshold: 0.05, value: 0.85, baseline: 0.9, direction: .higher, passes: true),
                Example(threshold: 0.02, value: 0.33, baseline: 0.31, direction: .lower, passes: true),
                Example(threshold: 0.01, value: 0.33, baseline: 0.31, direction: .lower, passes: false)
            ]
        case .maxRegressionRatio:
            return [
                Example(threshold: 0.05, value: 0.3255, baseline: 0.31, direction: .lower, passes: true),
                Example(threshold: 0.05, value: 0.33, baseline: 0.31, direction: .lower, passes: false),
                Example(threshold: 0.1, value: 0.81, baseline: 0.9, direction: .higher, passes: true),
                Example(threshold: 0.1, value: 0.8, baseline: 0.9, direction: .higher, passes: false)
            ]
        case .maxDelta:
            return [
                Example(threshold: 0.03, value: 0.53, baseline: 0.5, direction: .higher, passes: true),
                Example(threshold: 0.03, value: 0.47, baseline: 0.5, direction: .higher, passes: true),
                Example(threshold: 0.03, value: 0.54, baseline: 0.5, direction: .higher, passes: false)
            ]
        case .minImprovement:
            return [
                Example(threshold: 0.01, value: 0.895, baseline: 0.884, direction: .higher, passes: true),
                Example(threshold: 0.01, value: 0.894, baseline: 0.884, direction: .higher, passes: true),
                Example(threshold: 0.01, value: 0.89, baseline: 0.884, direction: .higher, passes: false),
                Example(threshold: 0.0, value: 0.884, baseline: 0.884, direction: .higher, passes: true),
                Example(threshold: 0.02, value: 0.29, baseline: 0.31, direction: .lower, passes: true),
                Example(threshold: 0.02, value: 0.30, baseline: 0.31, direction: .lower, passes: false)
            ]
        case .minImprovementRatio:
            return [
                Example(threshold: 0.1, value: 0.279, baseline: 0.31, direction: .lower, passes: true),
                Example(threshold: 0.1, value: 0.28, baseline: 0.31, direction: .lower, passes: false),
                Example(threshold: 0.02, value: 0.918, baseline: 0.9, direction: .higher, passes: true),
                Example(threshold: 0.02, value: 0.91, baseline: 0.9, direction: .higher, passes: false),
                Example(threshold: 0.5, value: -1, baseline: -2, direction: .higher, passes: true),
                Example(threshold: 0.5, value: -1.5, baseline: -2, direction: .higher, passes: false)
            ]
        case .maxSpread:
            // The value is the gap between the best and the worst slice.
            return [
                Example(threshold: 0.1, value: 0.1, baseline: nil, direction: .higher, passes: true),
                Example(threshold: 0.1, value: 0.12, baseline: nil, direction: .lower, passes: false)
            ]
        case .maxRegressionSigma:
            // k = 3, σ = 0.004: a drop of up to 0.012 passes.
            return [
                Example(threshold: 3, value: 0.878, baseline: 0.89, direction: .higher, passes: true, sigma: 0.004),
                Example(threshold: 3, value: 0.877, baseline: 0.89, direction: .higher, passes: false, sigma: 0.004),
                Example(threshold: 2, value: 0.33, baseline: 0.31, direction: .lower, passes: true, sigma: 0.01),
                Example(threshold: 2, value: 0.331, baseline: 0.31, direction: .lower, passes: false, sigma: 0.01),
                // σ = 0: the history never varied, so any regression fails.
                Example(threshold: 3, value: 0.89, baseline: 0.89, direction: .higher, passes: true, sigma: 0),
                Example(threshold: 3, value: 0.8899, baseline: 0.89, direction: .higher, passes: false, sigma: 0)
            ]
        }
    }
}
