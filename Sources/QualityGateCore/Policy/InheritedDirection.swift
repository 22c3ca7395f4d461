// The most common policy mistake: `direction` defaults to `higher`, so a
// newcomer's `max_regression_ratio: 0.05` on `log_loss` lets the loss grow
// without limit while the policy looks careful. A gate whose relative
// condition reads a direction the gate does not write (the default, or
// `defaults.direction`) and whose metric's name says the opposite is refused
// until the direction is written on the gate; a direction written there is the
// author's decision and is respected.

extension PolicyLoader.Reader {
    mutating func checkInheritedDirection(_ direction: Direction, fromDefaults: Bool, metric: String, conditions: [Condition]) {
        // The condition first: reading the name's words is the dearer half.
        guard let condition = conditions.first(where: { $0.kind.usesDirection }),
            let named = MetricNames.suggestedDirection(metric), named != direction
        else { return }
        error(
            .inheritedDirectionContradictsName(condition.kind, metric: metric, direction: direction, fromDefaults: fromDefaults),
            at: condition.location,
            hint: "write `direction: \(named.rawValue)` (or `direction: \(direction.rawValue)` if \(direction.rawValue) really is better)")
    }
}

extension PolicyError.Message {
    fileprivate static func inheritedDirectionContradictsName(
        _ kind: ConditionKind, metric: String, direction: Direction, fromDefaults: Bool
    ) -> Self {
        let change = direction == .higher ? "a rise" : "a fall"
        let source = fromDefaults ? "from `defaults`" : "the default"
        let named = direction == .higher ? "lower" : "higher"
        return Self(
            "`\(kind.key)` on \(Sanitize.quoted(metric)) counts \(change) as better: the gate's direction is `\(direction.rawValue)` (\(source)), and the name says \(named) is better"
        )
    }
}
