// Drift's words: the one-line retraining verdict every drift report prints,
// and the PSI band names of the text and Markdown tables. The comparison
// decides (`driftTriggered`, `volumeTriggered`, `PSIBand`) and never phrases it.

extension DriftResult {
    /// Why retraining is (or is not) due, in one line, at the default human
    /// precision: a sentence, also where JSON and the GitHub outputs carry it.
    public var reason: String { reason(.human) }

    /// `0.2`, or under `threshold: auto`, `auto (psi > 0.2 and > its χ² critical value at 99% confidence)`.
    public var thresholdText: String {
        if config.method.isTest { return "adjusted p ≤ \(NumberFormatting.exact(config.alpha)) (\(correctionText))" }
        let effect = NumberFormatting.exact(config.effectiveThreshold)
        guard config.automatic else { return effect }
        let confidence = NumberFormatting.rounded(config.confidence * 100)
        return "auto (\(config.method.rawValue) > \(effect) and psi > its χ² critical value at \(confidence)% confidence)"
    }

    /// `Benjamini–Hochberg across 12 columns`: the correction of a test's p-values.
    public var correctionText: String {
        let n = columns.count(where: { $0.test != nil })
        let name = config.correction == .bh ? "Benjamini–Hochberg" : "Bonferroni"
        return "\(name) across \(n) column\(n == 1 ? "" : "s")"
    }

    /// A column's statistic at `precision`, never rounded onto or across the
    /// threshold (a test's statistic has none: its p-value decides).
    public func statisticText(_ c: ColumnDrift, _ precision: ReportPrecision) -> String? {
        if c.test != nil { return c.statistic.map(precision.number) }
        return c.statistic.map { precision.number($0, against: config.effectiveThreshold) }
    }

    /// A p-value in a sentence or table: 3 significant digits, the adjusted one never rounded onto or across alpha.
    public func pValueText(_ p: Double?, adjusted: Bool = false) -> String {
        guard let p else { return "—" }
        return adjusted
            ? ReportPrecision(significantDigits: 3).number(p, against: config.alpha) : NumberFormatting.rounded(p, significantDigits: 3)
    }

    /// Why retraining is (or is not) due, in one line, at a human report's precision.
    public func reason(_ precision: ReportPrecision) -> String {
        var parts: [String] = []
        // A share of a few columns: 3 digits say it (33.3%), more only to keep it off the trigger.
        let share = ReportPrecision(significantDigits: 3).number(driftedShare * 100, against: config.driftedShare * 100)
        if driftTriggered {
            let names = driftedColumns.map { c in "\(Sanitize.name(c.name)) (\(labelledStatistic(c, precision)))" }
            parts.append(
                "\(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% ≥ \(NumberFormatting.rounded(config.driftedShare * 100))%): "
                    + names.joined(separator: ", "))
        }
        for (what, column) in [("prediction", prediction), ("label", label)] where column?.drifted == true {
            if let c = column { parts.append("\(what) drifted: \(Sanitize.name(c.name)) (\(labelledStatistic(c, precision)))") }
        }
        if volumeTriggered, let f = config.minNewRowsFraction {
            parts.append("volume: \(volumeRows) new rows ≥ \(NumberFormatting.rounded(f * 100))% of \(referenceRows) reference rows")
        }
        if parts.isEmpty {
            var text =
                "no retraining needed: \(driftedColumns.count) of \(comparedColumns.count) columns drifted (\(share)% < \(NumberFormatting.rounded(config.driftedShare * 100))%)"
            if config.method.isTest, let top = smallestAdjustedPValue {
                text +=
                    "; smallest adjusted p \(pValueText(top.adjustedPValue, adjusted: true)) (\(Sanitize.name(top.name)), \(top.test?.rawValue ?? ""))"
            } else if let top = largestStatistic, let value = top.statistic {
                text +=
                    "; largest \(config.method.rawValue) \(precision.number(value, against: config.effectiveThreshold)) (\(Sanitize.name(top.name))\(criticalText(top)))"
            }
            if let needed = volumeRowsNeeded {
                text += "; volume \(volumeRows) of \(needed) rows"
            }
            return text
        }
        return "RETRAIN: " + parts.joined(separator: "; ")
    }

    /// `, χ² critical psi 0.43` under `threshold: auto`.
    func criticalText(_ c: ColumnDrift) -> String {
        c.criticalPSI.map { ", χ² critical psi \(NumberFormatting.rounded($0, significantDigits: 4))" } ?? ""
    }

    /// `psi 0.502474`, `ks 0.41, p 0.00312, adjusted p 0.00936`, or the status
    /// when there is no statistic (`missing_in_current`).
    func labelledStatistic(_ c: ColumnDrift, _ precision: ReportPrecision) -> String {
        if let test = c.test, let text = statisticText(c, precision) {
            return "\(test.rawValue) \(text), p \(pValueText(c.pValue)), adjusted p \(pValueText(c.adjustedPValue, adjusted: true))"
        }
        let p = c.pValue.map { ", p \(NumberFormatting.rounded($0, significantDigits: 3))" } ?? ""
        return statisticText(c, precision).map { "\(config.method.rawValue) \($0)\(p)" } ?? c.status.rawValue
    }

    /// The prediction or label line of the text report: `prediction drift: score psi 0.31 — drifted`.
    func roleLine(_ what: String, _ c: ColumnDrift, _ precision: ReportPrecision) -> String {
        let verdict: String
        switch c.status {
        case .missingInCurrent, .missingInReference, .allMissing:
            verdict = c.drifted ? "drifted (\(c.status.rawValue))" : "not measured (\(c.status.rawValue))"
        default:
            verdict =
                c.drifted
                ? "drifted"
                : c.test != nil
                    ? "adjusted p above \(NumberFormatting.exact(config.alpha))"
                    : "within threshold \(NumberFormatting.exact(config.effectiveThreshold))\(criticalText(c))"
        }
        let band = c.psiBand.map { ", PSI band \($0.text)" } ?? ""
        return
            "\(what) drift: \(Sanitize.name(c.name)) \(c.statistic == nil ? "" : labelledStatistic(c, precision) + band + " ")— \(verdict)"
    }
}

extension DriftResult {
    /// Lost columns that look renamed (`c` in the reference, `C` in the current
    /// data): judged as drift, as documented, and said on stderr so the rename is seen.
    public var renameNotices: [String] {
        let new = columns.filter { $0.status == .missingInReference }.map(\.name)
        guard !new.isEmpty else { return [] }
        let index = Suggestion.NameIndex(new)
        return columns.filter { $0.status == .missingInCurrent }.prefix(DriftInputCheck.shownNames).compactMap { c in
            index.closest(to: c.name).map {
                "column \(Sanitize.quoted(c.name)) is missing in the current data: renamed to \(Sanitize.quoted($0))? It counts as drifted (`schema: strict` makes it an error)"
            }
        }
    }
}

extension ColumnDrift {
    /// Which rare categories share the last bin (`SparseCategories`), when any do.
    public var mergeNotice: String? {
        guard !mergedCategories.isEmpty else { return nil }
        let shown = mergedCategories.prefix(5).map(Sanitize.quoted).joined(separator: ", ")
        let more = mergedCategories.count > 5 ? ", … \(mergedCategories.count - 5) more" : ""
        return
            "merged \(mergedCategories.count) categories of \(Sanitize.quoted(name)) with an expected current count below 5 into one bin: \(shown)\(more)"
    }
}

extension ColumnRoles.LeftOut {
    /// Why the column is not compared, and how to compare it: the notice on
    /// stderr and in the reports.
    public var notice: String {
        let why: String
        switch detected {
        case .distinctValues?: why = "looks like an ID: every reference value is distinct"
        case .distinctIntegers?: why = "looks like an ID: every reference value is a distinct integer"
        case .idName?: why = "looks like an ID by its name"
        case .isoTimestamps?: why = "looks like a timestamp: every reference value is an ISO 8601 date or time"
        case nil: why = role == .id ? "declared an ID column" : "declared a timestamp column"
        }
        let include = detected == nil ? "" : "; to compare it as a feature, list it in `features` (--features)"
        return "left out \(Sanitize.quoted(name)) (\(why))\(include)"
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
