/// A problem with the baseline store: a bad model name, no baseline yet, a
/// corrupt or tampered history, a git revision that cannot be read.
public struct BaselineError: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}
