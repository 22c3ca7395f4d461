/// A waiver the reader must know about beyond the results: one that expires
/// within `GateEvaluator.Options.waiverWarningDays`, or one that has expired.
public struct WaiverNotice: Sendable, Equatable {
    public var gate: String
    /// The waiver's last day (`YYYY-MM-DD`).
    public var until: String
    /// Days from today to `until`: negative once it has expired.
    public var daysLeft: Int

    public var expired: Bool { daysLeft < 0 }
}
