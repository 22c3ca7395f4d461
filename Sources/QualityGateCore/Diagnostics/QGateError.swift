/// The common shape of every qgate error: a message, where it happened (when the
/// input has positions), and an optional hint on how to fix it. Each area (YAML,
/// JSON, policy, metrics, evaluation, files) has its own concrete error type.
public protocol QGateError: Error, CustomStringConvertible, Sendable {
    var message: String { get }
    var location: SourceLocation? { get }
    var hint: String? { get }
}

extension QGateError {
    public var hint: String? { nil }

    /// `file:line:col: error: message (hint)` — one line, safe to print.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: \(message)"
        if let hint { text += " — \(hint)" }
        return text
    }
}

/// Several errors reported together, so that a user fixes a file in one pass
/// instead of one error per run.
public struct QGateErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [any QGateError]

    public init(_ errors: [any QGateError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
