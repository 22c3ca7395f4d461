/// A gate's metric with one wildcard segment, e.g. `groups.region.*.recall`:
/// the gate applies to every metric that has some value in place of `*`, the
/// slice (`groups.region.eu.recall` is slice `eu`). `*` stands for exactly one
/// dotted segment, as `qgate score --group` writes a group value (dots in a
/// value become underscores there); there is no `**`, and one `*` per pattern,
/// so a slice is always one name.
public struct MetricPattern: Sendable, Equatable {
    /// The pattern as written.
    public let text: String
    /// What comes before the `*` segment (with its trailing dot, or empty) and after it (with its leading dot, or empty).
    let head: String
    let tail: String

    /// The metric's pattern, or nil when it has no segment that is exactly `*`
    /// (a plain metric name). A malformed pattern is a policy error
    /// (`MetricPattern.problem`), found before this is asked.
    public init?(_ metric: String) {
        // Most gates name a plain metric: no `*`, no split (asked for every gate of a large policy).
        guard Self.hasStar(metric) else { return nil }
        let segments = metric.split(separator: ".", omittingEmptySubsequences: false)
        guard let star = segments.firstIndex(of: "*") else { return nil }
        text = metric
        head = segments[..<star].map { String($0) + "." }.joined()
        tail = segments[(star + 1)...].map { "." + String($0) }.joined()
    }

    /// The slice `name` belongs to: the one segment in place of `*`, or nil when
    /// `name` does not match.
    public func slice(of name: String) -> String? {
        guard name.count > head.count + tail.count, name.hasPrefix(head), name.hasSuffix(tail) else { return nil }
        let middle = name.dropFirst(head.count).dropLast(tail.count)
        guard !middle.isEmpty, !middle.contains(".") else { return nil }
        return String(middle)
    }

    /// The metric of `slice`: the pattern with the slice in place of `*`.
    public func metric(slice: String) -> String { head + slice + tail }

    /// Where a slice's sample count is read for `min_count`: the `n` next to the
    /// slice's metrics (`groups.region.eu.n`, as `qgate score --group` writes it).
    public func countMetric(slice: String) -> String { head + slice + ".n" }

    /// What is wrong with a metric name's wildcards, if anything: `**`, a `*`
    /// inside a segment, or more than one `*` segment.
    enum Problem: Equatable {
        case doubleStar
        case starInsideSegment(String)
        case severalStars
    }

    /// Whether `metric` holds a `*`: on its contiguous UTF-8 when it has it (a
    /// native string always does), a loop the generic `contains` was not.
    static func hasStar(_ metric: String) -> Bool {
        metric.utf8.withContiguousStorageIfAvailable { $0.contains(0x2A) } ?? metric.utf8.contains(0x2A)
    }

    static func problem(_ metric: String) -> Problem? {
        guard Self.hasStar(metric) else { return nil }
        let segments = metric.split(separator: ".", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.contains("**") }) { return .doubleStar }
        if let s = segments.first(where: { $0 != "*" && $0.contains("*") }) { return .starInsideSegment(String(s)) }
        if segments.filter({ $0 == "*" }).count > 1 { return .severalStars }
        return nil
    }
}
