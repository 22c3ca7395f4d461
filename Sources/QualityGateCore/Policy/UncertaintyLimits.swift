/// How much uncertainty a noise-aware gate (`significance:`) accepts from the
/// metrics files. The training job writes its own `n`, `stderr` and interval,
/// and a larger claimed uncertainty makes any regression look like noise; these
/// bounds are the policy's answer (`min_n`, `max_stderr`, `max_ci_width`, on a
/// gate or in `defaults`).
public struct UncertaintyLimits: Sendable, Equatable {
    /// Smallest sample size accepted for the two-proportion test.
    public var minN: Double?
    /// Largest standard error accepted for the z-test from standard errors.
    public var maxStderr: Double?
    /// Widest confidence interval (`ci_high - ci_low`) accepted.
    public var maxCIWidth: Double?

    public init(minN: Double? = nil, maxStderr: Double? = nil, maxCIWidth: Double? = nil) {
        self.minN = minN
        self.maxStderr = maxStderr
        self.maxCIWidth = maxCIWidth
    }

    public static let keys = ["min_n", "max_stderr", "max_ci_width"]

    public var isEmpty: Bool { minN == nil && maxStderr == nil && maxCIWidth == nil }

    /// A gate's own limits, each falling back to the default's.
    public func overriding(_ defaults: UncertaintyLimits) -> UncertaintyLimits {
        UncertaintyLimits(
            minN: minN ?? defaults.minN, maxStderr: maxStderr ?? defaults.maxStderr,
            maxCIWidth: maxCIWidth ?? defaults.maxCIWidth)
    }
}
