/// What the parser and the help page know of one option: its name, whether it
/// takes a value, and the text its help shows. A command declares its options
/// as `CommandOption`s, which pair this with where the value goes.
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
    /// The default as help shows it, from the options value's initial value.
    var defaultValue: String?
    /// When non-empty, the only values accepted.
    var allowedValues: [String] = []

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

    static let helpFlag = OptionSpec(long: "help", short: "h", kind: .flag, help: "Show help for this command.")
}

/// A subcommand's name and help texts, and the options it accepts (`--help` last).
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion: String
    var options: [OptionSpec]
    var examples: [String]
    var exitCodes: [(Int32, String)]

    var allOptions: [OptionSpec] { options + [OptionSpec.helpFlag] }
}
