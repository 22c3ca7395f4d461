/// The kinds of condition a gate can carry. Each describes itself, with
/// examples that are both documentation and a test (as SwiftLint rules do).
public enum ConditionKind: String, Sendable, CaseIterable {
    case min
    case max
    case maxRegression = "max_regression"
    case maxRegressionRatio = "max_regression_ratio"
    case maxDelta = "max_delta"

    /// The policy key that spells this condition.
    public var key: String { rawValue }

    /// Relative conditions compare against the baseline (previous release).
    public var isRelative: Bool {
        switch self {
        case .min, .max: return false
        case .maxRegression, .maxRegressionRatio, .maxDelta: return true
        }
    }

    /// Tolerances cannot be negative; absolute bounds can.
    public var isTolerance: Bool { isRelative }

    public var summary: String {
        switch self {
        case .min: return "value >= threshold"
        case .max: return "value <= threshold"
        case .maxRegression: return "no worse than the baseline by more than threshold (higher: value >= baseline - t; lower: value <= baseline + t)"
        case .maxRegressionRatio: return "no worse than the baseline by more than threshold × |baseline| (t = 0.05 allows 5%)"
        case .maxDelta: return "|value - baseline| <= threshold, in either direction"
        }
    }

    /// A worked example: evaluating the condition on these numbers gives `passes`.
    public struct Example: Sendable {
        public var threshold: Double
        public var value: Double
        public var baseline: Double?
        public var direction: Direction
        public var passes: Bool
    }

    public var examples: [Example] {
        switch self {
        case .min:
            return [Example(threshold: 0.92, value: 0.93, baseline: nil, direction: .higher, passes: true),
                    Example(threshold: 0.92, value: 0.92, baseline: nil, direction: .higher, passes: true),
                    Example(threshold: 0.92, value: 0.9199, baseline: nil, direction: .higher, passes: false)]
        case .max:
            return [Example(threshold: 120, value: 120, baseline: nil, direction: .lower, passes: true),
                    Example(threshold: 120, value: 120.5, baseline: nil, direction: .lower, passes: false)]
        case .maxRegression:
            return [Example(threshold: 0.01, value: 0.875, baseline: 0.884, direction: .higher, passes: true),
                    Example(threshold: 0.0, value: 0.871, baseline: 0.884, direction: .higher, passes: false),
                    Example(threshold: 0.05, value: 0.85, baseline: 0.9, direction: .higher, passes: true),
                    Example(threshold: 0.02, value: 0.33, baseline: 0.31, direction: .lower, passes: true),
                    Example(threshold: 0.01, value: 0.33, baseline: 0.31, direction: .lower, passes: false)]
        case .maxRegressionRatio:
            return [Example(threshold: 0.05, value: 0.3255, baseline: 0.31, direction: .lower, passes: true),
                    Example(threshold: 0.05, value: 0.33, baseline: 0.31, direction: .lower, passes: false),
                    Example(threshold: 0.1, value: 0.81, baseline: 0.9, direction: .higher, passes: true),
                    Example(threshold: 0.1, value: 0.8, baseline: 0.9, direction: .higher, passes: false)]
        case .maxDelta:
            return [Example(threshold: 0.03, value: 0.53, baseline: 0.5, direction: .higher, passes: true),
                    Example(threshold: 0.03, value: 0.47, baseline: 0.5, direction: .higher, passes: true),
                    Example(threshold: 0.03, value: 0.54, baseline: 0.5, direction: .higher, passes: false)]
        }
    }
}
