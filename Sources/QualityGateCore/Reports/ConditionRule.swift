/// A condition's rule written out as a comparison, `lhs op rhs`, from its kind's
/// definition (side and allowance): `value >= baseline - 0.01` for `--print`,
/// `0.9203 >= 0.9312 - 0.01` for `--explain`. The caller spells the operands.
struct ConditionRule {
    /// `value`, or `|value - baseline|` for a kind that allows either way.
    var lhs: String
    /// `>=` or `<=`.
    var op: String
    /// The threshold, or the baseline and the allowance.
    var rhs: String

    init(
        _ kind: ConditionKind, direction: Direction, value: String, baseline: String, threshold: String, sigma: String = "sigma",
        times: String
    ) {
        let allowance = kind.allowanceWords(threshold: threshold, baseline: baseline, sigma: sigma, times: times)
        let parts: (String, String, String)
        switch kind.side {
        case .atLeast: parts = (value, ">=", threshold)
        case .atMost: parts = (value, "<=", threshold)
        case .noWorse:
            parts = direction == .higher ? (value, ">=", "\(baseline) - \(allowance)") : (value, "<=", "\(baseline) + \(allowance)")
        case .either: parts = ("|\(value) - \(baseline)|", "<=", allowance)
        case .better:
            parts = direction == .higher ? (value, ">=", "\(baseline) + \(allowance)") : (value, "<=", "\(baseline) - \(allowance)")
        }
        lhs = parts.0
        op = parts.1
        rhs = parts.2
    }

    var text: String { "\(lhs) \(op) \(rhs)" }

    /// The rule in words with the threshold filled in: `value >= baseline - 0.01`.
    static func words(_ kind: ConditionKind, threshold: Double, direction: Direction) -> String {
        ConditionRule(
            kind, direction: direction, value: "value", baseline: "baseline",
            threshold: NumberFormatting.exact(threshold), times: "*"
        ).text
    }
}
