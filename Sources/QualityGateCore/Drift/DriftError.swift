/// A problem reading drift inputs (CSV, histogram JSON) or the drift policy.
public struct DriftError: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}
