/// The policy's `data:` checks applied to the metrics `qgate profile`
/// computed (`ProfileRequest`); nothing is measured a second time.
public struct DataCheckEvaluation: Sendable, Equatable {
    /// The dataset's path, for reports.
    public var source: String
    /// In a fixed order: min_rows, max_age_days, max_missing_share (named columns
    /// in policy order, then the others), min_class_share.
    public var results: [DataCheckResult]

    public var failed: [DataCheckResult] { results.filter { !$0.passed } }
    /// False when a critical check failed: the dataset is not fit to train on.
    public var passed: Bool { !failed.contains { $0.severity == .critical } }

    public init(_ checks: DataChecks, metrics: MetricList, source: String) {
        self.source = source
        var results: [DataCheckResult] = []
        func result(_ check: DataCheckResult.Check, _ metric: String, _ limit: Double) -> DataCheckResult {
            let finding: DataCheckResult.Finding =
                switch metrics[metric] {
                case nil: .notProfiled
                case .some(nil): .undefined
                case .some(.some(let v)): .value(v)
                }
            return DataCheckResult(check: check, metric: metric, limit: limit, finding: finding, severity: checks.severity)
        }
        if let n = checks.minRows { results.append(result(.minRows, "data.rows", Double(n))) }
        if let d = checks.maxAgeDays { results.append(result(.maxAgeDays, "data.age_days", Double(d))) }
        if let limits = checks.maxMissingShare {
            results += Self.missingShares(limits, metrics: metrics, severity: checks.severity)
        }
        if let x = checks.minClassShare { results.append(result(.minClassShare, "data.minority_class_share", x)) }
        self.results = results
    }

    static let columnPrefix = "data.column."
    static let missingShareSuffix = ".missing_share"

    private static func missingShares(_ limits: DataChecks.MissingShareLimits, metrics: MetricList, severity: DataChecks.Severity)
        -> [DataCheckResult]
    {
        func result(_ columns: DataCheckResult.Columns, _ metric: String, _ limit: Double, _ finding: DataCheckResult.Finding)
            -> DataCheckResult
        {
            DataCheckResult(check: .maxMissingShare, columns: columns, metric: metric, limit: limit, finding: finding, severity: severity)
        }
        if limits.isOverall, let limit = limits.otherColumns {
            let metric = "data.missing_share"
            return [result(.all, metric, limit, (metrics[metric] ?? nil).map { .value($0) } ?? .undefined)]
        }
        // Every column's share, by its metric-name segment (dots became underscores).
        let shares = metrics.entries.filter { $0.name.hasPrefix(columnPrefix) && $0.name.hasSuffix(missingShareSuffix) }
        let named = Set(limits.columns.map { columnPrefix + MetricList.segment($0.name) + missingShareSuffix })
        var results = limits.columns.map { column in
            let metric = columnPrefix + MetricList.segment(column.name) + missingShareSuffix
            let finding: DataCheckResult.Finding =
                switch metrics[metric] {
                case nil: .noSuchColumn
                case .some(nil): .undefined
                case .some(.some(let v)): .value(v)
                }
            return result(.named(column.name), metric, column.limit, finding)
        }
        let others = shares.filter { !named.contains($0.name) }
        if let limit = limits.otherColumns, let first = others.first {
            // The largest share decides; the first column holding it names the result.
            var worst = first
            for e in others.dropFirst() where (e.value ?? -1) > (worst.value ?? -1) { worst = e }
            results.append(result(.others(count: others.count), worst.name, limit, worst.value.map { .value($0) } ?? .undefined))
        }
        return results
    }
}
