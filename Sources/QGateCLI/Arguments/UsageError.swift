import QualityGateCore

/// A command line that cannot be understood: unknown option, missing value,
/// stray argument. Always exit 2, with a pointer to the command's help.
struct UsageError: QGateError {
    var message: String
    var command: String?
    var hint: String?

    var location: SourceLocation? { nil }

    init(_ message: String, command: String?, hint: String? = nil) {
        self.message = message
        self.command = command
        self.hint = hint
    }

    var helpPointer: String {
        "See 'qgate\(command.map { " " + $0 } ?? "") --help'."
    }
}
