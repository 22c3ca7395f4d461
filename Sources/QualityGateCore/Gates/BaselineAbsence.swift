/// Why a relative condition had no baseline value to compare with.
public enum BaselineAbsence: Sendable, Equatable {
    /// No baseline at all: none was passed, or the store was not read.
    case notGiven
    /// A store might hold one, but the policy names no model to look up.
    case policyHasNoModel
    /// A first release: the store named has not been created yet.
    case storeDoesNotExist(store: String)
    /// A first release of this model: the store has not promoted it yet.
    case storeHasNoBaseline(store: String, model: String)
    /// The baseline has no value for the gate's metric.
    case metricAbsent
}
