import QualityGateCore

/// A command line that cannot be understood: unknown option, missing value,
/// stray argument. Always exit 2, with a pointer to the command's help.
struct UsageError: QGateError {
    var message: String
    /// The command whose help to point at; errors thrown while a command parses
    /// or runs get its name from the command registry.
    var command: String?
    var hint: String?

    var location: SourceLocation? { nil }

    init(_ message: String, command: String? = nil, hint: String? = nil) {
        self.message = message
        self.command = command
        self.hint = hint
    }

    var helpPointer: String {
        "See 'qgate\(command.map { " " + $0 } ?? "") --help'."
    }

    /// `-h`/`--help` and `--version` print text and exit 0, so they are accepted
    /// only as the whole command line: a wrapper that appends `--help` to a real
    /// gate invocation gets a usage error, never a silent success.
    static func helpCombined(command: String?, option: String) -> UsageError {
        let alone = "qgate " + (command.map { $0 + " " } ?? "") + option
        return UsageError(
            "'\(option)' cannot be combined with other arguments", command: command,
            hint: "run '\(alone)' on its own, or drop '\(option)' to run the command")
    }

    /// `missing '--metrics FILE'`: a required option was not given.
    static func missing(_ synopsis: String, hint: String) -> UsageError {
        UsageError("missing '\(synopsis)'", hint: hint)
    }
}
