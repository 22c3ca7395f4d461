/// The outcome of one condition of one gate, with everything a report needs:
/// the numbers compared, the bound that applied and a one-line explanation.
public struct ConditionResult: Sendable {
    public enum Status: String, Sendable {
        case passed, failed, skipped
        /// Failed, but the gate has a valid waiver: reported, never blocking.
        case waived
    }

    public var gate: Gate
    /// The gate's position in the policy's `gates` list (0-based): its identity.
    public var gateIndex: Int
    public var kind: ConditionKind
    /// The severity this result counts with (a `warn` missing-policy turns a
    /// critical gate's missing metric into a warning).
    public var severity: Severity
    public var status: Status
    public var value: Double?
    public var baseline: Double?
    public var threshold: Double
    /// The effective bound the value was compared against (`baseline - t` for a
    /// regression gate), when one could be computed.
    public var bound: Double?
    /// `>=` or `<=` for one-sided bounds; nil for `max_delta` (two-sided).
    public var comparison: Comparison?
    public var message: String
    /// The baseline failed the same condition and the candidate is no worse
    /// (`new_failures_only`): counted as a warning instead of blocking.
    public var preExisting = false
    /// The significance test behind a relative condition's decision, if any.
    public var significance: SignificanceTest.Outcome?
    /// The uncertainty the significance test would trust, checked against the gate's limits.
    public var claimCheck: String?
    /// Where the condition is written in the policy.
    public var location: SourceLocation

    public enum Comparison: String, Sendable {
        case atLeast = ">="
        case atMost = "<="
    }

    public var metric: String { gate.metric }

    /// Failed and counting as critical: this blocks the release.
    public var isBlocking: Bool { status == .failed && severity == .critical }
}
