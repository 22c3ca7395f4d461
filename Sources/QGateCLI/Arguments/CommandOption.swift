/// One option of a command, declared once: its name and help, how its text
/// becomes a typed value, and the property of the command's options value it
/// sets. A property's initial value is the option's default; help shows it.
///
///     .flag("print", \.print, help: "Print the normalized policy as JSON.")
///     .value("format", "FORMAT", \.format, .choice, help: "Report format.")
struct CommandOption<Options> {
    var spec: OptionSpec
    /// Sets the option's property from one occurrence of it (a flag gets no text).
    let apply: (inout Options, String) throws(UsageError) -> Void

    /// `--name`, no value: sets a `Bool` property.
    static func flag(_ long: String, _ property: WritableKeyPath<Options, Bool>, help: String) -> Self {
        CommandOption(spec: OptionSpec(long: long, kind: .flag, help: help)) { options, _ in options[keyPath: property] = true }
    }

    /// `--name VALUE` with a default: the property's initial value, shown in help.
    static func value<Value>(
        _ long: String, _ valueName: String, _ property: WritableKeyPath<Options, Value>,
        _ parser: ArgumentValue<Value>, help: String
    ) -> Self where Options: OptionValues {
        let shown = parser.show(Options()[keyPath: property])
        return CommandOption(spec: spec(long, valueName, repeatable: false, help, shown, parser.allowed)) {
            options, text throws(UsageError) in
            options[keyPath: property] = try parser.parse(text, long)
        }
    }

    /// `--name VALUE` without a default: an optional property, nil unless given.
    static func value<Value>(
        _ long: String, _ valueName: String, _ property: WritableKeyPath<Options, Value?>,
        _ parser: ArgumentValue<Value>, help: String
    ) -> Self {
        CommandOption(spec: spec(long, valueName, repeatable: false, help, nil, parser.allowed)) { options, text throws(UsageError) in
            options[keyPath: property] = try parser.parse(text, long)
        }
    }

    /// `--name VALUE ...`, repeatable: every occurrence, in order.
    static func values<Value>(
        _ long: String, _ valueName: String, _ property: WritableKeyPath<Options, [Value]>,
        _ parser: ArgumentValue<Value>, help: String
    ) -> Self {
        CommandOption(spec: spec(long, valueName, repeatable: true, help, nil, parser.allowed)) { options, text throws(UsageError) in
            options[keyPath: property].append(try parser.parse(text, long))
        }
    }

    private static func spec(
        _ long: String, _ valueName: String, repeatable: Bool, _ help: String, _ shown: String?,
        _ allowed: [String]
    ) -> OptionSpec {
        OptionSpec(
            long: long, kind: .value(name: valueName, repeatable: repeatable), help: help, defaultValue: shown,
            allowedValues: allowed)
    }

    /// The same option, setting a property of an option group inside a larger options value.
    func within<Outer>(_ group: WritableKeyPath<Outer, Options>) -> CommandOption<Outer> {
        let apply = self.apply
        return CommandOption<Outer>(spec: spec) { outer, text throws(UsageError) in try apply(&outer[keyPath: group], text) }
    }
}

extension Array {
    /// An option group's options, setting the group inside a larger options value.
    func within<Group, Outer>(_ group: WritableKeyPath<Outer, Group>) -> [CommandOption<Outer>]
    where Element == CommandOption<Group> {
        map { $0.within(group) }
    }
}

/// A value whose properties options set (a command's options, or a group of
/// options several commands share). `init()` gives every default: each
/// property's initial value, written once.
protocol OptionValues {
    init()
}

/// A command's options as typed values; `declarations` lists the options in
/// help order and says which property each one sets.
protocol CommandOptions: OptionValues {
    static var declarations: [CommandOption<Self>] { get }
}
