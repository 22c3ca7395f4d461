/// Which part of the release history `max_regression_sigma` learns σ from:
/// the last `history_window` promotions of the model (so at most
/// `history_window − 1` changes), and the fewest changes (`min_history`) it
/// will compute σ from. Set on a gate or in `defaults`; the loader keeps
/// `history_window` >= 3 and 2 <= `min_history` <= `history_window` − 1.
public struct HistoryWindow: Sendable, Equatable {
    /// `history_window`: releases, counting the current baseline.
    public var releases: Int?
    /// `min_history`: changes between consecutive releases.
    public var minChanges: Int?

    public init(releases: Int? = nil, minChanges: Int? = nil) {
        self.releases = releases
        self.minChanges = minChanges
    }

    public static let keys = ["history_window", "min_history"]
    public static let defaultReleases = 20
    public static let defaultMinChanges = 5

    /// The window in releases, defaulted.
    public var window: Int { releases ?? Self.defaultReleases }
    /// The fewest changes σ is computed from, defaulted.
    public var minimum: Int { minChanges ?? Self.defaultMinChanges }

    /// A gate's own settings, each falling back to the default's.
    public func overriding(_ defaults: HistoryWindow) -> HistoryWindow {
        HistoryWindow(releases: releases ?? defaults.releases, minChanges: minChanges ?? defaults.minChanges)
    }
}
