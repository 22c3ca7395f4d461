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
    public var today = Clock.system.today()

    public init(configPath: String, baselinePath: String?, metricsPath: String?, casesPath: String?, strict: Bool) {
        self.configPath = configPath
        self.baselinePath = baselinePath
        self.metricsPath = metricsPath
        self.casesPath = casesPath
        self.strict = strict
    }

    public func run() throws -> PolicyTestReport {
        let policy = try PolicyLoader.load(path: configPath, today: today)
        let given = try baselinePath.map { try MetricsLoader.load(path: $0) }
        let known = try metricsPath.map { try MetricsLoader.load(path: $0) }
        let synthetic = SliceExpansion.standIn(policy)
        let baselines = SyntheticCases.baselineValues(synthetic, given: given)
        var (cases, unprobed) = SyntheticCases.generate(synthetic, baselines: baselines, given: given, today: today)
        if let casesPath {
            // A declared case without its own `baseline` uses the run's --baseline.
            cases += try DeclaredCases.load(path: casesPath, today: today).map { c in
                var c = c
                if c.baseline == nil { c.baseline = given }
                return c
            }
        }
        for i in cases.indices { cases[i].run(cases[i].kind == .declared ? policy : synthetic, today: today) }
        let lint = PolicyLint.run(policy, baselines: baselines, known: known ?? given, today: today)
        return PolicyTestReport(policy: policy, baselineFile: baselinePath, cases: cases, unprobed: unprobed, lint: lint, strict: strict)
    }
}

/// The outcome of `qgate synth-test`, rendered as text or JSON.
public struct PolicyTestReport: Sendable {
    public var policy: Policy
    public var baselineFile: String?
    public var cases: [PolicyTestCase]
    /// Conditions no synthetic case could probe alone (dominated by a stricter
    /// one); the report lists them as `notes`.
    public var unprobed: [UnprobedCondition]
    public var lint: [LintFinding]
    public var strict: Bool

    public var misbehaved: [PolicyTestCase] { cases.filter { !$0.behaved } }

    /// Every case behaved as expected (and, when strict, the lint found nothing).
    public var ok: Bool { misbehaved.isEmpty && !(strict && !lint.isEmpty) }
}
