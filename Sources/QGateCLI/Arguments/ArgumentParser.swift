import QualityGateCore

/// The parsed options of one command line.
struct ParsedArguments: Sendable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var helpRequested = false

    func value(_ long: String) -> String? { values[long]?.last }
    func all(_ long: String) -> [String] { values[long] ?? [] }
    func flag(_ long: String) -> Bool { flags.contains(long) }
}

/// qgate's own argument parser: `--name value`, `--name=value`, repeatable
/// options, `--` and `-h` (only on its own); every mistake is a `UsageError` naming the option,
/// with a did-you-mean suggestion for misspellings.
enum ArgumentParser {
    static func parse(_ args: [String], for command: CommandSpec) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        let options = command.allOptions
        var i = 0
        func fail(_ message: String, hint: String? = nil) -> UsageError {
            UsageError(message, command: command.name, hint: hint)
        }
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" {
                if i < args.count { throw fail("unexpected argument '\(Sanitize.inline(args[i]))'") }
                break
            }
            let spec: OptionSpec
            var inlineValue: String?
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let found = options.first(where: { $0.long == name }) else {
                    let suggestion = Suggestion.closest(to: name, in: options.map(\.long))
                    throw fail("unknown option '--\(Sanitize.inline(name))'",
                               hint: suggestion.map { "did you mean '--\($0)'?" })
                }
                spec = found
            } else if arg.hasPrefix("-") && arg.count == 2, let found = options.first(where: { $0.short == arg.last }) {
                spec = found
            } else if arg.hasPrefix("-") && arg != "-" {
                throw fail("unknown option '\(Sanitize.inline(arg))'")
            } else {
                throw fail("unexpected argument '\(Sanitize.inline(arg))'",
                           hint: "'qgate \(command.name)' takes options only, e.g. --metrics FILE")
            }

            guard spec.takesValue else {
                if inlineValue != nil { throw fail("option '--\(spec.long)' does not take a value") }
                if spec.long == "help" {
                    // Help exits 0 without running anything, so a wrapper that appends
                    // `--help` to a real gate invocation must not turn it into a pass.
                    guard args.count == 1 else { throw UsageError.helpCombined(command: command.name, option: arg) }
                    result.helpRequested = true
                    continue
                }
                result.flags.insert(spec.long)
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
                throw fail("invalid value '\(Sanitize.inline(value))' for '--\(spec.long)'",
                           hint: suggestion.map { "did you mean '\($0)'?" }
                               ?? "expected one of: \(spec.allowedValues.joined(separator: ", "))")
            }
            if !spec.isRepeatable && result.values[spec.long] != nil {
                throw fail("option '--\(spec.long)' given more than once")
            }
            result.values[spec.long, default: []].append(value)
        }
        for spec in options {
            if result.values[spec.long] == nil, let d = spec.defaultValue { result.values[spec.long] = [d] }
        }
        return result
    }
}
