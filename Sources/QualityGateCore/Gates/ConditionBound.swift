/// The bound a relative condition puts on the value: `baseline ∓ t` for
/// `max_regression`, `baseline ∓ t·|baseline|` for `max_regression_ratio`
/// (minus when higher is better, plus when lower is).
///
/// Computed so that overflow cannot loosen it. A higher-is-better bound is at
/// most the baseline and a lower-is-better one at least, so the exact bound can
/// leave the finite range only on the side every finite value passes; an
/// intermediate must not overflow before that. `t·|b|` does for t = 2 and
/// b = 1e308 although the bound, −1e308, is finite: halving first avoids it
/// (exact for normal numbers; a subnormal loses a bit far below the boundary slack).
enum ConditionBound {
    /// Half the bound: finite unless the exact half lies beyond the finite range.
    static func half(_ kind: ConditionKind, direction: Direction, baseline b: Double, threshold t: Double) -> Double {
        let hb = b / 2
        let margin = kind == .maxRegressionRatio ? t * abs(hb) : t / 2
        return direction == .higher ? hb - margin : hb + margin
    }

    /// The bound; ±Infinity only when the exact bound lies beyond the finite range.
    static func bound(_ kind: ConditionKind, direction: Direction, baseline b: Double, threshold t: Double) -> Double {
        switch kind {
        // |b ∓ t| ≤ 2·greatest finite: it overflows only when the exact value does.
        case .maxRegression: return direction == .higher ? b - t : b + t
        default: return 2 * half(kind, direction: direction, baseline: b, threshold: t)
        }
    }

    /// `max_delta`: |v − b| <= t (with the boundary slack), at half scale. In full
    /// scale both |v − b| and t + slack can overflow, and Infinity <= Infinity passes.
    static func withinDelta(value v: Double, baseline b: Double, threshold t: Double) -> Bool {
        abs(v / 2 - b / 2) <= t / 2 + GateEvaluator.slack(t) / 2
    }
}
