/// Reads `metrics.json` (or `metrics.yaml`) written by training/evaluation code
/// and flattens it into a `MetricSet`.
public enum MetricsLoader {
    /// Loads and merges several files; any error in any file stops the load.
    public static func load(paths: [String]) throws -> MetricSet {
        var merged = MetricSet()
        for path in paths {
            try merged.merge(try load(path: path))
        }
        return merged
    }

    public static func load(path: String) throws -> MetricSet {
        let bytes = try FileSystem.readBytes(path)
        return try parse(bytes, file: path)
    }

    /// Parses by extension: `.yaml`/`.yml` with the YAML reader, anything else as JSON.
    public static func parse(_ bytes: [UInt8], file: String) throws -> MetricSet {
        var set = MetricSet()
        set.noteFile(file)
        if file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            let root = try YAML.parse(bytes, file: file)
            guard case .mapping(let pairs) = root.value else {
                throw MetricsError("a metrics file must hold a mapping of names to numbers, found \(root.kindDescription)",
                                   at: root.location)
            }
            try flattenYAML(pairs, prefix: "", into: &set)
        } else {
            let root = try JSON.parse(bytes, file: file)
            guard case .object(let members) = root.kind else {
                throw MetricsError("a metrics file must hold a JSON object of names to numbers, found \(root.kindDescription)",
                                   at: root.location, hint: "write {\"accuracy\": 0.93, …}")
            }
            // A metric takes at least ~8 bytes of JSON; reserve to avoid rehashing.
            set.reserveCapacity(min(bytes.count / 24 + 16, 1 << 20))
            try flattenJSON(members, prefix: "", into: &set)
        }
        return set
    }

    /// Longer flattened names are refused: no real metric needs them, and a
    /// deep file of long keys would otherwise build gigabytes of names.
    public static let maximumNameLength = 1024

    static func checkLength(_ prefix: String, _ key: String, at location: @autoclosure () -> SourceLocation) throws(MetricsError) {
        if prefix.utf8.count + key.utf8.count > maximumNameLength {
            throw MetricsError("metric name longer than \(maximumNameLength) bytes", at: location(),
                               hint: "use shorter keys or less nesting")
        }
    }

    private static func flattenJSON(_ members: [JSONMember], prefix: String, into set: inout MetricSet) throws(MetricsError) {
        for member in members {
            try checkLength(prefix, member.key, at: member.keyLocation)
            let name = prefix + member.key
            switch member.value.kind {
            case .number(let d):
                try set.add(Metric(name: name, value: .number(d), origin: .offset(member.value.offset, member.value.source)))
            case .object(let nested):
                try set.add(Metric(name: name, value: .notANumber("an object"), origin: .offset(member.value.offset, member.value.source)))
                try flattenJSON(nested, prefix: name + ".", into: &set)
            default:
                try set.add(Metric(name: name, value: .notANumber(member.value.kindDescription), origin: .offset(member.value.offset, member.value.source)))
            }
        }
    }

    /// A metrics mapping written inside another YAML file (e.g. a policy test case).
    static func metricSet(fromYAML node: YAMLNode, file: String) throws -> MetricSet {
        guard case .mapping(let pairs) = node.value else {
            throw MetricsError("metrics must be a mapping of names to numbers, found \(node.kindDescription)", at: node.location)
        }
        var set = MetricSet()
        set.noteFile(file)
        try flattenYAML(pairs, prefix: "", into: &set)
        return set
    }

    private static func flattenYAML(_ pairs: [YAMLPair], prefix: String, into set: inout MetricSet) throws(MetricsError) {
        for pair in pairs {
            let key: String
            switch pair.key.value {
            case .string(let s): key = s
            case .int(let i): key = String(i)
            default:
                throw MetricsError("metric names must be strings, found \(pair.key.kindDescription)", at: pair.key.location)
            }
            try checkLength(prefix, key, at: pair.key.location)
            let name = prefix + key
            switch pair.value.value {
            case .int(let i):
                try set.add(Metric(name: name, value: .number(Double(i)), origin: .location(pair.value.location)))
            case .double(let d):
                try set.add(Metric(name: name, value: .number(d), origin: .location(pair.value.location)))
            case .mapping(let nested):
                try set.add(Metric(name: name, value: .notANumber("a mapping"), origin: .location(pair.value.location)))
                try flattenYAML(nested, prefix: name + ".", into: &set)
            default:
                try set.add(Metric(name: name, value: .notANumber(pair.value.kindDescription), origin: .location(pair.value.location)))
            }
        }
    }
}
