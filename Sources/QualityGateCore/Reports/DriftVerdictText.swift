// Drift's words: the one-line retraining verdict every drift report prints,
// and the PSI band names of the text and Markdown tables. The comparison
// decides (`driftTriggered`, `volumeTriggered`, `PSIBand`) and never phrases it.

extension DriftResult {
    /// Why retraining is (or is not) due, in one line.
    public var reason: String {
        var parts: [String] = []
        let share = NumberFormatting.rounded(driftedShare * 100, significantDigits: 3)
        if driftTriggered {
            let names = driftedColumns.map { c in
                "\(Sanitize.name(c.name)) (\(c.statistic.map { "\(config.method.rawValue) \(NumberFormatting.rounded($0, significantDigits: 4))" } ?? c.status.rawValue))"
            }
            parts.append(
                "\(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% ≥ \(NumberFormatting.rounded(config.driftedShare * 100))%): "
                    + names.joined(separator: ", "))
        }
        if volumeTriggered, let f = config.minNewRowsFraction {
            parts.append("volume: \(volumeRows) new rows ≥ \(NumberFormatting.rounded(f * 100))% of \(referenceRows) reference rows")
        }
        if parts.isEmpty {
            var text =
                "no retraining needed: \(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% < \(NumberFormatting.rounded(config.driftedShare * 100))%)"
            if let top = largestStatistic, let value = top.statistic {
                text +=
                    "; largest \(config.method.rawValue) \(NumberFormatting.rounded(value, significantDigits: 4)) (\(Sanitize.name(top.name)))"
            }
            if let needed = volumeRowsNeeded {
                text += "; volume \(volumeRows) of \(needed) rows"
            }
            return text
        }
        return "RETRAIN: " + parts.joined(separator: "; ")
    }
}

extension PSIBand {
    /// `none`, `moderate`, `significant`: the PSI BAND column.
    public var text: String {
        switch self {
        case .negligible: return "none"
        case .moderate: return "moderate"
        case .significant: return "significant"
        }
    }
}
