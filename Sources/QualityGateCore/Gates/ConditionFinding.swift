/// What comparing a condition's value found, as data: the side of the bound the
/// value fell on, or why there was nothing to compare. The numbers compared are
/// the result's own (`value`, `baseline`, `requirement`). The words are the
/// reports' (Reports/ConditionReasonText.swift), and the stable code a history
/// records (`ConditionResult.Reason`) derives from it.
public enum ConditionFinding: Sendable, Equatable {
    /// The bound admits the value.
    case withinBound
    case belowBound
    case aboveBound
    /// `max_delta`: the value moved further from the baseline than allowed, either way.
    case outsideDelta
    /// No metrics file (`files`) has the metric; `suggestion` is the files'
    /// metric closest to its name, a likely misspelling (`roc-auc` for `roc_auc`).
    case missingMetric(files: [String], onMissing: MissingPolicy, suggestion: String? = nil)
    /// The metric is `null` at `at`: undefined for the data, handled as missing.
    case undefinedMetric(at: SourceLocation, onMissing: MissingPolicy)
    case missingBaseline(BaselineAbsence, onMissing: MissingPolicy)
    /// The baseline value is `null` at `at`: handled as a missing baseline.
    case undefinedBaseline(at: SourceLocation, onMissing: MissingPolicy)
    /// The metric is NaN or infinite (`value`): it fails every condition.
    case nonFiniteValue
    /// The baseline is NaN or infinite (`baseline`): it fails every relative condition.
    case nonFiniteBaseline
    /// `min_count`: the slice has `count` samples (at `countMetric`), too few to judge; skipped.
    case sliceTooSmall(count: Double, countMetric: String, minCount: Int)
    /// `min_count`: the slice's count metric is absent or not a finite number.
    case missingSliceCount(countMetric: String, onMissing: MissingPolicy)
    /// `max_spread`: fewer than two slices were judged (`judged`), so no gap can be measured.
    case tooFewSlices(judged: Int, onMissing: MissingPolicy)
    /// `max_regression_sigma`: the window (the result's `history`) holds fewer
    /// changes than `min_history`, or there is no history (a baseline file):
    /// handled like a missing baseline, by `on_missing_baseline`.
    case shortHistory(onMissing: MissingPolicy)
    /// `max_regression_sigma`: a change in the window or σ is not a finite number: it fails.
    case nonFiniteHistory

    /// The code a failure with this finding is recorded under; nil for a pass.
    public var code: ConditionResult.Reason? {
        switch self {
        case .withinBound: return nil
        case .belowBound: return .belowBound
        case .aboveBound: return .aboveBound
        case .outsideDelta: return .outsideDelta
        case .missingMetric: return .missingMetric
        case .undefinedMetric: return .undefinedMetric
        case .missingBaseline: return .missingBaseline
        case .undefinedBaseline: return .undefinedBaseline
        case .nonFiniteValue: return .nonFiniteValue
        case .nonFiniteBaseline: return .nonFiniteBaseline
        case .sliceTooSmall: return .sliceTooSmall
        case .missingSliceCount: return .missingSliceCount
        case .tooFewSlices: return .tooFewSlices
        case .shortHistory: return .shortHistory
        case .nonFiniteHistory: return .nonFiniteHistory
        }
    }

    /// A value the bound does not admit, by the bound's side.
    static func beyond(_ bound: ConditionBound) -> ConditionFinding {
        switch bound {
        case .atLeast: return .belowBound
        case .atMost: return .aboveBound
        case .within: return .outsideDelta
        }
    }
}
