/// The comparison of one column: its bins side by side, the statistics, and
/// whether it counts as drifted.
public struct ColumnDrift: Sendable {
    public enum Status: String, Sendable {
        case ok
        /// Constant numeric reference; compared on three bins (< c, = c, > c).
        case constant
        /// No non-missing values in the reference or in the current data.
        case allMissing = "all_missing"
        /// The column is in the reference only: a schema change, counted as drifted.
        case missingInCurrent = "missing_in_current"
        /// A new column: nothing to compare against, not counted.
        case missingInReference = "missing_in_reference"
    }

    public var name: String
    public var kind: ColumnHistogram.Kind
    public var status: Status

    public enum Test: String, Sendable {
        /// Two-sample Kolmogorov–Smirnov on the values (`KolmogorovSmirnov`).
        case ks
        /// χ² test of homogeneity on the bins or categories (`HomogeneityChiSquared`).
        case chi2
    }

    /// A feature, the prediction or the target (ID and timestamp columns are left out before comparing).
    public var role: ColumnRole = .feature
    public var labels: [String] = []
    public var referenceCounts: [Int] = []
    public var currentCounts: [Int] = []
    public var psi: Double?
    public var kl: Double?
    public var js: Double?
    public var statistic: Double?
    public var drifted: Bool
    public var referenceMissingShare: Double?
    public var currentMissingShare: Double?
    public var edges: [Double] = []
    /// Under `threshold: auto`: the PSI that noise alone exceeds with probability
    /// 1 − confidence, and the p-value of this column's PSI (`SampleSizePSI`).
    public var criticalPSI: Double?
    /// Categories merged into the last bin (`SparseCategories`): expected current count below 5.
    public var mergedCategories: [String] = []
    public var pValue: Double?
    /// Under `method: ks|chi2`: the test this column took (`statistic` is its D or χ²,
    /// `pValue` its p-value) and its p-value adjusted across the columns tested.
    public var test: Test?
    public var adjustedPValue: Double?
    /// The band of `psi`, when there is one.
    public var psiBand: PSIBand? { psi.map(PSIBand.init(psi:)) }

    /// Whether the column takes part in the drifted share.
    public var compared: Bool { status != .missingInReference && !(status == .allMissing && referenceAllMissing) }
    var referenceAllMissing = false
}

/// Compares reference and current histograms column by column and decides
/// whether retraining is due.
public struct DriftResult: Sendable {
    public var config: DriftConfig
    public var columns: [ColumnDrift]
    public var referenceRows: Int
    public var currentRows: Int
    /// Rows collected since the reference, for the volume trigger, when they are
    /// not the current file's rows (`--new-rows`): drift is best judged on a
    /// recent window, volume on everything served since the last training.
    public var newRows: Int?
    public var referenceSource: String
    public var currentSource: String
    public var roles = ColumnRoles()

    /// The features compared: the drifted share counts these only.
    public var comparedColumns: [ColumnDrift] { columns.filter { $0.compared && $0.role == .feature } }
    public var driftedColumns: [ColumnDrift] { columns.filter { $0.drifted && $0.role == .feature } }

    /// The prediction column's comparison, when a prediction column was named.
    public var prediction: ColumnDrift? { columns.first { $0.role == .prediction } }
    /// The target's (label drift), when a target was named.
    public var label: ColumnDrift? { columns.first { $0.role == .target } }

    /// Prediction drift triggers retraining on its own: the model's output
    /// moved, whatever the per-column statistics of its inputs say.
    public var predictionTriggered: Bool { prediction?.drifted ?? false }
    /// Label drift (the target's distribution moved) triggers retraining too.
    public var labelTriggered: Bool { label?.drifted ?? false }

    public var driftedShare: Double {
        let n = comparedColumns.count
        return n == 0 ? 0 : Double(driftedColumns.count) / Double(n)
    }

    public var driftTriggered: Bool { !driftedColumns.isEmpty && driftedShare >= config.driftedShare }

    /// Rows the volume trigger counts: those since the reference when given, else the current file's.
    public var volumeRows: Int { newRows ?? currentRows }

    /// Rows the volume trigger needs (nil without `min_new_rows_fraction`).
    public var volumeRowsNeeded: Int? {
        config.minNewRowsFraction.map { Int(($0 * Double(referenceRows)).rounded(.up)) }
    }

    public var volumeTriggered: Bool {
        guard let f = config.minNewRowsFraction, referenceRows > 0 else { return false }
        return Double(volumeRows) >= f * Double(referenceRows)
    }

    /// The compared column whose statistic is largest, for "how close was it?".
    public var largestStatistic: ColumnDrift? {
        comparedColumns.filter { $0.statistic != nil }.max { ($0.statistic ?? 0) < ($1.statistic ?? 0) }
    }

    /// Under a test: the compared column with the smallest adjusted p-value.
    public var smallestAdjustedPValue: ColumnDrift? {
        comparedColumns.filter { $0.adjustedPValue != nil }.min { ($0.adjustedPValue ?? 1) < ($1.adjustedPValue ?? 1) }
    }

    public var retrain: Bool { driftTriggered || volumeTriggered || predictionTriggered || labelTriggered }

    /// `samples`: under `method: ks`, every numeric column's sorted values on both sides (`NumericSamples`).
    public static func compare(
        reference: [ColumnHistogram], current: [ColumnHistogram], extraCurrent: [(name: String, missing: Int)],
        roles: ColumnRoles = ColumnRoles(), referenceRows: Int, currentRows: Int, config: DriftConfig,
        referenceSource: String, currentSource: String, samples: [String: (reference: [Double], current: [Double])] = [:]
    ) -> DriftResult {
        var columns: [ColumnDrift] = []
        for (r, c) in zip(reference, current) {
            var d = ColumnDrift(name: r.name, kind: r.kind, status: .ok, drifted: false)
            d.role = roles.role(of: r.name)
            d.referenceMissingShare = r.rows > 0 ? Double(r.missing) / Double(r.rows) : nil
            guard c.rows >= 0 else {
                d.status = .missingInCurrent
                // A lost feature is drift; a missing label or prediction is reported as not measured
                // (production data rarely carries labels yet), never as a reason to retrain.
                d.drifted = d.role == .feature
                columns.append(d)
                continue
            }
            d.currentMissingShare = c.rows > 0 ? Double(c.missing) / Double(c.rows) : nil
            if r.present == 0 || c.present == 0 {
                d.status = .allMissing
                d.referenceAllMissing = r.present == 0
                // Data that vanished from production is drift; a column never filled is not comparable.
                d.drifted = r.present > 0
                columns.append(d)
                continue
            }
            if r.kind == .numeric {
                d.edges = r.constant.map { [$0] } ?? r.edges
                d.status = r.constant == nil ? .ok : .constant
                d.referenceCounts = r.counts
                d.currentCounts = c.counts
                d.labels = labels(r)
                if c.nonNumeric > 0 {
                    d.referenceCounts.append(0)
                    d.currentCounts.append(c.nonNumeric)
                    d.labels.append("non-numeric")
                }
            } else {
                let names = Set(r.categoryCounts.keys).union(c.categoryCounts.keys)
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                let merged = SparseCategories.merge(
                    labels: names, reference: names.map { r.categoryCounts[$0] ?? 0 }, current: names.map { c.categoryCounts[$0] ?? 0 })
                d.labels = merged.labels
                d.referenceCounts = merged.reference
                d.currentCounts = merged.current
                d.mergedCategories = merged.merged
            }
            let rs = DriftStatistics.shares(d.referenceCounts)
            let cs = DriftStatistics.shares(d.currentCounts)
            d.psi = DriftStatistics.psi(reference: rs, current: cs)
            d.kl = DriftStatistics.kl(reference: rs, current: cs)
            d.js = DriftStatistics.js(reference: rs, current: cs)
            if config.method.isTest {
                runTest(&d, numeric: r.kind == .numeric && c.nonNumeric == 0, samples: samples[r.name], config: config)
                columns.append(d)
                continue
            }
            d.statistic = DriftStatistics.value(config.method, reference: rs, current: cs)
            d.drifted = (d.statistic ?? 0) > config.effectiveThreshold
            if config.automatic, let psi = d.psi {
                let test = SampleSizePSI(reference: d.referenceCounts, current: d.currentCounts, psi: psi, confidence: config.confidence)
                d.criticalPSI = test.critical
                d.pValue = test.pValue
                d.drifted = d.drifted && test.rejects
            }
            columns.append(d)
        }
        if config.method.isTest { correct(&columns, config) }
        for (name, missing) in extraCurrent {
            var d = ColumnDrift(name: name, kind: .categorical, status: .missingInReference, drifted: false)
            d.role = roles.role(of: name)
            d.currentMissingShare = currentRows > 0 ? Double(missing) / Double(currentRows) : nil
            columns.append(d)
        }
        return DriftResult(
            config: config, columns: columns, referenceRows: referenceRows, currentRows: currentRows,
            referenceSource: referenceSource, currentSource: currentSource, roles: roles)
    }

    /// A column's test under `method: ks|chi2`: KS on the values of a numeric
    /// column under `ks`, else χ² on the bins. A numeric column whose current
    /// data holds text takes χ² too: its bins count the text, its values cannot.
    static func runTest(_ d: inout ColumnDrift, numeric: Bool, samples: (reference: [Double], current: [Double])?, config: DriftConfig) {
        if config.method == .ks && numeric {
            // DriftRequest reads the values of every numeric column compared; judging bins instead would be a silent other test.
            guard let samples, !samples.reference.isEmpty, !samples.current.isEmpty else {
                preconditionFailure("method ks needs the values of numeric column \(d.name)")
            }
            let ks = KolmogorovSmirnov.test(sorted: samples.reference, samples.current)
            d.test = .ks
            d.statistic = ks.statistic
            d.pValue = ks.pValue
        } else {
            let chi2 = HomogeneityChiSquared.test(reference: d.referenceCounts, current: d.currentCounts)
            d.test = .chi2
            d.statistic = chi2.statistic
            d.pValue = chi2.pValue
        }
    }

    /// Adjusted p-values across every column tested (features, prediction and
    /// target: each can start a retraining), and the verdict: drifted when the
    /// adjusted p-value is ≤ alpha. One that is not a number counts as drifted
    /// (DriftRequest refuses it before anything is reported).
    static func correct(_ columns: inout [ColumnDrift], _ config: DriftConfig) {
        let tested = columns.indices.filter { columns[$0].test != nil }
        let adjusted = MultipleTesting.adjusted(tested.map { columns[$0].pValue ?? .nan }, config.correction)
        for (k, i) in tested.enumerated() {
            columns[i].adjustedPValue = adjusted[k]
            columns[i].drifted = !(adjusted[k] > config.alpha)
        }
    }

    /// `≤ 1.5`, `(1.5, 2.3]`, `> 9.1` for numeric bins; `< c`, `= c`, `> c` for constant columns.
    static func labels(_ h: ColumnHistogram) -> [String] {
        let f: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 4) }
        if let c = h.constant { return ["< \(f(c))", "= \(f(c))", "> \(f(c))"] }
        if h.edges.isEmpty { return ["all"] }
        var out = ["≤ \(f(h.edges[0]))"]
        for i in h.edges.indices.dropFirst() { out.append("(\(f(h.edges[i - 1])), \(f(h.edges[i]))]") }
        out.append("> \(f(h.edges[h.edges.count - 1]))")
        return out
    }
}
