/// What `qgate evaluate` is asked to do, as file paths: the library loads the
/// policy, metrics and baseline and evaluates them, so the executable holds no logic.
public struct EvaluationRequest: Sendable {
    /// Where the baseline (the last release's metrics) comes from.
    public enum BaselineSource: Sendable {
        /// No baseline: relative conditions follow `on_missing_baseline`.
        case none
        case file(String)
        /// `git show REF:./PATH`.
        case gitRef(ref: String, path: String)
        /// The current baseline of the policy's model in the store, if it has one.
        case store(BaselineStore)
    }

    public var configPath: String
    public var metricsPaths: [String]
    public var baselineSource: BaselineSource
    public var options = GateEvaluator.Options()
    /// `--aggregate`: the metrics files are repeated runs of one candidate,
    /// combined into one value per metric (Metrics/RepeatedRuns.swift).
    public var aggregate: AggregateMethod?

    public init(configPath: String, metricsPaths: [String], baselineSource: BaselineSource) {
        self.configPath = configPath
        self.metricsPaths = metricsPaths
        self.baselineSource = baselineSource
    }

    public init(configPath: String, metricsPaths: [String], baselinePath: String?) {
        self.init(configPath: configPath, metricsPaths: metricsPaths, baselineSource: baselinePath.map { .file($0) } ?? .none)
    }

    /// Loads everything and evaluates. Every failure throws a `QGateError` (or
    /// `QGateErrors`); there is no path from an error to a verdict.
    public func run() throws -> Evaluation {
        let policy = try PolicyLoader.load(path: configPath, today: options.today)
        let selection = self.selection(policy)
        let metrics = try loadMetrics(policy: policy, only: selection)
        try Self.refuseSigmaWithoutStore(policy: policy, source: baselineSource)
        let (baseline, info, absence, baselineSHA256) = try loadBaseline(policy: policy, only: selection)
        if let baseline, let info {
            try Self.refuseSelfBaseline(
                policy: policy, newFailuresOnly: options.newFailuresOnly, metrics: metrics,
                baseline: baseline, info: info, baselineSHA256: baselineSHA256)
        }
        let history = try releaseHistory(policy: policy, baseline: baseline)
        var evaluation = try GateEvaluator.evaluate(
            policy, metrics: metrics, baseline: baseline, noBaseline: absence, history: history, options: options)
        evaluation.baseline = info
        return evaluation
    }

    /// Whether the metrics and baseline may be loaded keeping only the gates'
    /// metrics (`MetricSelection` says what needs them all).
    func selection(_ policy: Policy) -> MetricSelection? {
        guard aggregate == nil, !options.newFailuresOnly, !policy.gates.contains(where: \.newFailuresOnly) else { return nil }
        return GatedMetrics(policy).selection
    }

    /// The candidate: several files merged, or repeated runs aggregated.
    func loadMetrics(policy: Policy, only selection: MetricSelection? = nil) throws -> MetricSet {
        let gated = GatedMetrics(policy)
        if let selection {
            let set = try MetricsLoader.load(paths: metricsPaths, isGated: gated.isGated, only: selection)
            // A missing metric's did-you-mean looks through every name: load them all.
            if selection.isComplete(set) { return set }
        }
        guard let aggregate else { return try MetricsLoader.load(paths: metricsPaths, isGated: gated.isGated) }
        let runs = try metricsPaths.map { try MetricsLoader.load(path: $0) }
        return try RepeatedRuns.combine(runs, method: aggregate) { try gated.worstFor($0) }
    }

    /// A pre-existing failure is one the last release already had. Compared
    /// with itself, every absolute failure of the candidate would look
    /// pre-existing and turn into a warning, so while new-failures-only is in
    /// effect (`--new-failures-only` or a gate's `new_failures_only: true`) a
    /// baseline that is the candidate is refused: the same bytes (same SHA-256),
    /// or the same numbers under other bytes (reformatted, YAML, CRLF from git).
    /// Used by `evaluate` and by `baseline promote --require-pass`.
    public static func refuseSelfBaseline(
        policy: Policy, newFailuresOnly: Bool, metrics: MetricSet, baseline: MetricSet,
        info: BaselineInfo, baselineSHA256: String?
    ) throws(EvaluationError) {
        let gate = policy.gates.first(where: \.newFailuresOnly)
        guard newFailuresOnly || gate != nil else { return }
        let same: String
        if let sha = baselineSHA256, let i = metrics.fileHashes.firstIndex(of: sha) {
            let file = i < metrics.files.count ? metrics.files[i] : "?"
            same = "is the candidate's own metrics file \(Sanitize.quoted(file)) (same SHA-256 \(sha.prefix(12)))"
        } else if !metrics.finiteNumbers.isEmpty, metrics.finiteNumbers == baseline.finiteNumbers {
            same = "holds exactly the candidate's numbers (all \(metrics.finiteNumbers.count) equal)"
        } else {
            return
        }
        // Point at what switched new-failures-only on: the gate's key, or the flag (no position).
        throw EvaluationError(
            newFailuresOnly ? .candidateAsBaselineByOption(info.description, same) : .candidateAsBaselineByGate(info.description, same),
            at: newFailuresOnly ? nil : gate?.location)
    }

    /// `max_regression_sigma` learns σ from a store's release history; a baseline
    /// file or git ref has none, and skipping the condition there would pass
    /// every regression the policy meant to bound. So it is refused, at the first
    /// such condition (without any baseline, relative conditions follow
    /// `on_missing_baseline` as always).
    static func refuseSigmaWithoutStore(policy: Policy, source: BaselineSource) throws(EvaluationError) {
        let given: String
        switch source {
        case .none, .store: return
        case .file(let path): given = "the baseline file \(Sanitize.quoted(path))"
        case .gitRef(let ref, let path): given = "the baseline \(Sanitize.quoted("\(ref):\(path)"))"
        }
        for gate in policy.gates {
            if let c = gate.conditions.first(where: { $0.kind.learnsFromHistory }) {
                throw EvaluationError(.sigmaWithoutStore(c.kind.key, given), at: c.location)
            }
        }
    }

    /// The store's release history of the policy's model, when a sigma
    /// condition needs it and the baseline came from that store.
    func releaseHistory(policy: Policy, baseline: MetricSet?) throws -> ReleaseHistory? {
        guard case .store(let store) = baselineSource, baseline != nil, let model = policy.model,
            policy.gates.contains(where: { $0.conditions.contains { $0.kind.learnsFromHistory } })
        else { return nil }
        return try store.releaseHistory(ModelName(model))
    }

    /// The baseline, where it came from, why there is none when there is none,
    /// and the SHA-256 of the metrics file it was made from, when known.
    func loadBaseline(policy: Policy, only selection: MetricSelection? = nil) throws -> (
        MetricSet?, BaselineInfo?, BaselineAbsence, String?
    ) {
        switch baselineSource {
        case .none:
            return (nil, nil, .notGiven, nil)
        case .file(let path):
            let set = try MetricsLoader.load(path: path, only: selection)
            return (
                set, BaselineInfo(kind: .file, description: path, file: path, sha256: set.fileHashes.first), .notGiven, set.fileHashes.first
            )
        case .gitRef(let ref, let path):
            let name = "\(ref):\(path)"
            let bytes = try GitRevision.readFile(ref: ref, path: path)
            let sha = SHA256.hex(bytes)
            return (
                try MetricsLoader.parse(bytes, file: name, only: selection),
                BaselineInfo(kind: .git, description: name, version: ref, sha256: sha, commit: GitRevision.resolve(ref)), .notGiven, sha
            )
        case .store(let store):
            // A policy without relative conditions never needs the store.
            guard policy.hasRelativeConditions else { return (nil, nil, .notGiven, nil) }
            guard try store.shouldRead() else {
                return (nil, nil, store.isExplicit ? .storeDoesNotExist(store: store.locationName) : .notGiven, nil)
            }
            guard let modelText = policy.model else {
                if !store.isExplicit { return (nil, nil, .policyHasNoModel, nil) }
                // No position: the key that is missing has none, and the policy is named instead.
                throw BaselineError(.storeWithoutModelName(store.locationName, policy: policy.file))
            }
            let model = try ModelName(modelText)
            guard let (set, record) = try store.baselineMetrics(model) else {
                return (nil, nil, .storeHasNoBaseline(store: store.locationName, model: model.description), nil)
            }
            let version = record.version ?? "?"
            let description = "\(store.locationName): \(model) version \(version) (promoted \(record.time))"
            // The store keeps the numbers, not the file: compare the promoted file's hash.
            return (set, BaselineInfo(kind: .store, description: description, version: version), .notGiven, record.metricsSHA256)
        }
    }
}

extension EvaluationError.Message {
    fileprivate static func sigmaWithoutStore(_ key: String, _ given: String) -> Self {
        Self("`\(key)` learns from the release history of a baseline store, and \(given) has none")
    }
    /// `--new-failures-only` was given, and the baseline is the candidate itself.
    fileprivate static func candidateAsBaselineByOption(_ baseline: String, _ same: String) -> Self {
        Self("the baseline \(Sanitize.quoted(baseline)) \(same): with new-failures-only every failure would count as pre-existing")
    }
    /// A gate sets `new_failures_only`, and the baseline is the candidate itself:
    /// the same words, another fix (drop the key, not the option).
    fileprivate static func candidateAsBaselineByGate(_ baseline: String, _ same: String) -> Self {
        Self(candidateAsBaselineByOption(baseline, same).text)
    }
}

extension BaselineError.Message {
    fileprivate static func storeWithoutModelName(_ directory: String, policy: String) -> Self {
        Self("the baseline store \(Sanitize.quoted(directory)) is present but the policy \(Sanitize.quoted(policy)) has no `model:`")
    }
}
