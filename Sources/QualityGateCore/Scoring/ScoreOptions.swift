/// What `qgate score` computes and from which columns of the predictions file.
public struct ScoreOptions: Sendable, Equatable {
    /// The kind of model being scored; decides which metrics are computed.
    public enum Task: String, Sendable, CaseIterable {
        case binary, multiclass, regression
    }

    /// nil: binary, unless the label column has more than two values (then multiclass).
    public var task: Task?
    public var label = "y"
    /// Binary: the positive-class probability (or any score, for the ranking metrics).
    public var score: String?
    /// The predicted label (classification) or value (regression).
    public var prediction: String?
    /// Multiclass: columns named prefix + class label hold class probabilities.
    public var probabilityPrefix: String?
    public var groups: [String] = []
    /// Per-prediction latency in milliseconds.
    public var latency: String?
    public var positive = "1"
    public var threshold = 0.5
    public var calibrationBins = 10
    /// Bootstrap replicates for confidence intervals; 0 for none.
    public var bootstrap = 0
    public var seed: UInt64 = 0
    public var confidence = 0.95

    public init() {}
}
