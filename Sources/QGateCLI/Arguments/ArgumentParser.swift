import QualityGateCore

/// What a command line asked for: the command's help, or a run with these options.
enum ParsedCommandLine<Options> {
    case help
    case run(Options)
}

/// qgate's own argument parser: `--name value`, `--name=value`, repeatable
/// options, `--` and `-h` (only on its own); every mistake is a `UsageError` naming the option,
/// with a did-you-mean suggestion for misspellings. Each value becomes its typed
/// property as it is read, so a value that does not fit is refused before anything runs.
enum ArgumentParser {
    static func parse<Options: CommandOptions>(_ args: [String], as _: Options.Type = Options.self, command: String)
        throws(UsageError) -> ParsedCommandLine<Options>
    {
        var result = Options()
        let declarations = Options.declarations
        let options = declarations.map(\.spec) + [OptionSpec.helpFlag]
        var given: Set<String> = []
        var i = 0
        func fail(_ message: String, hint: String? = nil) -> UsageError {
            UsageError(message, command: command, hint: hint)
        }
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" {
                if i < args.count { throw fail("unexpected argument '\(Sanitize.inline(args[i]))'") }
                break
            }
            let index: Int
            var inlineValue: String?
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let found = options.firstIndex(where: { $0.long == name }) else {
                    let suggestion = Suggestion.closest(to: name, in: options.map(\.long))
                    throw fail(
                        "unknown option '--\(Sanitize.inline(name))'",
                        hint: suggestion.map { "did you mean '--\($0)'?" })
                }
                index = found
            } else if arg.hasPrefix("-") && arg.count == 2, let found = options.firstIndex(where: { $0.short == arg.last }) {
                index = found
            } else if arg.hasPrefix("-") && arg != "-" {
                throw fail("unknown option '\(Sanitize.inline(arg))'")
            } else {
                throw fail(
                    "unexpected argument '\(Sanitize.inline(arg))'",
                    hint: "'qgate \(command)' takes options only, e.g. --metrics FILE")
            }
            let spec = options[index]

            guard spec.takesValue else {
                if inlineValue != nil { throw fail("option '--\(spec.long)' does not take a value") }
                guard index < declarations.count else {
                    // Help exits 0 without running anything, so a wrapper that appends
                    // `--help` to a real gate invocation must not turn it into a pass.
                    guard args.count == 1 else { throw UsageError.helpCombined(command: command, option: arg) }
                    return .help
                }
                try apply(declarations[index], "", to: &result, command: command)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if i < args.count && !(args[i].hasPrefix("--") && args[i].count > 2) {
                value = args[i]
                i += 1
            } else {
                throw fail("missing value for '\(spec.synopsis)'")
            }
            if value.isEmpty { throw fail("empty value for '--\(spec.long)'") }
            if !spec.allowedValues.isEmpty && !spec.allowedValues.contains(value) {
                let suggestion = Suggestion.closest(to: value, in: spec.allowedValues)
                throw fail(
                    "invalid value '\(Sanitize.inline(value))' for '--\(spec.long)'",
                    hint: suggestion.map { "did you mean '\($0)'?" }
                        ?? "expected one of: \(spec.allowedValues.joined(separator: ", "))")
            }
            if !spec.isRepeatable && given.contains(spec.long) {
                throw fail("option '--\(spec.long)' given more than once")
            }
            given.insert(spec.long)
            try apply(declarations[index], value, to: &result, command: command)
        }
        return .run(result)
    }

    /// Sets the option's property; its errors name this command's help.
    private static func apply<Options>(
        _ option: CommandOption<Options>, _ text: String, to options: inout Options,
        command: String
    ) throws(UsageError) {
        do {
            try option.apply(&options, text)
        } catch {
            var error = error
            error.command = error.command ?? command
            throw error
        }
    }
}
