/// Reads `metrics.json` (or `metrics.yaml`) written by training/evaluation code
/// and flattens it into a `MetricSet`.
public enum MetricsLoader {
    /// Loads and merges several files; any error in any file stops the load. A
    /// metric in two files is an error only if `isGated` (`MetricSet.merge`).
    /// With a selection, only its names are kept (`MetricSelection`).
    public static func load(paths: [String], isGated: (String) -> Bool = { _ in true }, only selection: MetricSelection? = nil) throws
        -> MetricSet
    {
        var merged = MetricSet()
        for path in paths {
            try merged.merge(try load(path: path, only: selection), isGated: isGated)
        }
        return merged
    }

    /// A metrics file is kilobytes (10,000 metrics are about 300 KB). Anything
    /// past this is a mistake or an attack, refused before it is read.
    public static let maximumFileSize = 64 << 20
    /// A YAML tree takes several times the memory of a JSON one: YAML metrics
    /// files are capped like policies.
    public static let maximumYAMLFileSize = 16 << 20

    static func isYAML(_ file: String) -> Bool { file.hasSuffix(".yaml") || file.hasSuffix(".yml") }

    public static func load(path: String, only selection: MetricSelection? = nil) throws -> MetricSet {
        let bytes = try FileSystem.readBytes(path, maximumSize: isYAML(path) ? maximumYAMLFileSize : maximumFileSize)
        var set = try parse(bytes, file: path, only: selection)
        set.fileHashes = [SHA256.hex(bytes)]
        return set
    }

    /// Parses by extension: `.yaml`/`.yml` with the YAML reader, anything else
    /// as JSON. A selection is a wish: the set may hold more names than it asks for.
    public static func parse(_ bytes: [UInt8], file: String, only selection: MetricSelection? = nil) throws -> MetricSet {
        // A JSON file that loads takes the one-pass scan (keeping the selection
        // when it can, else every name); anything else the tree, which reports the errors.
        if !isYAML(file) {
            if let selection, let set = JSONMetricsScan.metrics(bytes, file: file, selection: selection) { return set }
            if let set = JSONMetricsScan.metrics(bytes, file: file) { return set }
        }
        return try parseTree(bytes, file: file)
    }

    /// The reference reading: parse the whole document into a tree, then flatten it.
    static func parseTree(_ bytes: [UInt8], file: String) throws -> MetricSet {
        var set = MetricSet()
        set.noteFile(file)
        if isYAML(file) {
            let root = try YAML.parse(bytes, file: file)
            guard case .mapping(let pairs) = root.value else {
                throw MetricsError(
                    .yamlMetricsNotAMapping(found: root.kindDescription),
                    at: root.location)
            }
            var budget = maximumNameBytes
            try flatten(pairs, prefix: "", into: &set, budget: &budget)
        } else {
            // Arrays are never metrics: their items are checked, not kept.
            let root = try JSON.parse(bytes, file: file, keepingArrayItems: false, maximumKeys: maximumKeys)
            guard case .object(let members) = root.kind else {
                throw MetricsError(
                    .jsonMetricsNotAnObject(found: root.kindDescription),
                    at: root.location, hint: "write {\"accuracy\": 0.93, …}")
            }
            // A metric takes at least ~8 bytes of JSON; reserve to avoid rehashing.
            set.reserveCapacity(min(bytes.count / 24 + 16, maximumKeys))
            var budget = maximumNameBytes
            try flatten(members, prefix: "", into: &set, budget: &budget)
        }
        try set.attachSiblingIntervals()
        return set
    }

    /// Longer flattened names are refused: no real metric needs them, and a
    /// deep file of long keys would otherwise build gigabytes of names.
    public static let maximumNameLength = 1024

    /// Memory per input byte stays bounded (README, "Limits"): at most this many
    /// keys in a file (25 times the 10,000 metrics of a large evaluation), and
    /// flattened names adding up to at most 16 MiB — nesting repeats every
    /// prefix in each name below it, so names could otherwise outgrow the file a hundredfold.
    public static let maximumKeys = 250_000
    public static let maximumNameBytes = 16 << 20

    static func checkLength(_ prefix: String, _ key: String, budget: inout Int, at location: @autoclosure () -> SourceLocation)
        throws(MetricsError)
    {
        let length = prefix.utf8.count + key.utf8.count
        if length > maximumNameLength {
            throw MetricsError(
                .nameTooLong, at: location(),
                hint: "use shorter keys or less nesting")
        }
        budget -= length
        if budget < 0 {
            throw MetricsError(
                .namesTooLarge, at: location(),
                hint: "use less nesting: every name repeats the keys of the objects around it")
        }
    }

    /// The one walk for JSON and YAML metrics: every key becomes a dotted name;
    /// a mapping keeps an entry of its own (a number with its uncertainty when it
    /// is `{"value": …, "n": …}`, else "an object"/"a mapping") and its members
    /// are flattened below it.
    static func flatten<Member: MetricsTreeMember>(
        _ members: [Member], prefix: String, into set: inout MetricSet,
        budget: inout Int
    ) throws(MetricsError) {
        for member in members {
            guard let key = member.keyText else {
                throw MetricsError(.nameNotAString(found: member.keyKindDescription), at: member.keyLocation)
            }
            try checkLength(prefix, key, budget: &budget, at: member.keyLocation)
            let name = prefix + key
            let node = member.value
            switch node.shape {
            case .number(let d):
                try set.add(Metric(name: name, value: .number(d), origin: node.origin))
            case .null:
                try set.add(Metric(name: name, value: .undefined, origin: node.origin))
            case .mapping(let nested):
                // `{"value": 0.91, "n": 5000}`: a number with its uncertainty (members stay addressable too).
                if let (value, uncertainty) = try measured(nested, name: name) {
                    try set.add(Metric(name: name, value: .number(value), origin: node.origin, uncertainty: uncertainty))
                } else {
                    try set.add(Metric(name: name, value: .notANumber(node.kindDescription), origin: node.origin))
                }
                try flatten(nested, prefix: name + ".", into: &set, budget: &budget)
            case .other:
                try set.add(Metric(name: name, value: .notANumber(node.kindDescription), origin: node.origin))
            }
        }
    }

    /// A metrics mapping written inside another YAML file (e.g. a policy test case).
    static func metricSet(fromYAML node: YAMLNode, file: String) throws -> MetricSet {
        guard case .mapping(let pairs) = node.value else {
            throw MetricsError(.embeddedMetricsNotAMapping(found: node.kindDescription), at: node.location)
        }
        var set = MetricSet()
        set.noteFile(file)
        var budget = maximumNameBytes
        try flatten(pairs, prefix: "", into: &set, budget: &budget)
        try set.attachSiblingIntervals()
        return set
    }

    static let uncertaintyKeys: Set<String> = ["value", "n", "stderr", "ci_low", "ci_high"]

    /// A metric written with its uncertainty: a `value` number and only the keys
    /// `n`, `stderr`, `ci_low`, `ci_high`, checked by `UncertaintyCheck`.
    static func measured<Member: MetricsTreeMember>(_ members: [Member], name: String) throws(MetricsError) -> (Double, Uncertainty)? {
        guard members.contains(where: { $0.keyText == "value" }),
            members.allSatisfy({ member in member.keyText.map { uncertaintyKeys.contains($0) } ?? false })
        else { return nil }
        var value = Double.nan
        var u = Uncertainty()
        var found = UncertaintyCheck.Found()
        for m in members {
            let origin = m.value.origin
            guard case .number(let d) = m.value.shape else {
                throw MetricsError(
                    .uncertaintyKeyNotANumber(m.keyText ?? "", of: name, found: m.value.kindDescription), at: origin.location)
            }
            switch m.keyText ?? "" {
            case "value": value = d
            case "n":
                u.n = d
                found.origins[.n] = origin
            case "stderr":
                u.stderr = d
                found.origins[.stderr] = origin
            case "ci_low":
                u.ciLow = d
                found.origins[.ciLow] = origin
            default:
                u.ciHigh = d
                found.origins[.ciHigh] = origin
            }
        }
        try UncertaintyCheck.check(u, value: value, metric: name, found: found, style: .nested)
        return (value, u)
    }
}

extension MetricsError.Message {
    fileprivate static func yamlMetricsNotAMapping(found: String) -> Self {
        Self("a metrics file must hold a mapping of names to numbers, found \(found)")
    }
    fileprivate static func jsonMetricsNotAnObject(found: String) -> Self {
        Self("a metrics file must hold a JSON object of names to numbers, found \(found)")
    }
    fileprivate static var nameTooLong: Self { Self("metric name longer than \(MetricsLoader.maximumNameLength) bytes") }
    fileprivate static var namesTooLarge: Self {
        Self("metric names add up to more than \(MetricsLoader.maximumNameBytes >> 20) MiB")
    }
    fileprivate static func nameNotAString(found: String) -> Self { Self("metric names must be strings, found \(found)") }
    fileprivate static func embeddedMetricsNotAMapping(found: String) -> Self {
        Self("metrics must be a mapping of names to numbers, found \(found)")
    }
    fileprivate static func uncertaintyKeyNotANumber(_ key: String, of metric: String, found: String) -> Self {
        Self("`\(key)` of metric \(Sanitize.quoted(metric)) is \(found), not a number")
    }
}
