/// The `qgate synth-test` report, as text or JSON (schema `qgate.synth-test/v1`).
extension PolicyTestReport {
    public func text(style: TerminalStyle = .plain, precision: ReportPrecision = .human) -> String {
        var out = style.bold("qgate synth-test · policy \(Sanitize.inline(policy.file))") + "\n"
        out += style.dim("baseline " + (baselineFile.map(Sanitize.inline) ?? "synthetic (no --baseline)")) + "\n\n"
        var table = TextTable([.left, .left, .left, .left])
        table.add(["", "CASE", "EXPECTED", "GOT"])
        for c in cases {
            table.add([c.behaved ? "✓" : "✗", c.name, c.expectedVerdict.rawValue, c.evaluation?.verdict.rawValue ?? "error"])
        }
        for (i, line) in table.render(decorate: { row, col, cell in
            guard row > 0, col == 0 else { return row == 0 ? style.dim(cell) : cell }
            return self.cases[row - 1].behaved ? style.green(cell) : style.red(cell)
        }).enumerated() {
            out += "  " + line + "\n"
            if i > 0, let problem = cases[i - 1].problem(precision) { out += "      " + style.red(problem) + "\n" }
        }
        if !notes.isEmpty {
            out += "\nnot probed alone:\n"
            for n in unprobed.map({ $0.text(precision) }) { out += "  " + style.dim(n) + "\n" }
        }
        if !lint.isEmpty {
            out += "\nlint:\n"
            for f in lint { out += "  " + f.rendered(asError: strict) + "\n" }
        }
        let bad = misbehaved.count
        let behaved = cases.count - bad
        out += "\n"
        let summary =
            "\(behaved) of \(cases.count) cases behaved as expected; \(bad) misbehaved; \(lint.count) lint finding\(lint.count == 1 ? "" : "s")"
        out += (ok ? style.green("OK: ") : style.red("FAILED: ")) + summary + "\n"
        return out
    }

    /// `exitCode` is the status the command exits with, recorded as `exit_code`
    /// (the command line maps `ok` to it; the library knows no exit codes).
    public func json(exitCode: Int32) -> String {
        JSONOutput.object([
            ("schema", .string("qgate.synth-test/v1")),
            ("policy", .string(policy.file)),
            ("baseline_file", .optional(baselineFile)),
            ("ok", .bool(ok)),
            ("exit_code", .number(Double(exitCode))),
            (
                "cases",
                .array(
                    cases.map { c in
                        .object([
                            ("name", .string(c.name)), ("kind", .string(c.kind.rawValue)),
                            ("expected", .string(c.expectedVerdict.rawValue)),
                            ("got", .optional(c.evaluation?.verdict.rawValue)),
                            ("behaved", .bool(c.behaved)), ("problem", .optional(c.problem)),
                            ("line", c.location.map { .number(Double($0.line)) } ?? .null)
                        ])
                    })
            ),
            ("not_probed", .array(notes.map { .string($0) })),
            (
                "lint",
                .array(
                    lint.map { f in
                        .object([
                            ("rule", .string(f.rule.rawValue)), ("message", .string(f.message)),
                            ("file", .string(f.location.file)), ("line", .number(Double(f.location.line))),
                            ("column", .number(Double(f.location.column)))
                        ])
                    })
            )
        ]).rendered()
    }
}
