// The one-line verdict sentence of an evaluation, as every report and the
// command line print it. Words for a reader live with the reports: the
// evaluator computes the verdict as a value and never phrases it (the
// repository test `BoundaryTests` keeps it that way). Drift's sentence is in
// DriftVerdictText.swift.

extension Evaluation {
    /// `PASSED`, `PASSED with 2 warnings`, `BLOCKED: 1 critical gate failed`.
    public var verdictLine: String {
        switch verdict {
        case .passed: return "PASSED"
        case .passedWithWarnings: return "PASSED with \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        case .blocked:
            let n = blockingGateCount
            if n == 0 { return "BLOCKED: \(warningCount) warning\(warningCount == 1 ? "" : "s") with --fail-on-warning" }
            return "BLOCKED: \(n) critical gate\(n == 1 ? "" : "s") failed"
        }
    }
}
