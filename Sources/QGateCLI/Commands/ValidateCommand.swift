import QualityGateCore

/// `qgate validate`: check a policy without metrics (pre-commit, first CI step).
enum ValidateCommand: QGateCommand {
    static let about = CommandAbout(
        name: "validate",
        abstract: "Check a policy file without metrics; list every problem.",
        discussion: """
            Parses and checks quality-gates.yaml: YAML syntax, unknown keys, types,
            contradictory bounds. Every problem is listed with file:line:col. With
            --print, writes the normalized policy as JSON (defaults applied; with
            `extends`, the merged policy and the file each gate came from).
            """,
        examples: ["qgate validate", "qgate validate --config quality-gates.yaml --print"],
        exitCodes: [(0, "the policy is valid"), (2, "the policy is invalid, or a usage error")])

    struct Options: CommandOptions {
        var config = PolicyFile()
        var print = false

        static var declarations: [CommandOption<Self>] {
            [
                .value("config", "FILE", \.config, .policyFile, help: "The policy file."),
                .flag("print", \.print, help: "Print the normalized policy as JSON.")
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let policy = try o.config.load(today: console.clock.today())
        if o.print {
            console.writeOut(PolicyJSON.document(policy).rendered())
        } else {
            let conditions = policy.gates.reduce(0) { $0 + $1.conditions.count }
            let bases = policy.files.dropFirst().map { Sanitize.inline($0.file) }
            let extends = bases.isEmpty ? "" : " (extends \(bases.joined(separator: ", ")))"
            console.writeOut(
                "\(Sanitize.inline(o.config.path)): valid policy — \(policy.gates.count) gates, \(conditions) conditions\(extends)\n")
        }
        return ExitCode.allowed
    }
}
