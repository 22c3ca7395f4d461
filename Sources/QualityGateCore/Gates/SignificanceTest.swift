#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
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
/// Without uncertainty data the gate compares plainly (and the reports say so).
///
/// For a tolerance the test can only excuse a failure, so it fails closed:
/// arithmetic that overflows or yields NaN counts as significant (the failure
/// stands). For a required improvement (`ConditionKind.NoiseRule.mustConfirmPass`)
/// the question turns round: does the value lie significantly *inside* the
/// bound? `excess` is then how far inside it lies, the intervals must lie apart
/// on the better side, and arithmetic that fails counts as not significant (the
/// improvement is not shown, so the pass does not stand).
public enum SignificanceTest {
    public struct Outcome: Sendable, Equatable {
        public var method: Method
        public var pValue: Double?
        public var significant: Bool
        /// What the decision rests on, for the report's explanation.
        public var evidence: Evidence
        /// The test asked whether a required improvement is significant (not a regression).
        public var confirmsImprovement = false
    }

    public enum Evidence: Sendable, Equatable {
        /// A z-test: `pValue` against the gate's `alpha`.
        case pValue(alpha: Double)
        /// The candidate's interval against the baseline's widened by `margin`.
        case intervals(candidateLow: Double, candidateHigh: Double, baselineLow: Double, baselineHigh: Double, margin: Double)
        /// The arithmetic could not decide, so the failure stands (fail closed).
        case failedClosed(FailClosedCause)
    }

    public enum FailClosedCause: Sendable, Equatable {
        case nonFiniteStandardErrorOrExcess
        case pValueNotComputable
        case nonFiniteIntervalBound
    }

    /// Which test the uncertainty data allows, in the order they are tried.
    public enum Method: Sendable, Equatable {
        case twoProportion
        case standardErrors
        case confidenceIntervals
    }

    public static func method(value v: Double, baseline b: Double, candidate cu: Uncertainty?, reference bu: Uncertainty?) -> Method? {
        if cu?.n != nil, bu?.n != nil, (0...1).contains(v), (0...1).contains(b) { return .twoProportion }
        if cu?.stderr != nil || bu?.stderr != nil { return .standardErrors }
        if cu?.ciWidth != nil, bu?.ciWidth != nil { return .confidenceIntervals }
        return nil
    }

    /// P(Z ≥ z) for a standard normal Z.
    public static func upperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    public static func run(
        kind: ConditionKind, direction: Direction, value v: Double, baseline b: Double, threshold t: Double,
        candidate cu: Uncertainty?, reference bu: Uncertainty?, alpha: Double
    ) -> Outcome? {
        guard let method = method(value: v, baseline: b, candidate: cu, reference: bu) else { return nil }
        let higher = direction == .higher
        let confirms = kind.noiseRule == .mustConfirmPass
        func failClosed(_ cause: FailClosedCause) -> Outcome {
            Outcome(method: method, pValue: nil, significant: !confirms, evidence: .failedClosed(cause), confirmsImprovement: confirms)
        }
        // Half-scale, like the bound: finite for any finite inputs. For an improvement, how far inside the bound.
        let bound = kind.bound(threshold: t, baseline: b, direction: direction)
        let halfExcess = confirms ? -bound.halfExcess(v) : bound.halfExcess(v)
        func zOutcome(_ se: Double) -> Outcome {
            guard se.isFinite, !halfExcess.isNaN else { return failClosed(.nonFiniteStandardErrorOrExcess) }
            // Without noise the comparison is exact: an improvement exactly on its bound is shown.
            let p = se > 0 ? upperTail(halfExcess / se * 2) : (halfExcess > 0 || (confirms && halfExcess == 0) ? 0 : 1)
            guard !p.isNaN else { return failClosed(.pValueNotComputable) }
            return Outcome(
                method: method, pValue: p, significant: p < alpha, evidence: .pValue(alpha: alpha), confirmsImprovement: confirms)
        }
        switch method {
        case .twoProportion:
            let n1 = cu?.n ?? 0
            let n2 = bu?.n ?? 0
            return zOutcome((v * (1 - v) / n1 + b * (1 - b) / n2).squareRoot())
        case .standardErrors:
            // hypot: no overflow of se² for a large but finite standard error.
            return zOutcome(hypot(cu?.stderr ?? 0, bu?.stderr ?? 0))
        case .confidenceIntervals:
            let cl = cu?.ciLow ?? .nan
            let ch = cu?.ciHigh ?? .nan
            let bl = bu?.ciLow ?? .nan
            let bh = bu?.ciHigh ?? .nan
            guard [cl, ch, bl, bh].allSatisfy(\.isFinite) else { return failClosed(.nonFiniteIntervalBound) }
            // The baseline's interval widened by the allowance the kind grants at the baseline value.
            let allowance = kind.allowance(threshold: t, baseline: b) ?? (full: 0, half: 0)
            let margin = allowance.full
            let significant: Bool
            switch bound {
            // bl − t and bh + t overflow only when the exact value is beyond the finite range, where the comparison is already decided.
            case .within: significant = ch < bl - margin || cl > bh + margin
            // A required improvement: the candidate's interval beyond the baseline's moved by the margin, on the better side.
            case _ where confirms && !margin.isFinite:
                significant = higher ? cl / 2 > bh / 2 + allowance.half : ch / 2 < bl / 2 - allowance.half
            case _ where confirms: significant = higher ? cl > bh + margin : ch < bl - margin
            // A margin t·|b| that overflows is compared at half scale, where the widened bound does not.
            case _ where !margin.isFinite:
                significant = higher ? ch / 2 < bl / 2 - allowance.half : cl / 2 > bh / 2 + allowance.half
            default: significant = higher ? ch < bl - margin : cl > bh + margin
            }
            return Outcome(
                method: method, pValue: nil, significant: significant,
                evidence: .intervals(candidateLow: cl, candidateHigh: ch, baselineLow: bl, baselineHigh: bh, margin: margin),
                confirmsImprovement: confirms)
        }
    }
}
