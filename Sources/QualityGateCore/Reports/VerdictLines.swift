// The one-line verdict sentences every report and the command line print.
// They are words for a reader, so they live with the reports: the evaluator and
// the drift comparison compute verdicts as values and never phrase them
// (the repository test `BoundaryTests` keeps it that way).

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

extension DriftResult {
    /// Why retraining is (or is not) due, in one line.
    public var reason: String {
        var parts: [String] = []
        let share = NumberFormatting.rounded(driftedShare * 100, significantDigits: 3)
        if driftTriggered {
            let names = driftedColumns.map { c in
                "\(Sanitize.name(c.name)) (\(c.statistic.map { "\(config.method.rawValue) \(NumberFormatting.rounded($0, significantDigits: 4))" } ?? c.status.rawValue))"
            }
            parts.append("\(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% ≥ \(NumberFormatting.rounded(config.driftedShare * 100))%): " + names.joined(separator: ", "))
        }
        if volumeTriggered, let f = config.minNewRowsFraction {
            parts.append("volume: \(newRows ?? currentRows) new rows ≥ \(NumberFormatting.rounded(f * 100))% of \(referenceRows) reference rows")
        }
        if parts.isEmpty {
            var text = "no retraining needed: \(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% < \(NumberFormatting.rounded(config.driftedShare * 100))%)"
            if let top = largestStatistic, let value = top.statistic {
                text += "; largest \(config.method.rawValue) \(NumberFormatting.rounded(value, significantDigits: 4)) (\(Sanitize.name(top.name)))"
            }
            if let f = config.minNewRowsFraction {
                text += "; volume \(newRows ?? currentRows) of \(Int((f * Double(referenceRows)).rounded(.up))) rows"
            }
            return text
        }
        return "RETRAIN: " + parts.joined(separator: "; ")
    }
}
