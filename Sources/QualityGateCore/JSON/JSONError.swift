/// A JSON document could not be read: the message names what was expected and
/// the location points at the offending byte.
public struct JSONError: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}
