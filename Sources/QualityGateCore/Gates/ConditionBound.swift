/// What a condition demands of the value, as a value: at least x, at most x, or
/// within a radius of a center. `ConditionKind.bound(threshold:baseline:direction:)`
/// computes it (overflow-safe); the evaluator decides with `admits`, the
/// significance test measures `halfExcess`, synthetic cases draw from
/// `interval`, and reports render it (the REQUIRED column, `--explain`).
public enum ConditionBound: Sendable, Equatable {
    case atLeast(Double)
    case atMost(Double)
    case within(center: Double, radius: Double)

    /// Whether `v` passes, with the boundary slack (`GateEvaluator.boundarySlack`).
    /// `within` compares at half scale: in full scale both |v − c| and r + slack
    /// can overflow, and Infinity <= Infinity passes.
    public func admits(_ v: Double) -> Bool {
        switch self {
        case .atLeast(let x): return v >= x - GateEvaluator.slack(x)
        case .atMost(let x): return v <= x + GateEvaluator.slack(x)
        case .within(let c, let r): return abs(v / 2 - c / 2) <= r / 2 + GateEvaluator.slack(r) / 2
        }
    }

    /// Half of how far `v` lies beyond the bound (positive: beyond it; no slack).
    /// Half scale keeps it finite for any finite inputs; an infinite one-sided
    /// bound (beyond the finite range) gives an infinitely negative excess.
    public func halfExcess(_ v: Double) -> Double {
        switch self {
        case .atLeast(let x): return x / 2 - v / 2
        case .atMost(let x): return v / 2 - x / 2
        case .within(let c, let r): return abs(v / 2 - c / 2) - r / 2
        }
    }

    /// The values it admits as [lower, upper] (either end may be infinite), for
    /// intervals that intersect several conditions (synthetic cases, the lint).
    public var interval: (lower: Double, upper: Double) {
        switch self {
        case .atLeast(let x): return (x, .infinity)
        case .atMost(let x): return (-.infinity, x)
        case .within(let c, let r): return (c - r, c + r)
        }
    }

    /// The one-sided bound's value and comparison (nil for `within`), as JSON reports and history records keep them.
    public var oneSided: (value: Double, comparison: ConditionResult.Comparison)? {
        switch self {
        case .atLeast(let x): return (x, .atLeast)
        case .atMost(let x): return (x, .atMost)
        case .within: return nil
        }
    }

    // Kept for the tests that predate the value.
    /// The one-sided bound of a relative kind; ±Infinity only when the exact bound lies beyond the finite range.
    static func bound(_ kind: ConditionKind, direction: Direction, baseline b: Double, threshold t: Double) -> Double {
        kind.bound(threshold: t, baseline: b, direction: direction).oneSided?.value ?? .nan
    }
}
