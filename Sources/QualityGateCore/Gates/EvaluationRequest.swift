/// What `qgate evaluate` is asked to do, as file paths: the library loads the
/// policy, metrics and baseline and evaluates them, so the executable holds no logic.
public struct EvaluationRequest: Sendable {
    public var configPath: String
    public var metricsPaths: [String]
    public var baselinePath: String?

    public init(configPath: String, metricsPaths: [String], baselinePath: String?) {
        self.configPath = configPath
        self.metricsPaths = metricsPaths
        self.baselinePath = baselinePath
    }

    /// Loads everything and evaluates. Every failure throws a `QGateError` (or
    /// `QGateErrors`); there is no path from an error to a verdict.
    public func run() throws -> Evaluation {
        let policy = try PolicyLoader.load(path: configPath)
        let metrics = try MetricsLoader.load(paths: metricsPaths)
        let baseline = try baselinePath.map { try MetricsLoader.load(path: $0) }
        return try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline)
    }
}
