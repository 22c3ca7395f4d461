/// A parsed JSON value with the offset-derived position of each value, so the
/// metrics loader can say where a metric was defined.
public struct JSONValue: Sendable {
    /// Not `indirect`: arrays and objects already live on the heap, and a box
    /// per value (every number) doubled the memory a large document takes.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    public var kind: Kind
    /// Byte offset of the value's first character in `source`.
    public var offset: Int
    public let source: SourceText

    public init(_ kind: Kind, offset: Int, source: SourceText) {
        self.kind = kind
        self.offset = offset
        self.source = source
    }

    public var location: SourceLocation { source.location(of: offset) }

    /// "a string", "an object", … for messages.
    public var kindDescription: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One `"key": value` member of an object, in document order.
public struct JSONMember: Sendable {
    public var key: String
    public var keyOffset: Int
    public var value: JSONValue

    public var keyLocation: SourceLocation { value.source.location(of: keyOffset) }
}
