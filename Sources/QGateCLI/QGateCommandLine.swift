import QualityGateCore

/// The front door of the `qgate` executable: picks the subcommand, parses its
/// arguments, runs it, and funnels every error into a message on stderr and
/// exit code 2. No gate logic lives here.
public enum QGateCommandLine {
    static let commands: [CommandSpec] = [EvaluateCommand.spec, ValidateCommand.spec]

    public static func main(_ args: [String]) -> Int32 {
        run(args, console: .system())
    }

    public static func run(_ args: [String], console: Console) -> Int32 {
        let errStyle = TerminalStyle(enabled: TerminalStyle.shouldColor(
            mode: "auto", isTTY: console.stderrIsTTY, environment: console.environment))
        do {
            return try dispatch(args, console: console)
        } catch let usage as UsageError {
            var text = errStyle.red("error:") + " " + usage.message
            if let hint = usage.hint { text += " — " + hint }
            console.writeErr(text + "\n" + usage.helpPointer + "\n")
            return ExitCode.error
        } catch {
            var renderer = DiagnosticRenderer(style: errStyle)
            var text = renderer.render(error)
            if let many = error as? QGateErrors, many.errors.count > 1 {
                text += "\(many.errors.count) errors; nothing was evaluated.\n"
            }
            console.writeErr(text)
            return ExitCode.error
        }
    }

    static func dispatch(_ args: [String], console: Console) throws -> Int32 {
        guard let first = args.first else {
            console.writeErr(HelpFormatter.mainHelp(commands: commands))
            return ExitCode.error
        }
        switch first {
        case "-h", "--help":
            console.writeOut(HelpFormatter.mainHelp(commands: commands))
            return ExitCode.allowed
        case "--version":
            console.writeOut("qgate \(QGateVersion.current)\n")
            return ExitCode.allowed
        case "help":
            if args.count > 1 {
                guard let spec = commands.first(where: { $0.name == args[1] }) else { throw unknownCommand(args[1]) }
                console.writeOut(HelpFormatter.help(for: spec))
            } else {
                console.writeOut(HelpFormatter.mainHelp(commands: commands))
            }
            return ExitCode.allowed
        default:
            break
        }
        guard let spec = commands.first(where: { $0.name == first }) else { throw unknownCommand(first) }
        let parsed = try ArgumentParser.parse(Array(args.dropFirst()), for: spec)
        if parsed.helpRequested {
            console.writeOut(HelpFormatter.help(for: spec))
            return ExitCode.allowed
        }
        switch spec.name {
        case EvaluateCommand.spec.name: return try EvaluateCommand.run(parsed, console: console)
        default: return try ValidateCommand.run(parsed, console: console)
        }
    }

    static func unknownCommand(_ name: String) -> UsageError {
        let suggestion = Suggestion.closest(to: name, in: commands.map(\.name))
        if name.hasPrefix("-") {
            return UsageError("unknown option '\(Sanitize.inline(name))'", command: nil,
                              hint: "options come after the subcommand, e.g. 'qgate evaluate --metrics FILE'")
        }
        return UsageError("unknown subcommand '\(Sanitize.inline(name))'", command: nil,
                          hint: suggestion.map { "did you mean '\($0)'?" }
                              ?? "available: \(commands.map(\.name).joined(separator: ", "))")
    }
}
