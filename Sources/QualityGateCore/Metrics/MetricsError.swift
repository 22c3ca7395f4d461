/// The metrics area's common messages.
extension AreaError where Area == MetricsArea {
    static func duplicate(_ name: String, first: SourceLocation, second: SourceLocation) -> MetricsError {
        MetricsError("metric \(Sanitize.quoted(name)) is defined twice (first at \(first))", at: second,
                     hint: first.file == second.file
                        ? "a nested key and a dotted key flatten to the same name; keep one"
                        : "each metric must come from exactly one --metrics file; remove it from one of them")
    }

    static func notANumber(_ name: String, found: String, at location: SourceLocation) -> MetricsError {
        MetricsError("metric \(Sanitize.quoted(name)) is \(found), not a number", at: location,
                     hint: "write the metric as a JSON number (NaN and Infinity are accepted and fail the gate)")
    }
}
