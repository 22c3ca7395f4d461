/// One check of the policy's `data:` section against a profiled dataset: the
/// metric it read, what it found, and whether the dataset passed. The sentences
/// reports print about it are in Reports/DataCheckReport.swift.
public struct DataCheckResult: Sendable, Equatable {
    /// The `data:` key the result comes from.
    public enum Check: String, Sendable, CaseIterable {
        case minRows = "min_rows"
        case maxAgeDays = "max_age_days"
        case maxMissingShare = "max_missing_share"
        case minClassShare = "min_class_share"

        /// True when the metric must reach the limit, false when it must stay at or under it.
        public var isMinimum: Bool { self == .minRows || self == .minClassShare }
    }

    /// Which columns a `max_missing_share` result covers.
    public enum Columns: Sendable, Equatable {
        /// The one-number form: `data.missing_share`, the largest column share.
        case all
        /// A column the policy names (as written there).
        case named(String)
        /// `default`: the columns the policy does not name; the metric is the largest of them.
        case others(count: Int)
    }

    /// What reading the metric found. Anything but a value fails the check:
    /// a dataset is never ready because something could not be measured.
    public enum Finding: Sendable, Equatable {
        case value(Double)
        /// `qgate profile` did not compute the metric: it was given no timestamp or label column.
        case notProfiled
        /// The metric is null: no timestamp, fewer than two classes, no rows.
        case undefined
        /// The policy names a column the data does not have.
        case noSuchColumn
    }

    public var check: Check
    public var columns: Columns?
    /// The metric compared, named as in the profile metrics document.
    public var metric: String
    public var limit: Double
    public var finding: Finding
    public var severity: DataChecks.Severity

    public var passed: Bool {
        guard case .value(let v) = finding else { return false }
        return check.isMinimum ? v >= limit : v <= limit
    }
}
