/// A policy file that parses as YAML but does not describe a valid policy:
/// unknown keys, wrong types, contradictory bounds.
public struct PolicyError: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}
