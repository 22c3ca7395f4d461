/// The metrics area's common errors: each thrown from more than one file.
extension AreaError where Area == MetricsArea {
    static func duplicate(_ name: String, first: SourceLocation, second: SourceLocation) -> MetricsError {
        first.file == second.file
            ? MetricsError(
                .duplicateMetric(name, first: first), at: second,
                hint: "a nested key and a dotted key flatten to the same name; keep one")
            : MetricsError(.metricInTwoFiles(name, first: first), at: second)
    }

    static func notANumber(_ name: String, found: String, at location: SourceLocation) -> MetricsError {
        MetricsError(
            .notANumber(name, found: found), at: location,
            hint: "write the metric as a JSON number (NaN and Infinity are accepted and fail the gate)")
    }
}

extension MetricsError.Message {
    /// Two keys of one file flatten to the same name (`a.b` and `{"a": {"b": …}}`).
    fileprivate static func duplicateMetric(_ name: String, first: SourceLocation) -> Self {
        Self("metric \(Sanitize.quoted(name)) is defined twice (first at \(first))")
    }
    /// Two metrics files given together both define the metric: the same words,
    /// another fix (the command line's hint names `--metrics`).
    fileprivate static func metricInTwoFiles(_ name: String, first: SourceLocation) -> Self {
        Self(duplicateMetric(name, first: first).text)
    }
    fileprivate static func notANumber(_ name: String, found: String) -> Self {
        Self("metric \(Sanitize.quoted(name)) is \(found), not a number")
    }
}
