/// A parsed YAML value with the position it came from (a byte offset into its
/// source; line and column are computed when asked for, as for `JSONValue`).
/// Scalars are already resolved with the YAML 1.2 core schema (quoted scalars
/// are always strings).
public struct YAMLNode: Sendable {
    /// Not `indirect` (as `JSONValue`): sequences and mappings already live
    /// in arrays on the heap, and a box per node cost a policy's parse an
    /// allocation and a release chain per scalar.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    /// Byte offset of the node's first character in `source`.
    public var offset: Int
    public let source: SourceText

    public init(_ value: Value, offset: Int, source: SourceText) {
        self.value = value
        self.offset = offset
        self.source = source
    }

    public var location: SourceLocation { source.location(of: offset) }

    /// "a mapping", "a string `abc`", … for messages such as "expected a number, found …".
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "a boolean (\(b))"
        case .int: return "an integer"
        case .double: return "a number"
        case .string(let s): return "a string \(Sanitize.quoted(s))"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }

    /// The numeric value of an int or float scalar.
    public var number: Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }
}

/// One `key: value` entry of a mapping; order is kept as written.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
