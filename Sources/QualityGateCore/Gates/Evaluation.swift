/// The result of evaluating a policy: every condition's result and the verdict.
public struct Evaluation: Sendable {
    public var policy: Policy
    public var results: [ConditionResult]
    public var metricsFiles: [String]
    /// Where the baseline came from, when there was one.
    public var baseline: BaselineInfo?
    /// `--fail-on-warning`: failed warnings block too, and every report says so.
    /// Set only by the evaluator (`GateEvaluator.Options.failOnWarning`): the
    /// verdict is computed once, before anything records or prints it.
    public internal(set) var failOnWarning = false
    /// Waivers about to expire, and expired ones: the reader must know beyond the
    /// results (the reports phrase them as `notices`).
    public var waiverNotices: [WaiverNotice] = []
    /// The policy's SHA-256 (with `metricsFiles` and their hashes: what this verdict is based on).
    public var policySHA256: String?
    public var metricsSHA256: [String] = []
    /// `--aggregate`: the metrics files were repeated runs combined this way
    /// (each aggregated result carries its `runs`).
    public var aggregate: AggregateMethod?

    public init(policy: Policy, results: [ConditionResult], metricsFiles: [String], baseline: BaselineInfo?) {
        self.policy = policy
        self.results = results
        self.metricsFiles = metricsFiles
        self.baseline = baseline
    }

    /// Whether this result blocks the release under this evaluation's rules.
    public func blocks(_ r: ConditionResult) -> Bool {
        r.isBlocking || (failOnWarning && r.status == .failed && r.severity == .warning)
    }

    public enum Verdict: String, Sendable {
        case passed
        case passedWithWarnings = "passed_with_warnings"
        case blocked
    }

    public var verdict: Verdict {
        Self.verdict(criticalFailed: results.contains(where: \.isBlocking), warnings: warningCount, failOnWarning: failOnWarning)
    }

    /// The rule, also applied to recorded evaluations by `qgate baseline verify`.
    static func verdict(criticalFailed: Bool, warnings: Int, failOnWarning: Bool) -> Verdict {
        if criticalFailed || (failOnWarning && warnings > 0) { return .blocked }
        return warnings > 0 ? .passedWithWarnings : .passed
    }

    public var passedCount: Int { results.count(where: { $0.status == .passed }) }
    public var failedCount: Int { results.count(where: { $0.status == .failed }) }
    public var skippedCount: Int { results.count(where: { $0.status == .skipped }) }
    public var waivedCount: Int { results.count(where: { $0.status == .waived }) }
    public var criticalFailedCount: Int { results.count(where: \.isBlocking) }
    public var warningCount: Int { results.count(where: { $0.status == .failed && $0.severity == .warning }) }
    public var infoCount: Int { results.count(where: { $0.status == .failed && $0.severity == .info }) }

    /// Gates with at least one failed critical condition.
    public var blockingGateCount: Int {
        Set(results.filter(\.isBlocking).map(\.gateIndex)).count
    }

    /// Whether the release may go ahead: every blocking condition passed
    /// (`failOnWarning` is already in the verdict). The command line maps this
    /// to its exit status; the library knows no exit codes.
    public var releaseAllowed: Bool { verdict != .blocked }
}

/// Where an evaluation's baseline came from, for reports: "was this compared
/// against the last release, and which one?"
public struct BaselineInfo: Sendable {
    public enum Kind: String, Sendable { case file, git, store }
    public var kind: Kind
    /// `Examples/baseline.json`, `v1.3.0:./metrics.json`, `.qgate (sentiment version 1.3.0, …)`.
    public var description: String
    public var file: String?
    public var version: String?
    /// SHA-256 of the baseline file, or of the git blob read.
    public var sha256: String?
    /// The commit a git ref resolved to.
    public var commit: String?

    public init(kind: Kind, description: String, file: String? = nil, version: String? = nil, sha256: String? = nil, commit: String? = nil)
    {
        self.kind = kind
        self.description = description
        self.file = file
        self.version = version
        self.sha256 = sha256
        self.commit = commit
    }
}
