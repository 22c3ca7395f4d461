/// A subcommand: what its help says, its typed options, and its body. A body
/// reads as options → one library call → render → publish, and maps the
/// verdict to an exit code (ExitCode.swift).
protocol QGateCommand {
    associatedtype Options: CommandOptions
    static var about: CommandAbout { get }
    static func run(_ options: Options, console: Console) throws -> Int32
}

/// A subcommand's name and the texts of its help page.
struct CommandAbout: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var examples: [String]
    var exitCodes: [(Int32, String)]
}
