import QualityGateCore

/// `qgate validate`: check a policy without metrics (pre-commit, first CI step).
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check a policy file without metrics; list every problem.",
        discussion: """
            Parses and checks quality-gates.yaml: YAML syntax, unknown keys, types,
            contradictory bounds. Every problem is listed with file:line:col. With
            --print, writes the normalized policy as JSON (defaults applied).
            """,
        options: [
            .value("config", "FILE", help: "The policy file.", default: "quality-gates.yaml"),
            .flag("print", help: "Print the normalized policy as JSON."),
        ],
        examples: ["qgate validate", "qgate validate --config quality-gates.yaml --print"],
        exitCodes: [(0, "the policy is valid"), (2, "the policy is invalid, or a usage error")])

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        let path = args.value("config") ?? "quality-gates.yaml"
        let policy = try PolicyLoader.load(path: path, today: console.clock.today())
        if args.flag("print") {
            console.writeOut(PolicyJSON.document(policy).rendered())
        } else {
            let conditions = policy.gates.reduce(0) { $0 + $1.conditions.count }
            console.writeOut("\(Sanitize.inline(path)): valid policy — \(policy.gates.count) gates, \(conditions) conditions\n")
        }
        return ExitCode.allowed
    }
}
