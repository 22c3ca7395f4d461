/// The releases that led to the current baseline, oldest first, the last being
/// the baseline itself: what `max_regression_sigma` learns its σ from. The
/// store builds it from a model's history (`BaselineStore.releaseHistory`,
/// which decides what a rollback does to it); the evaluator only reads it.
public struct ReleaseHistory: Sendable, Equatable {
    public struct Release: Sendable, Equatable {
        public var version: String
        public var metrics: [String: Double]

        public init(version: String, metrics: [String: Double]) {
            self.version = version
            self.metrics = metrics
        }
    }

    /// Where it came from, for reports: `.qgate: model fraud-detector`.
    public var source: String
    public var releases: [Release]

    public init(source: String, releases: [Release]) {
        self.source = source
        self.releases = releases
    }

    /// The last `window` releases.
    public func recent(_ window: Int) -> ArraySlice<Release> { releases.suffix(Swift.max(window, 0)) }

    /// `metric`'s changes between consecutive releases of the last `window`
    /// (later minus earlier), oldest first; a release without the metric
    /// contributes no change on either side.
    public func changes(of metric: String, window: Int) -> [Double] {
        let values = recent(window).map { $0.metrics[metric] }
        return zip(values, values.dropFirst()).compactMap { a, b in
            guard let a, let b else { return nil }
            return b - a
        }
    }
}
