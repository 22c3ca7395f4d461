/// `qgate drift`: reads reference and current data (CSV or histogram JSON),
/// compares every column and decides whether retraining is due.
public struct DriftRequest: Sendable {
    public var referencePath: String
    public var currentPath: String?
    public var config: DriftConfig
    /// Where to write the reference's histograms (`--emit-histograms`).
    public var emitHistogramsPath: String?
    /// Rows collected since the reference, for the volume trigger (default: the current file's rows).
    public var newRows: Int?
    /// More partial histograms of the reference and of the current data (one
    /// file per partition or day), summed with the first (`HistogramPartials`).
    public var moreReferencePaths: [String] = []
    public var moreCurrentPaths: [String] = []

    public init(referencePath: String, currentPath: String?, config: DriftConfig, emitHistogramsPath: String?) {
        self.referencePath = referencePath
        self.currentPath = currentPath
        self.config = config
        self.emitHistogramsPath = emitHistogramsPath
    }

    static func isHistogram(_ path: String) -> Bool { path.hasSuffix(".json") }

    /// The comparison, or nil when only histograms were emitted.
    public func run() throws -> DriftResult? {
        if config.method == .ks, let currentPath {
            // KS compares values; a histogram has only bins, and the test on bins is another test (χ²).
            if let histogram = ([referencePath, currentPath] + moreReferencePaths + moreCurrentPaths).first(where: Self.isHistogram) {
                throw DriftError(
                    .ksNeedsValues(histogram), at: config.methodAt,
                    hint: "use method chi2 (the χ² test on the bins), or give CSV files")
            }
        }
        let referenceHistograms = try histograms([referencePath] + moreReferencePaths, isReference: true)
        let reference =
            try referenceHistograms.map { (rows: $0.rows, columns: $0.columns) }
            ?? DriftProfiler.reference(path: referencePath, config: config)
        let closed = referenceHistograms?.closed ?? .right
        if let emit = emitHistogramsPath {
            let text = HistogramJSON.render(rows: reference.rows, columns: reference.columns, closed: closed)
            try FileSystem.writeAtomically(Array(text.utf8), to: emit)
        }
        guard let currentPath else { return nil }
        try DriftInputCheck.referenceHasRows(reference.rows, path: referencePath)
        let roles = ColumnRoles.assign(reference: reference.columns, config: config)
        let leftOut = roles.leftOutNames
        let compared = reference.columns.filter { !leftOut.contains($0.name) }
        let rows: Int
        let current: [ColumnHistogram]
        var extra: [(name: String, missing: Int)] = []
        var currentSource = currentPath
        if let loaded = try histograms([currentPath] + moreCurrentPaths, isReference: false) {
            currentSource = loaded.path  // every part, joined with " + "
            if loaded.closed != closed {
                throw DriftError(
                    .closedDiffers(loaded.closed.rawValue, reference: closed.rawValue), at: loaded.closedAt,
                    hint: "bin the current data as the reference was binned")
            }
            rows = loaded.rows
            current = try HistogramJSON.aligned(reference: compared, current: loaded.columns, currentPath: loaded.path)
            let known = Set(compared.map(\.name))
            extra = loaded.columns.filter { !known.contains($0.name) }.map { ($0.name, $0.missing) }
        } else {
            // qgate bins a CSV closed on the right (a value on an edge goes to the lower bin).
            if closed == .left {
                throw DriftError(
                    .csvAgainstLeftClosed(currentPath),
                    hint: "count the current data with the engine that binned the reference (qgate drift sql)")
            }
            let profiled = try DriftProfiler.current(path: currentPath, reference: compared, config: config)
            rows = profiled.rows
            current = profiled.columns
            extra = profiled.extra
        }
        try DriftInputCheck.currentHasRows(rows, path: currentPath)
        let known = reference.columns.map(\.name) + extra.map(\.name)
        if let wanted = config.columns {
            let present = Set(known)
            let unknown = wanted.filter { !present.contains($0) }
            if !unknown.isEmpty {
                throw DriftError(.columnsNotFound(unknown))
            }
        }
        try DriftInputCheck.roleColumns(config, known: known)
        if !compared.isEmpty {
            let currentNames = current.filter { $0.rows >= 0 }.map(\.name) + extra.map(\.name)
            try DriftInputCheck.commonColumns(
                reference: reference.columns.map(\.name), compared: compared.map(\.name), current: currentNames,
                currentPath: currentPath)
        }
        extra = extra.filter { !leftOut.contains($0.name) }
        if config.schema == .strict {
            let missing = current.filter { $0.rows < 0 && $0.name != config.target }.map(\.name)
            try DriftInputCheck.strictSchema(missing: missing, new: extra.map(\.name), currentPath: currentPath)
        }
        let samples = config.method == .ks ? try values(compared, current, currentPath: currentPath) : [:]
        var result = DriftResult.compare(
            reference: compared, current: current, extraCurrent: extra, roles: roles,
            referenceRows: reference.rows, currentRows: rows, config: config,
            referenceSource: referenceHistograms?.path ?? referencePath, currentSource: currentSource, samples: samples)
        if let broken = result.columns.first(where: { $0.test != nil && !($0.pValue?.isFinite ?? false) }) {
            throw DriftError(.noPValue(broken.name, test: broken.test?.rawValue ?? ""))
        }
        // No check against the current file's rows: a recent window may overlap
        // rows from before the last deployment, which do not count as new.
        result.newRows = newRows
        // Nothing compared must not read as "no drift".
        if result.comparedColumns.isEmpty {
            throw DriftError(.nothingToCompare)
        }
        return result
    }
}

extension DriftRequest {
    /// Under `method: ks`: the values of the numeric columns compared, read
    /// again from both CSV files; they must be the values the histograms counted.
    fileprivate func values(_ reference: [ColumnHistogram], _ current: [ColumnHistogram], currentPath: String) throws
        -> [String: (reference: [Double], current: [Double])]
    {
        let numeric = reference.filter { $0.kind == .numeric }.map(\.name)
        let r = try NumericSamples.read(path: referencePath, columns: numeric)
        let c = try NumericSamples.read(path: currentPath, columns: numeric)
        var out: [String: (reference: [Double], current: [Double])] = [:]
        for (histogram, counted) in zip(reference, current) where histogram.kind == .numeric && counted.rows >= 0 {
            let values = (r[histogram.name] ?? [], c[histogram.name] ?? [])
            if values.0.count != histogram.counts.reduce(0, +) { throw DriftError(.valuesChanged(referencePath)) }
            if values.1.count != counted.counts.reduce(0, +) { throw DriftError(.valuesChanged(currentPath)) }
            out[histogram.name] = values
        }
        return out
    }

    /// The histogram files given for one side, summed; nil for a CSV. Several
    /// files must all be histograms: CSV parts are not summed.
    fileprivate func histograms(_ paths: [String], isReference: Bool) throws -> HistogramJSON.File? {
        guard let first = paths.first, Self.isHistogram(first) else {
            if let part = paths.dropFirst().first { throw DriftError(.partsMustBeHistograms(part)) }
            return nil
        }
        if let csv = paths.first(where: { !Self.isHistogram($0) }) { throw DriftError(.partsMustBeHistograms(csv)) }
        return try HistogramPartials.merge(paths.map { try HistogramJSON.read(path: $0, config: config, isReference: isReference) })
    }
}

extension DriftError.Message {
    fileprivate static func partsMustBeHistograms(_ path: String) -> Self {
        Self("\(Sanitize.quoted(path)): only histogram JSON files (*.json) can be given several times for one side")
    }
    fileprivate static func closedDiffers(_ closed: String, reference: String) -> Self {
        Self("the current histograms' bins are closed on the \(closed), the reference's on the \(reference)")
    }
    fileprivate static func csvAgainstLeftClosed(_ path: String) -> Self {
        Self("the reference histograms are closed on the left, but qgate bins \(Sanitize.quoted(path)) closed on the right")
    }
    fileprivate static func columnsNotFound(_ unknown: [String]) -> Self {
        Self("column\(unknown.count == 1 ? "" : "s") \(unknown.map(Sanitize.quoted).joined(separator: ", ")) not found in either file")
    }
    fileprivate static func ksNeedsValues(_ path: String) -> Self {
        Self("method ks compares the values of numeric columns, and \(Sanitize.quoted(path)) holds only histograms")
    }
    fileprivate static func valuesChanged(_ path: String) -> Self {
        Self("\(Sanitize.quoted(path)) changed between the reads for its histograms and for its values")
    }
    fileprivate static func noPValue(_ column: String, test: String) -> Self {
        Self("the \(test) test of column \(Sanitize.quoted(column)) gave no p-value")
    }
    fileprivate static var nothingToCompare: Self {
        Self("no column to compare: the reference has no data columns in common with the selection")
    }
}
