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
    /// What the condition demanded of the value (`at least baseline - t` for a
    /// regression gate), when it could be computed: its kind's definition.
    public var requirement: ConditionBound?
    /// The effective one-sided bound the value was compared against; nil for
    /// `max_delta` (two-sided) and when none could be computed.
    public var bound: Double? { requirement?.oneSided?.value }
    /// `>=` or `<=` for one-sided bounds; nil for `max_delta` (two-sided).
    public var comparison: Comparison? { requirement?.oneSided?.comparison }
    public var message: String
    /// Why the condition did not pass, as a stable code (nil when it passed):
    /// what a recorded history keeps, so no one has to parse `message`.
    public var reason: Reason?
    /// The baseline failed the same condition and the candidate is no worse
    /// (`new_failures_only`): counted as a warning instead of blocking.
    public var preExisting = false
    /// The significance test behind a relative condition's decision, if any.
    public var significance: SignificanceTest.Outcome?
    /// The uncertainty the significance test would trust, checked against the gate's limits.
    public var claimCheck: String?
    /// Where the condition is written in the policy.
    public var location: SourceLocation

    /// The codes are written into history records (`reason`): never rename one.
    public enum Reason: String, Sendable, CaseIterable {
        /// The value is below the (effective) lower bound.
        case belowBound = "below_bound"
        /// The value is above the (effective) upper bound.
        case aboveBound = "above_bound"
        /// `max_delta`: the value moved further from the baseline than allowed, either way.
        case outsideDelta = "outside_delta"
        case missingMetric = "missing_metric"
        case missingBaseline = "missing_baseline"
        /// The metric is `null` (undefined for the data, as `qgate score` writes
        /// it): handled like a missing metric, by `on_missing_metric`.
        case undefinedMetric = "undefined_metric"
        /// The baseline value of a relative condition is `null`: handled like a
        /// missing baseline, by `on_missing_baseline`.
        case undefinedBaseline = "undefined_baseline"
        /// The metric is NaN or infinite.
        case nonFiniteValue = "non_finite_value"
        /// The baseline value of a relative condition is NaN or infinite.
        case nonFiniteBaseline = "non_finite_baseline"
        /// A relative condition failed its bound and the claimed uncertainty was
        /// not accepted, so no significance test could excuse the regression.
        case claimNotAccepted = "claim_not_accepted"
    }

    public enum Comparison: String, Sendable {
        case atLeast = ">="
        case atMost = "<="
    }

    public var metric: String { gate.metric }

    /// Failed and counting as critical: this blocks the release.
    public var isBlocking: Bool { status == .failed && severity == .critical }
}
