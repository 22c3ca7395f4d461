/// The view of a parsed JSON or YAML document that the metrics flattener
/// walks, so that a metrics file means the same whichever format it is in
/// (`MetricsLoader.flatten` is the one walk; each tree only says what a node is).
protocol MetricsTreeNode {
    associatedtype Member: MetricsTreeMember where Member.Node == Self
    /// The node as a metric sees it; `.mapping` shares the parsed array (no copy).
    var shape: MetricsTreeShape<Member> { get }
    /// Where the node was written; JSON keeps a byte offset and computes the
    /// line and column only if a message needs them.
    var origin: Metric.Origin { get }
    /// "an object", "a mapping", "a string", … as the format calls it, for messages.
    var kindDescription: String { get }
}

/// One `key: value` of a mapping.
protocol MetricsTreeMember {
    associatedtype Node: MetricsTreeNode
    /// The key as a metric-name segment, or nil when it cannot be one (a YAML
    /// key that is not a string or integer).
    var keyText: String? { get }
    var keyKindDescription: String { get }
    var keyLocation: SourceLocation { get }
    var value: Node { get }
}

/// What a node is to the flattener.
enum MetricsTreeShape<Member> {
    case number(Double)
    /// JSON `null`, YAML `null`/`~`/empty: an undefined value (`MetricValue.undefined`).
    case null
    case mapping([Member])
    /// Anything a gate cannot compare (string, boolean, array/sequence).
    case other
}

extension Metric.Origin {
    var location: SourceLocation {
        switch self {
        case .offset(let offset, let source): return source.location(of: offset)
        case .location(let location): return location
        }
    }
}

extension JSONValue: MetricsTreeNode {
    typealias Member = JSONMember

    var shape: MetricsTreeShape<JSONMember> {
        switch kind {
        case .number(let d): return .number(d)
        case .null: return .null
        case .object(let members): return .mapping(members)
        case .bool, .string, .array: return .other
        }
    }

    var origin: Metric.Origin { .offset(offset, source) }
}

extension JSONMember: MetricsTreeMember {
    typealias Node = JSONValue

    var keyText: String? { key }
    var keyKindDescription: String { "a string" }
}

extension YAMLNode: MetricsTreeNode {
    typealias Member = YAMLPair

    var shape: MetricsTreeShape<YAMLPair> {
        switch value {
        case .int(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .null: return .null
        case .mapping(let pairs): return .mapping(pairs)
        case .bool, .string, .sequence: return .other
        }
    }

    var origin: Metric.Origin { .location(location) }
}

extension YAMLPair: MetricsTreeMember {
    typealias Node = YAMLNode

    var keyText: String? {
        switch key.value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }

    var keyKindDescription: String { key.kindDescription }
    var keyLocation: SourceLocation { key.location }
}
