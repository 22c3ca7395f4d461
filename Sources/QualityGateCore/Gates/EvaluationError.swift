/// Problems found while matching a policy to metrics that make any verdict
/// meaningless: a gated metric that is not a number, a required baseline absent.
public struct EvaluationError: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}
