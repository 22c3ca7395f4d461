/// The outcome of one condition of one gate, with everything a report needs:
/// the numbers compared, the bound that applied and, as data, why it came out
/// so: what the comparison found, then what the significance test,
/// `new_failures_only` and a waiver made of a failure, in the order applied.
/// Reports phrase it (`message`, Reports/ConditionReasonText.swift).
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
    /// What comparing the value found.
    public var finding: ConditionFinding
    /// What the significance test made of a failure; nil when the gate has none
    /// or the failure did not reach it (a non-finite value fails outright).
    public var noise: NoiseCheck?
    /// `new_failures_only` on a failure the baseline has too; nil otherwise.
    public var baselineAlsoFails: BaselineAlsoFails?
    /// The gate's waiver, when the condition failed and the gate has one.
    public var waiverUse: WaiverUse?
    /// Where the condition is written in the policy.
    public var location: SourceLocation
    /// `max_spread`: the best and worst slice behind the gap (`value`); nil otherwise.
    public var spread: SliceSpread?
    /// `--aggregate`: the value is the aggregate of repeated runs, with their spread.
    public var runs: RunSpread?
    /// `max_regression_sigma`: the history window and the σ measured in it; nil otherwise.
    public var history: SigmaWindow?

    /// Why the condition did not pass, as a stable code (nil when it passed):
    /// what a recorded history keeps. Derived from `finding`, except that a
    /// rejected uncertainty claim is why a relative failure stands.
    public var reason: Reason? {
        if status == .passed { return nil }
        if case .claimNotAccepted? = noise { return .claimNotAccepted }
        // Within its bound yet failed: a required improvement the test did not show.
        if finding == .withinBound, noise != nil { return .improvementNotShown }
        return finding.code
    }

    /// The baseline failed the same condition and the candidate is no worse
    /// (`new_failures_only`): counted as a warning instead of blocking.
    public var preExisting: Bool {
        if case .noWorse? = baselineAlsoFails { return true }
        return false
    }

    /// The significance test behind a relative condition's decision, if it ran.
    public var significance: SignificanceTest.Outcome? {
        if case .tested(let outcome, _)? = noise { return outcome }
        return nil
    }

    /// The uncertainty the significance test would trust, checked against the gate's limits.
    public var claims: ClaimCheck.Outcome? {
        switch noise {
        case .claimNotAccepted(let claims)?, .tested(_, let claims)?: return claims
        case .noUncertaintyData?, nil: return nil
        }
    }

    /// What the significance step found.
    public enum NoiseCheck: Sendable, Equatable {
        /// Neither side carries `n`, `stderr` or an interval: compared plainly.
        case noUncertaintyData
        /// The uncertainty claimed is beyond the gate's limits: the failure stands untested.
        case claimNotAccepted(ClaimCheck.Outcome)
        /// The test ran on accepted claims.
        case tested(SignificanceTest.Outcome, claims: ClaimCheck.Outcome)
    }

    /// `new_failures_only`: the baseline (its value here) fails the condition too.
    public enum BaselineAlsoFails: Sendable, Equatable {
        /// And the candidate is no worse: pre-existing, a warning at most.
        case noWorse(baseline: Double)
        /// But the candidate is worse: a regression, not softened.
        case worse(baseline: Double)
    }

    /// A failed condition's gate waiver.
    public enum WaiverUse: Sendable, Equatable {
        /// Valid today: the failure is reported, never blocking.
        case applied(Waiver)
        /// Past its `until`: the failure counts again.
        case expired(Waiver)
    }

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
        /// `min_count`: the slice has too few samples to judge (skipped).
        case sliceTooSmall = "slice_too_small"
        /// `min_count`: the slice's sample count is missing, handled by `on_missing_metric`.
        case missingSliceCount = "missing_slice_count"
        /// A required improvement (`min_improvement`, `min_improvement_ratio`)
        /// under `significance` that the test did not show significant.
        case improvementNotShown = "improvement_not_shown"
        /// `max_spread`: fewer than two slices were judged, so there is no gap; handled by `on_missing_metric`.
        case tooFewSlices = "too_few_slices"
        /// `max_regression_sigma`: fewer changes in the history window than
        /// `min_history` (or no store history), handled by `on_missing_baseline`.
        case shortHistory = "short_history"
        /// `max_regression_sigma`: a change in the history window or σ is not finite.
        case nonFiniteHistory = "non_finite_history"
    }

    public enum Comparison: String, Sendable {
        case atLeast = ">="
        case atMost = "<="
    }

    public var metric: String { gate.metric }

    /// Failed and counting as critical: this blocks the release.
    public var isBlocking: Bool { status == .failed && severity == .critical }
}
