/// An error reading YAML: either the text is not valid YAML, or it uses a
/// construct outside qgate's subset (anchors, tags, several documents, …).
public struct YAMLError: QGateError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The input is malformed.
        case invalid
        /// Valid YAML that qgate deliberately refuses; carries the construct's name.
        case unsupported(construct: String)
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hint = hint
    }

    static func unsupported(_ construct: String, at location: SourceLocation, hint: String? = nil) -> YAMLError {
        YAMLError(
            .unsupported(construct: construct),
            "\(construct) are not supported in qgate's YAML subset", at: location, hint: hint)
    }

    /// YAML forbids tabs for indentation; qgate also refuses them in a line's
    /// leading whitespace, where they would only look like indentation.
    static func tabIndentation(at location: SourceLocation) -> YAMLError {
        unsupported("tab characters in indentation", at: location, hint: "indent with spaces only")
    }
}
