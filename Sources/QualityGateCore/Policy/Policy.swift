/// A release policy read from `quality-gates.yaml`: which metrics to check,
/// against what, and how much a failure matters.
public struct Policy: Sendable {
    /// The newest policy format this build understands.
    public static let supportedVersion = 1

    public var version: Int
    public var model: String?
    public var description: String?
    public var defaults: PolicyDefaults
    public var gates: [Gate]
    /// The `drift:` section, for `qgate drift`.
    public var drift: DriftConfig?
    /// The `data:` section, for `qgate profile --config`.
    public var data: DataChecks? = nil
    /// How far ahead of today a waiver's `until` may lie (`max_waiver_days`).
    public var maxWaiverDays = PolicyLoader.defaultMaxWaiverDays
    public var file: String
    /// The files the policy was read from: `file` first, then the bases its
    /// `extends` chain named (PolicyExtends); empty when built in memory.
    public var files: [PolicySource] = []
    /// SHA-256 of the policy file's bytes; with `extends`, of every file in the
    /// chain (the SHA-256 of their hex SHA-256s, one per line, the policy first).
    public var sha256: String? {
        guard files.count > 1 else { return files.first?.sha256 }
        return SHA256.hex(files.map { $0.sha256 + "\n" }.joined())
    }

    /// Whether any gate compares against a previous release.
    public var hasRelativeConditions: Bool {
        gates.contains { $0.conditions.contains { $0.kind.isRelative } }
    }
}

/// Values that gates inherit unless they set their own.
public struct PolicyDefaults: Sendable, Equatable {
    public var severity: Severity = .critical
    public var onMissingMetric: MissingPolicy = .fail
    public var onMissingBaseline: MissingPolicy = .skip
    /// The direction of gates that write none; nil when `defaults` does not
    /// say (such gates are `higher`).
    public var direction: Direction?
    /// Bounds on the uncertainty that noise-aware gates accept.
    public var uncertaintyLimits = UncertaintyLimits()
    /// `history_window` and `min_history` for `max_regression_sigma`.
    public var history = HistoryWindow()

    public init() {}
}

/// How much a failed condition matters: critical blocks the release, warning
/// reports, info only records.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case critical, warning, info

    private var rank: Int { self == .critical ? 2 : (self == .warning ? 1 : 0) }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// What to do when a metric (or its baseline value) is absent.
public enum MissingPolicy: String, Sendable, CaseIterable {
    /// The condition fails at the gate's severity.
    case fail
    /// The condition fails as a warning, whatever the gate's severity.
    case warn
    /// The condition is skipped and reported as such.
    case skip
}

/// Which way is better for a metric, for direction-aware relative gates.
public enum Direction: String, Sendable, CaseIterable {
    case higher, lower
}

/// One entry of `gates:`: a metric and the conditions it must meet.
public struct Gate: Sendable {
    public var name: String?
    public var metric: String
    public var description: String?
    public var severity: Severity
    public var onMissingMetric: MissingPolicy
    public var onMissingBaseline: MissingPolicy
    public var direction: Direction
    public var conditions: [Condition]
    /// Production-readiness review stage (`qgate review`), owner and mitigation.
    public var stage: ReviewStage?
    public var owner: String?
    public var mitigation: String?
    /// Relative conditions fail only on a statistically significant regression at this level.
    public var significance: Double?
    /// While valid, a failure of this gate is reported as waived and does not block.
    public var waiver: Waiver?
    /// A failure the baseline already had, with no worse a value, is a warning.
    public var newFailuresOnly = false
    /// Bounds on the uncertainty its significance test accepts (the gate's own, else `defaults`).
    public var uncertaintyLimits = UncertaintyLimits()
    /// The release history `max_regression_sigma` learns from (the gate's own, else `defaults`).
    public var history = HistoryWindow()
    /// Where the gate's entry starts (its `- ` item) in the policy file.
    public var location: SourceLocation
    /// `min_count` of a pattern gate: slices with fewer samples are skipped (Gates/SliceExpansion.swift).
    public var minCount: Int?
    /// The slice this gate was applied to, once a pattern gate is expanded; nil otherwise.
    public var slice: GateSlice?

    /// How reports name the gate: its `name`, else its metric; a slice's as `<gate>[<slice>]`.
    public var displayName: String {
        guard let slice else { return name ?? metric }
        return "\(name ?? slice.pattern.text)[\(slice.value)]"
    }
}

/// A temporary, owned exception for a gate known to fail: it never hides the
/// failure (reported as `waived`) and expires on its date.
public struct Waiver: Sendable, Equatable {
    public var reason: String
    /// Last day the waiver holds (`YYYY-MM-DD`), and the same as days since 1970.
    public var until: String
    public var untilDay: Int
    public var owner: String?
}

/// The stages of a production-readiness review, in the order they are reviewed.
public enum ReviewStage: String, Sendable, CaseIterable {
    case problemFraming = "problem-framing"
    case dataReadiness = "data-readiness"
    case featureEngineering = "feature-engineering"
    case modelPerformance = "model-performance"
    case responsibleAI = "responsible-ai"
    case securityRobustness = "security-robustness"
    case deploymentMonitoring = "deployment-monitoring"

    /// "Data readiness", for tables.
    public var title: String {
        switch self {
        case .problemFraming: return "Problem framing"
        case .dataReadiness: return "Data readiness"
        case .featureEngineering: return "Feature engineering"
        case .modelPerformance: return "Model performance"
        case .responsibleAI: return "Responsible AI"
        case .securityRobustness: return "Security & robustness"
        case .deploymentMonitoring: return "Deployment & monitoring"
        }
    }
}

/// One check of a gate, e.g. `min: 0.92`.
public struct Condition: Sendable {
    public var kind: ConditionKind
    public var threshold: Double
    /// Where the condition's key is written, for annotations.
    public var location: SourceLocation
}
