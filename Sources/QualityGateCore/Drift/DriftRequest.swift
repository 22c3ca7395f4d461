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

    public init(referencePath: String, currentPath: String?, config: DriftConfig, emitHistogramsPath: String?) {
        self.referencePath = referencePath
        self.currentPath = currentPath
        self.config = config
        self.emitHistogramsPath = emitHistogramsPath
    }

    static func isHistogram(_ path: String) -> Bool { path.hasSuffix(".json") }

    /// The comparison, or nil when only histograms were emitted.
    public func run() throws -> DriftResult? {
        let reference =
            Self.isHistogram(referencePath)
            ? try HistogramJSON.load(path: referencePath, config: config)
            : try DriftProfiler.reference(path: referencePath, config: config)
        if let emit = emitHistogramsPath {
            try FileSystem.writeAtomically(Array(HistogramJSON.render(rows: reference.rows, columns: reference.columns).utf8), to: emit)
        }
        guard let currentPath else { return nil }
        try DriftInputCheck.referenceHasRows(reference.rows, path: referencePath)
        let roles = ColumnRoles.assign(reference: reference.columns, config: config)
        let leftOut = roles.leftOutNames
        let compared = reference.columns.filter { !leftOut.contains($0.name) }
        let rows: Int
        let current: [ColumnHistogram]
        var extra: [(name: String, missing: Int)] = []
        if Self.isHistogram(currentPath) {
            let loaded = try HistogramJSON.load(path: currentPath, config: config, isReference: false)
            rows = loaded.rows
            current = try HistogramJSON.aligned(reference: compared, current: loaded.columns, currentPath: currentPath)
            let known = Set(compared.map(\.name))
            extra = loaded.columns.filter { !known.contains($0.name) }.map { ($0.name, $0.missing) }
        } else {
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
        var result = DriftResult.compare(
            reference: compared, current: current, extraCurrent: extra, roles: roles,
            referenceRows: reference.rows, currentRows: rows, config: config,
            referenceSource: referencePath, currentSource: currentPath)
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

extension DriftError.Message {
    fileprivate static func columnsNotFound(_ unknown: [String]) -> Self {
        Self("column\(unknown.count == 1 ? "" : "s") \(unknown.map(Sanitize.quoted).joined(separator: ", ")) not found in either file")
    }
    fileprivate static var nothingToCompare: Self {
        Self("no column to compare: the reference has no data columns in common with the selection")
    }
}
