/// `qgate baseline promote`: records a model's metrics as its released baseline,
/// optionally only if the policy lets the model through.
public struct PromotionRequest: Sendable {
    public var store: BaselineStore
    public var model: String?
    public var configPath: String
    public var metricsPath: String
    /// `--version`; nil takes the metrics file's `version` key, else `r<record number>`.
    public var version: String?
    /// Record a second promotion of a version already in the history (`--force`).
    public var repeatingVersion: Bool
    public var artifacts: [String]
    public var requirePass: Bool
    public var environment: [String: String]

    public init(
        store: BaselineStore, model: String?, configPath: String, metricsPath: String, version: String?,
        artifacts: [String], requirePass: Bool, environment: [String: String], repeatingVersion: Bool = false
    ) {
        self.store = store
        self.model = model
        self.configPath = configPath
        self.metricsPath = metricsPath
        self.version = version
        self.repeatingVersion = repeatingVersion
        self.artifacts = artifacts
        self.requirePass = requirePass
        self.environment = environment
    }

    public enum Outcome: Sendable {
        /// Recorded; carries the evaluation when `--require-pass` ran one, and
        /// warnings about writes after the commit point that failed.
        case promoted(HistoryRecord, Evaluation?, droppedNonFinite: [String], warnings: [String])
        /// `--require-pass` and the policy blocks this model: nothing was written.
        case refused(Evaluation)
    }

    public func run() throws -> Outcome {
        let policy: Policy? = (model == nil || requirePass) ? try PolicyLoader.load(path: configPath, today: store.clock.today()) : nil
        guard let modelText = model ?? policy?.model else {
            throw BaselineError(.noModelName(policy: configPath))
        }
        let name = try ModelName(modelText)
        let bytes = try FileSystem.readBytes(metricsPath)
        let metrics = try MetricsLoader.parse(bytes, file: metricsPath)
        let version = try version ?? MetricsVersion.read(bytes, file: metricsPath)

        var evaluation: Evaluation?
        if requirePass, let policy {
            let current = try store.baselineMetrics(name)
            // `max_regression_sigma` learns from the same store's release history.
            let history = current == nil ? nil : try store.releaseHistory(name)
            var e = try GateEvaluator.evaluate(
                policy, metrics: metrics, baseline: current?.0, history: history, options: .init(today: store.clock.today()))
            if let (set, record) = current {
                let info = BaselineInfo(
                    kind: .store, description: "\(store.locationName): \(name) version \(record.version ?? "?")",
                    version: record.version)
                var candidate = metrics
                candidate.fileHashes = [SHA256.hex(bytes)]
                try EvaluationRequest.refuseSelfBaseline(
                    policy: policy, newFailuresOnly: false, metrics: candidate, baseline: set,
                    info: info, baselineSHA256: record.metricsSHA256)
                e.baseline = info
            }
            if e.verdict == .blocked { return .refused(e) }
            evaluation = e
        }

        var numbers: [(String, Double)] = []
        var dropped: [String] = []
        for metricName in metrics.names {
            guard case .number(let d)? = metrics[metricName]?.value else { continue }
            if d.isFinite { numbers.append((metricName, d)) } else { dropped.append(metricName) }
        }
        var recordedArtifacts: [HistoryRecord.Artifact] = []
        for path in artifacts {
            let (hash, size) = try FileSystem.sha256(ofFile: path)
            recordedArtifacts.append(HistoryRecord.Artifact(path: path, sha256: hash, size: size))
        }
        let promotion = BaselineStore.Promotion(
            version: version, gitCommit: GitRevision.currentCommit(environment: environment),
            metricsFile: metricsPath, metricsSHA256: SHA256.hex(bytes), metrics: numbers, artifacts: recordedArtifacts)
        var warnings: [String] = []
        let record = try store.promote(name, promotion, repeatingVersion: repeatingVersion, warn: { warnings.append($0) })
        return .promoted(record, evaluation, droppedNonFinite: dropped, warnings: warnings)
    }
}

extension BaselineError.Message {
    /// Also thrown by the command line's baseline commands.
    public static func noModelName(policy: String) -> Self {
        Self("no model name: pass --model NAME or set `model:` in \(Sanitize.quoted(policy))")
    }
}
