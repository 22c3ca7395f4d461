import QualityGateCore

/// The front door of the `qgate` executable: picks the subcommand, parses its
/// arguments, runs it, and funnels every error into a message on stderr and
/// exit code 2. No gate logic lives here.
public enum QGateCommandLine {
    static var commands: [CommandSpec] { CommandRegistry.all.map(\.spec) }

    public static func main(_ args: [String]) -> Int32 {
        MemoryTuning.apply()
        return run(args, console: .system())
    }

    public static func run(_ args: [String], console: Console) -> Int32 {
        defer { console.finish() }
        let errStyle = TerminalStyle(
            enabled: TerminalStyle.shouldColor(
                mode: "auto", isTTY: console.stderrIsTTY, environment: console.environment))
        do {
            var console = console
            console.clock = try console.pinnedClock()
            let code = try dispatch(args, console: console)
            if console.stdoutFailed() {
                console.writeErr(errStyle.red("error:") + " writing to standard output failed; the report is incomplete\n")
                return ExitCode.error
            }
            return code
        } catch let usage as UsageError {
            var text = errStyle.red("error:") + " " + usage.message
            if let hint = usage.hint { text += " — " + hint }
            console.writeErr(text + "\n" + usage.helpPointer + "\n")
            return ExitCode.error
        } catch {
            let renderer = DiagnosticRenderer(style: errStyle)
            var text = renderer.render(FlagHints.attach(to: error))
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
            guard args.count == 1 else { throw UsageError.helpCombined(command: nil, option: first) }
            console.writeOut(HelpFormatter.mainHelp(commands: commands))
            return ExitCode.allowed
        case "--version":
            guard args.count == 1 else { throw UsageError.helpCombined(command: nil, option: first) }
            console.writeOut("qgate \(QGateVersion.current)\n")
            return ExitCode.allowed
        case "help":
            if args.count > 1 {
                let name = args.dropFirst().joined(separator: " ")
                guard let spec = commands.first(where: { $0.name == name }) else { throw unknownCommand(name) }
                console.writeOut(HelpFormatter.help(for: spec))
            } else {
                console.writeOut(HelpFormatter.mainHelp(commands: commands))
            }
            return ExitCode.allowed
        default:
            break
        }
        // Two-word commands (`baseline promote`) take their second word here;
        // a command that has subcommands too (`drift`, `drift sql`) takes it
        // only when it names one.
        var rest = Array(args.dropFirst())
        var name = first
        let names = CommandRegistry.names
        let isCommand = names.contains(first)
        if names.contains(where: { $0.hasPrefix(first + " ") })
            && (!isCommand || rest.first.map { sub in names.contains(first + " " + sub) } == true)
        {
            guard let sub = rest.first, !sub.hasPrefix("-") else {
                if rest.first == "-h" || rest.first == "--help" || rest.isEmpty {
                    let group = commands.filter { $0.name.hasPrefix(first + " ") }
                    // Asked for (--help): stdout, success. Missing subcommand: stderr, usage error.
                    if rest.isEmpty {
                        console.writeErr(HelpFormatter.groupHelp(first, commands: group))
                        return ExitCode.error
                    }
                    guard rest.count == 1 else { throw UsageError.helpCombined(command: first, option: rest[0]) }
                    console.writeOut(HelpFormatter.groupHelp(first, commands: group))
                    return ExitCode.allowed
                }
                throw UsageError(
                    "missing subcommand after '\(first)'", command: nil,
                    hint: "one of: "
                        + commands.filter { $0.name.hasPrefix(first + " ") }.map { String($0.name.dropFirst(first.count + 1)) }.joined(
                            separator: ", "))
            }
            name = first + " " + sub
            rest.removeFirst()
        }
        guard let command = CommandRegistry.command(named: name) else { throw unknownCommand(name) }
        return try command.execute(rest, console)
    }

    static func unknownCommand(_ name: String) -> UsageError {
        let suggestion = Suggestion.closest(to: name, in: commands.map(\.name) + ["baseline"])
        if name.hasPrefix("-") {
            return UsageError(
                "unknown option '\(Sanitize.inline(name))'", command: nil,
                hint: "options come after the subcommand, e.g. 'qgate evaluate --metrics FILE'")
        }
        return UsageError(
            "unknown subcommand '\(Sanitize.inline(name))'", command: nil,
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "available: \(commands.map(\.name).joined(separator: ", "))")
    }
}
