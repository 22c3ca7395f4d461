import QualityGateCore

/// Writes `--help` pages in the style of swift-argument-parser: OVERVIEW,
/// USAGE, OPTIONS with aligned descriptions, then examples and exit codes.
enum HelpFormatter {
    static func help(for command: CommandSpec) -> String {
        var out = "OVERVIEW: \(command.abstract)\n\n"
        if !command.discussion.isEmpty { out += command.discussion + "\n\n" }
        out += "USAGE: qgate \(command.name) [options]\n\n"
        out += "OPTIONS:\n"
        let specs = command.allOptions
        let width = (specs.map { $0.synopsis.count }.max() ?? 0) + 2
        for spec in specs {
            var help = spec.help
            if !spec.allowedValues.isEmpty { help += " (\(spec.allowedValues.joined(separator: "|")))" }
            if let d = spec.defaultValue { help += " (default: \(d))" }
            let pad = String(repeating: " ", count: max(2, width - spec.synopsis.count))
            out += "  \(spec.synopsis)\(pad)\(wrap(help, indent: width + 2))\n"
        }
        if !command.examples.isEmpty {
            out += "\nEXAMPLES:\n"
            for e in command.examples { out += "  \(e)\n" }
        }
        if !command.exitCodes.isEmpty {
            out += "\nEXIT CODES:\n"
            for (code, text) in command.exitCodes { out += "  \(code)  \(text)\n" }
        }
        return out
    }

    /// Wraps at 80 columns, continuing lines under the description column.
    static func wrap(_ text: String, indent: Int) -> String {
        let limit = max(40, 80 - indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > limit {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// `qgate baseline --help`: the group's subcommands.
    static func groupHelp(_ group: String, commands: [CommandSpec]) -> String {
        var out = "USAGE: qgate \(group) <subcommand> [options]\n\nSUBCOMMANDS:\n"
        let names = commands.map { String($0.name.dropFirst(group.count + 1)) }
        let width = (names.map(\.count).max() ?? 0) + 4
        for (name, c) in zip(names, commands) {
            out += "  \(name)\(String(repeating: " ", count: width - name.count))\(c.abstract)\n"
        }
        out += "\nSee 'qgate \(group) <subcommand> --help' for detailed help.\n"
        return out
    }

    static func mainHelp(commands: [CommandSpec]) -> String {
        var out = """
            OVERVIEW: qgate — a quality gate for machine-learning releases

            Decides whether a model may ship: checks the metrics that training and
            evaluation wrote (metrics.json) against a version-controlled policy
            (quality-gates.yaml), absolutely and relative to the last release.

            USAGE: qgate <subcommand> [options]

            SUBCOMMANDS:

            """
        let width = (commands.map { $0.name.count }.max() ?? 0) + 4
        for c in commands {
            out += "  \(c.name)\(String(repeating: " ", count: width - c.name.count))\(c.abstract)\n"
        }
        out += """

            OPTIONS:
              -h, --help    Show help information.
              --version     Show the version.

            EXIT CODES:
              0  release allowed
              1  release blocked by a gate (drift: retraining due; synth-test: a case
                 misbehaved; baseline verify: a mismatch)
              2  usage, configuration or input error (never a pass)

            See 'qgate <subcommand> --help' for detailed help.

            """
        return out
    }
}
