/// The metrics a scorer or profiler produces, in the order they are computed:
/// dotted names with a number, or nil where the metric is undefined for the
/// data (written as JSON `null`, which a gate treats as a missing metric:
/// `MetricValue.undefined`, failing closed unless `on_missing_metric` says otherwise).
public struct MetricList: Sendable, Equatable {
    public private(set) var entries: [(name: String, value: Double?)] = []

    public init() {}

    public static func == (a: MetricList, b: MetricList) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// A value that is not finite (an overflow, an undefined ratio) is written as
    /// null: JSON has no infinities, and a gate must not read it as a number.
    mutating func add(_ name: String, _ value: Double?) { entries.append((name, value.flatMap { $0.isFinite ? $0 : nil })) }
    mutating func add(_ name: String, _ value: Int) { entries.append((name, Double(value))) }

    mutating func append(_ other: MetricList) { entries += other.entries }

    /// Appends `other` with every name prefixed by `prefix` and a dot.
    mutating func add(prefix: String, _ other: MetricList) {
        for e in other.entries { entries.append((prefix + "." + e.name, e.value)) }
    }

    public subscript(name: String) -> Double?? {
        entries.first { $0.name == name }.map { $0.value }
    }

    /// Nested JSON objects, one level per dot, in first-appearance order — the
    /// shape `qgate evaluate` flattens back to the same dotted names.
    public func json() throws -> JSONOutput {
        final class Node {
            var value: Double?? = nil
            var children: [(String, Node)] = []
            var index: [String: Int] = [:]
            func child(_ key: String) -> Node {
                if let i = index[key] { return children[i].1 }
                let node = Node()
                index[key] = children.count
                children.append((key, node))
                return node
            }
            func render() -> JSONOutput {
                if let v = value { return v.map(JSONOutput.number) ?? .null }
                return .object(children.map { ($0.0, $0.1.render()) })
            }
        }
        let root = Node()
        for e in entries {
            var node = root
            for part in e.name.split(separator: ".", omittingEmptySubsequences: false) {
                if node.value != nil { throw Self.clash(e.name) }
                node = node.child(String(part))
            }
            // A name that is both a number and a prefix of others (a group named like a metric).
            if node.value != nil || !node.children.isEmpty { throw Self.clash(e.name) }
            node.value = .some(e.value)
        }
        return root.render()
    }

    /// Two names that differ only in dots would share a metric name. The error
    /// points where `locate` says the second name is written (a header cell, a
    /// cell where a value first occurs), or nowhere when it cannot say.
    static func checkSegments(_ names: [String], what: String, locate: (Int) -> SourceLocation?) throws {
        var seen: [String: String] = [:]
        for (i, name) in names.enumerated() {
            let segment = MetricList.segment(name)
            if let other = seen[segment], other != name {
                throw ScoreError(
                    .sharedSegment(what, other, name, segment: segment),
                    at: locate(i), hint: "rename one of them (dots in names become underscores)")
            }
            seen[segment] = name
        }
    }

    static func clash(_ name: String) -> ScoreError {
        ScoreError(
            .metricNameClash(name),
            hint: "rename the column or value; names become parts of dotted metric names")
    }

    /// A value or a group name as one segment of a metric name: dots would add
    /// a level, so they become underscores; an empty value is `_missing`. Other
    /// missing-value spellings stay as written: `NA` may well be North America.
    static func segment(_ text: String) -> String {
        if text.isEmpty { return "_missing" }
        return String(text.map { $0 == "." ? "_" : $0 })
    }
}

extension ScoreError.Message {
    fileprivate static func sharedSegment(_ what: String, _ first: String, _ second: String, segment: String) -> Self {
        Self(
            "\(what) \(Sanitize.quoted(first)) and \(Sanitize.quoted(second)) would share the metric name segment \(Sanitize.quoted(segment))"
        )
    }
    fileprivate static func metricNameClash(_ name: String) -> Self {
        Self("metric name \(Sanitize.quoted(name)) clashes with another metric (a column, group or class named like a metric)")
    }
}
