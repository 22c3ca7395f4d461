/// What `max_regression_sigma` measured in the release history for one metric:
/// the window, how many changes it holds and σ, their sample standard
/// deviation. A result keeps it so every report can show the window, σ and the
/// bound (`baseline ∓ k·σ`).
public struct SigmaWindow: Sendable, Equatable {
    /// The gate's `history_window` and `min_history`.
    public var settings: HistoryWindow
    /// Releases in the window (at most `history_window`).
    public var releases: Int
    /// Changes of the metric in the window.
    public var changes: Int
    /// The oldest and newest release of the window (versions; data, not prose).
    public var first: String?
    public var last: String?
    /// Sample standard deviation of the changes (n − 1); nil with fewer than two
    /// changes; not finite when a change or σ lies beyond the finite range.
    public var sigma: Double?

    /// Enough changes to learn σ from (`min_history`).
    public var isEnough: Bool { changes >= settings.minimum && sigma != nil }

    /// The window of `metric` in `history` (nil: none, e.g. a baseline file).
    public static func measure(_ history: ReleaseHistory?, metric: String, settings: HistoryWindow) -> SigmaWindow {
        let recent = history?.recent(settings.window) ?? []
        let changes = history?.changes(of: metric, window: settings.window) ?? []
        return SigmaWindow(
            settings: settings, releases: recent.count, changes: changes.count,
            first: recent.first?.version, last: recent.last?.version,
            sigma: changes.count >= 2 ? standardDeviation(changes) : nil)
    }

    /// Σ(x − mean)² / (n − 1), square-rooted; n ≥ 2. Computed on the changes
    /// divided by the largest |change|, so no sum overflows; a change that is
    /// not finite (two values far apart beyond the finite range) gives NaN or
    /// infinity, which the evaluator fails closed on. All changes equal: 0.
    public static func standardDeviation(_ xs: [Double]) -> Double {
        precondition(xs.count >= 2)
        let scale = xs.map(abs).max() ?? 0
        guard scale.isFinite else { return xs.contains(where: \.isNaN) ? .nan : .infinity }
        guard scale > 0 else { return 0 }
        let ys = xs.map { $0 / scale }
        let mean = ys.reduce(0, +) / Double(ys.count)
        let squares = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return scale * (squares / Double(ys.count - 1)).squareRoot()
    }
}
