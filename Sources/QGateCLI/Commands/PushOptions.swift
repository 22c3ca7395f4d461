import QualityGateCore

/// `--pushgateway URL` and `--push-timeout SECONDS`, for every command that
/// pushes. Both are checked before the command does its work: a bad URL is a
/// usage error (exit 2) up front, not a failure after the verdict was recorded.
enum PushOptions {
    static let defaultTimeout = "30"

    static func options(pushgatewayHelp: String) -> [OptionSpec] {
        [.value("pushgateway", "URL", help: pushgatewayHelp),
         .value("push-timeout", "SECONDS", help: "Give up on the push after this many seconds in all: connecting, sending and reading the answer.",
                default: defaultTimeout)]
    }

    struct Target {
        var url: String
        var timeout: Double
    }

    /// The checked push target, or nil without `--pushgateway`.
    static func target(_ args: ParsedArguments, command: String) throws -> Target? {
        let text = args.value("push-timeout") ?? defaultTimeout
        guard let timeout = Double(text), timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw UsageError("invalid value '\(Sanitize.inline(text))' for '--push-timeout'", command: command,
                             hint: "a number of seconds above 0 and at most 3600")
        }
        guard let url = args.value("pushgateway") else { return nil }
        do {
            _ = try HTTPClient.parse(url)
        } catch {
            throw UsageError("'--pushgateway': \(error.message)", command: command, hint: error.hint)
        }
        return Target(url: url, timeout: timeout)
    }
}
