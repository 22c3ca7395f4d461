// Drift's words: the one-line retraining verdict every drift report prints,
// and the PSI band names of the text and Markdown tables. The comparison
// decides (`driftTriggered`, `volumeTriggered`, `PSIBand`) and never phrases it.

extension DriftResult {
    /// Why retraining is (or is not) due, in one line, at the default human
    /// precision: a sentence, also where JSON and the GitHub outputs carry it.
    public var reason: String { reason(.human) }

    /// A column's statistic at `precision`, never rounded onto or across the threshold.
    public func statisticText(_ c: ColumnDrift, _ precision: ReportPrecision) -> String? {
        c.statistic.map { precision.number($0, against: config.effectiveThreshold) }
    }

    /// Why retraining is (or is not) due, in one line, at a human report's precision.
    public func reason(_ precision: ReportPrecision) -> String {
        var parts: [String] = []
        // A share of a few columns: 3 digits say it (33.3%), more only to keep it off the trigger.
        let share = ReportPrecision(significantDigits: 3).number(driftedShare * 100, against: config.driftedShare * 100)
        if driftTriggered {
            let names = driftedColumns.map { c in
                "\(Sanitize.name(c.name)) (\(statisticText(c, precision).map { "\(config.method.rawValue) \($0)" } ?? c.status.rawValue))"
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
                    "; largest \(config.method.rawValue) \(precision.number(value, against: config.effectiveThreshold)) (\(Sanitize.name(top.name)))"
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
