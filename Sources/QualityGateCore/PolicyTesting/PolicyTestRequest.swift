/// `qgate synth-test`: runs the generated and declared cases through the real
/// evaluator and lints the policy.
public struct PolicyTestRequest: Sendable {
    public var configPath: String
    public var baselinePath: String?
    /// Example (or last) metrics: the lint warns about gated metrics they lack.
    public var metricsPath: String?
    public var casesPath: String?
    public var strict: Bool
    /// Today in days since 1970 (for waivers); injectable like `evaluate`'s.
    public var today = Clock.today()

    public init(configPath: String, baselinePath: String?, metricsPath: String?, casesPath: String?, strict: Bool) {
        self.configPath = configPath
        self.baselinePath = baselinePath
        self.metricsPath = metricsPath
        self.casesPath = casesPath
        self.strict = strict
    }

    public func run() throws -> PolicyTestReport {
        let policy = try PolicyLoader.load(path: configPath)
        let given = try baselinePath.map { try MetricsLoader.load(path: $0) }
        let known = try metricsPath.map { try MetricsLoader.load(path: $0) }
        let baselines = SyntheticCases.baselineValues(policy, given: given)
        var (cases, notes) = SyntheticCases.generate(policy, baselines: baselines, given: given, today: today)
        if let casesPath {
            // A declared case without its own `baseline` uses the run's --baseline.
            cases += try DeclaredCases.load(path: casesPath).map { c in
                var c = c
                if c.baseline == nil { c.baseline = given }
                return c
            }
        }
        for i in cases.indices { cases[i].run(policy, today: today) }
        let lint = PolicyLint.run(policy, baselines: baselines, known: known ?? given, today: today)
        return PolicyTestReport(policy: policy, baselineFile: baselinePath, cases: cases, notes: notes, lint: lint, strict: strict)
    }
}

/// The outcome of `qgate synth-test`, rendered as text or JSON.
public struct PolicyTestReport: Sendable {
    public var policy: Policy
    public var baselineFile: String?
    public var cases: [PolicyTestCase]
    /// Conditions no synthetic case could probe alone (dominated by a stricter one).
    public var notes: [String]
    public var lint: [LintFinding]
    public var strict: Bool

    public var misbehaved: [PolicyTestCase] { cases.filter { !$0.behaved } }

    /// 0 every case behaved (and, with --strict, no lint finding); 1 otherwise.
    public var exitCode: Int32 {
        (misbehaved.isEmpty && !(strict && !lint.isEmpty)) ? ExitCode.allowed : ExitCode.blocked
    }

    public func text(style: TerminalStyle = .plain) -> String {
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
            if i > 0, let problem = cases[i - 1].problem { out += "      " + style.red(problem) + "\n" }
        }
        if !notes.isEmpty {
            out += "\nnot probed alone:\n"
            for n in notes { out += "  " + style.dim(n) + "\n" }
        }
        if !lint.isEmpty {
            out += "\nlint:\n"
            for f in lint { out += "  " + f.rendered(asError: strict) + "\n" }
        }
        let bad = misbehaved.count
        let behaved = cases.count - bad
        out += "\n"
        let summary = "\(behaved) of \(cases.count) cases behaved as expected; \(bad) misbehaved; \(lint.count) lint finding\(lint.count == 1 ? "" : "s")"
        out += (exitCode == 0 ? style.green("OK: ") : style.red("FAILED: ")) + summary + "\n"
        return out
    }

    public func json() -> String {
        JSONOutput.object([
            ("schema", .string("qgate.synth-test/v1")),
            ("policy", .string(policy.file)),
            ("baseline_file", .optional(baselineFile)),
            ("ok", .bool(exitCode == 0)),
            ("exit_code", .number(Double(exitCode))),
            ("cases", .array(cases.map { c in
                .object([
                    ("name", .string(c.name)), ("kind", .string(c.kind.rawValue)),
                    ("expected", .string(c.expectedVerdict.rawValue)),
                    ("got", .optional(c.evaluation?.verdict.rawValue)),
                    ("behaved", .bool(c.behaved)), ("problem", .optional(c.problem)),
                    ("line", c.location.map { .number(Double($0.line)) } ?? .null),
                ])
            })),
            ("not_probed", .array(notes.map { .string($0) })),
            ("lint", .array(lint.map { f in
                .object([("rule", .string(f.rule.rawValue)), ("message", .string(f.message)),
                         ("file", .string(f.location.file)), ("line", .number(Double(f.location.line))),
                         ("column", .number(Double(f.location.column)))])
            })),
        ]).rendered()
    }
}

