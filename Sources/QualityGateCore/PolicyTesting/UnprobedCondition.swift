/// A condition no synthetic case can probe alone: the other conditions on its
/// metric already hold the value to [`heldLower`, `heldUpper`], inside its own bound.
public struct UnprobedCondition: Sendable {
    public var gate: String
    public var metric: String
    public var kind: ConditionKind
    public var threshold: Double
    public var location: SourceLocation
    /// The metric has relative conditions, so the finding holds for this baseline only.
    public var usesBaseline: Bool
    public var heldLower: Double
    public var heldUpper: Double
}
