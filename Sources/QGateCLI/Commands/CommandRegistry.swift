/// Every subcommand, in the order `qgate --help` lists them. Help and dispatch
/// both read this list; a new command is one file and one line here.
enum CommandRegistry {
    static let commands: [any QGateCommand.Type] = [
        EvaluateCommand.self, ValidateCommand.self, InitCommand.self, DriftCommand.self, DriftSQLCommand.self, ScoreCommand.self,
        ProfileCommand.self,
        SynthTestCommand.self, ReviewCommand.self,
        BaselinePromoteCommand.self, BaselineShowCommand.self, BaselineHistoryCommand.self,
        BaselineRollbackCommand.self, BaselineVerifyCommand.self, BaselineSignCommand.self
    ]

    static var all: [RegisteredCommand] { commands.map { RegisteredCommand($0) } }

    /// Every command's name, without building its options: dispatch needs only
    /// the names and the one command it runs (each option table instantiates
    /// key paths, a measurable part of start-up).
    static var names: [String] { commands.map { $0.about.name } }

    static func command(named name: String) -> RegisteredCommand? {
        commands.first { $0.about.name == name }.map { RegisteredCommand($0) }
    }
}

/// A command with its type erased: its help page, and a way to run it on the
/// arguments after its name.
struct RegisteredCommand {
    let spec: CommandSpec
    let execute: (_ arguments: [String], _ console: Console) throws -> Int32

    init<Command: QGateCommand>(_: Command.Type) {
        let about = Command.about
        let spec = CommandSpec(
            name: about.name, abstract: about.abstract, discussion: about.discussion,
            options: Command.Options.declarations.map(\.spec), examples: about.examples, exitCodes: about.exitCodes)
        self.spec = spec
        execute = { arguments, console in
            do {
                switch try ArgumentParser.parse(arguments, as: Command.Options.self, command: about.name) {
                case .help:
                    console.writeOut(HelpFormatter.help(for: spec))
                    return ExitCode.allowed
                case .run(let options):
                    return try Command.run(options, console: console)
                }
            } catch var error as UsageError {
                // A usage error found while the command runs points at the command's help.
                error.command = error.command ?? about.name
                throw error
            }
        }
    }
}
