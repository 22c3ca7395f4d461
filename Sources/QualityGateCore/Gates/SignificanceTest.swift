#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Noise-aware relative gates (`significance: α`): a regression beyond the
/// allowed margin fails the gate only when it is statistically significant.
///
/// With `excess` = how far the candidate lies beyond the allowed bound (for
/// `max_delta`: |value − baseline| − t), one of, in this order:
/// - two-proportion z-test, when both sides carry `n` and both values are rates
///   in [0, 1]: SE = √(v(1−v)/n₁ + b(1−b)/n₂) (unpooled), z = excess / SE;
/// - z-test from standard errors, when either side carries `stderr`:
///   SE = √(se₁² + se₂²), z = excess / SE;
/// both one-sided, p = P(Z ≥ z) = ½·erfc(z/√2), significant when p < α;
/// - confidence intervals, when both sides carry `ci_low`/`ci_high`: significant
///   when the candidate's interval lies entirely beyond the baseline's interval
///   widened by the allowed margin.
/// Without uncertainty data the gate compares plainly and says so.
public enum SignificanceTest {
    public struct Outcome: Sendable, Equatable {
        public var test: String
        public var pValue: Double?
        public var significant: Bool
        public var detail: String
    }

    /// P(Z ≥ z) for a standard normal Z.
    public static func upperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    public static func run(kind: ConditionKind, direction: Direction, value v: Double, baseline b: Double, threshold t: Double,
                           candidate cu: Uncertainty?, reference bu: Uncertainty?, alpha: Double) -> Outcome? {
        let higher = direction == .higher
        let margin = kind == .maxRegressionRatio ? t * abs(b) : t
        let excess: Double
        switch kind {
        case .maxDelta: excess = abs(v - b) - t
        default: excess = higher ? (b - margin) - v : v - (b + margin)
        }
        let f: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 4) }
        func zOutcome(_ test: String, _ se: Double) -> Outcome {
            let p = se > 0 ? upperTail(excess / se) : (excess > 0 ? 0 : 1)
            let significant = p < alpha
            return Outcome(test: test, pValue: p, significant: significant,
                           detail: "\(test): p = \(f(p)) \(significant ? "<" : "≥") \(NumberFormatting.exact(alpha))")
        }
        if let n1 = cu?.n, let n2 = bu?.n, (0...1).contains(v), (0...1).contains(b) {
            return zOutcome("two-proportion z-test", (v * (1 - v) / n1 + b * (1 - b) / n2).squareRoot())
        }
        if cu?.stderr != nil || bu?.stderr != nil {
            let s1 = cu?.stderr ?? 0, s2 = bu?.stderr ?? 0
            return zOutcome("z-test from standard errors", (s1 * s1 + s2 * s2).squareRoot())
        }
        if let cl = cu?.ciLow, let ch = cu?.ciHigh, let bl = bu?.ciLow, let bh = bu?.ciHigh {
            let significant: Bool
            switch kind {
            case .maxDelta: significant = ch < bl - t || cl > bh + t
            default: significant = higher ? ch < bl - margin : cl > bh + margin
            }
            return Outcome(test: "confidence intervals", pValue: nil, significant: significant,
                           detail: "confidence intervals: candidate [\(f(cl)), \(f(ch))] vs baseline [\(f(bl)), \(f(bh))]\(margin > 0 ? " ± \(f(margin))" : ""): \(significant ? "no overlap" : "overlap")")
        }
        return nil
    }
}
