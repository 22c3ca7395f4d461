/// One option a command accepts, with the text its help shows.
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// `--flag`, no value.
        case flag
        /// `--name VALUE`; `repeatable` options collect every occurrence.
        case value(name: String, repeatable: Bool)
    }

    var long: String
    var short: Character?
    var kind: Kind
    var help: String
    var defaultValue: String?
    /// When non-empty, the only values accepted.
    var allowedValues: [String] = []

    static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, help: help)
    }

    static func value(_ long: String, _ valueName: String, repeatable: Bool = false, help: String,
                      default defaultValue: String? = nil, allowed: [String] = []) -> OptionSpec {
        OptionSpec(long: long, short: nil, kind: .value(name: valueName, repeatable: repeatable), help: help,
                   defaultValue: defaultValue, allowedValues: allowed)
    }

    var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    var isRepeatable: Bool {
        if case .value(_, let r) = kind { return r }
        return false
    }

    /// `--metrics FILE` or `-h, --help`, as the help's left column.
    var synopsis: String {
        var s = short.map { "-\($0), " } ?? ""
        s += "--\(long)"
        if case .value(let name, let repeatable) = kind { s += " \(name)" + (repeatable ? " ..." : "") }
        return s
    }
}

/// A subcommand's name, help texts and options.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion: String
    var options: [OptionSpec]
    var examples: [String]
    var exitCodes: [(Int32, String)]

    static let helpOption = OptionSpec.flag("help", short: "h", help: "Show help for this command.")

    var allOptions: [OptionSpec] { options + [CommandSpec.helpOption] }
}
