/// Streams CSV files into per-column histograms (read by `FusedColumnScan`):
/// the reference's bins are computed from it, the current file is only
/// counted into the reference's bins.
public enum DriftProfiler {
    /// Reference CSV → histograms with bins from `config`.
    public static func reference(path: String, config: DriftConfig) throws -> (rows: Int, columns: [ColumnHistogram]) {
        try FusedColumnScan.reference(path: path, config: config)
    }

    /// Current CSV counted into the reference's bins. Columns the reference
    /// lacks are returned with their missing counts only (they cannot be compared).
    public static func current(path: String, reference: [ColumnHistogram], config: DriftConfig) throws
        -> (rows: Int, columns: [ColumnHistogram], extra: [(name: String, missing: Int)])
    {
        try FusedColumnScan.current(path: path, reference: reference, config: config)
    }

    /// Invalid UTF-8 in a data cell of column `column` of `header`, on record `line`.
    static func invalidUTF8(_ cell: UnsafeBufferPointer<UInt8>, path: String, line: Int, column: Int, header: [String]) -> DriftError {
        let position = CSVReader.cell(path: path, line: line, field: column)
        return invalidUTF8(cell, position.at, "in column \(Sanitize.quoted(header[column]))\(position.suffix)")
    }

    static func invalidUTF8(_ cell: UnsafeBufferPointer<UInt8>, _ at: SourceLocation?, _ place: String) -> DriftError {
        let bad = UTF8Validation.firstInvalidOffset(Array(cell)) ?? 0
        return DriftError(
            .invalidUTF8(byte: cell[bad], place),
            at: at, hint: "write the file as UTF-8")
    }

    /// `exclude` and `categorical` must name real columns: a typo must not silently change the check.
    static func checkNames(_ header: [String], config: DriftConfig) throws {
        for (option, names) in [("exclude", config.exclude), ("categorical", config.categorical)] {
            let unknown = names.filter { !header.contains($0) }
            if !unknown.isEmpty {
                throw DriftError(
                    .unknownColumns(option, unknown),
                    hint: "check the names against the reference's header")
            }
        }
    }

    /// Header indices to compare: `columns` (or all) minus `exclude`.
    static func select(_ header: [String], config: DriftConfig) -> [Int] {
        header.indices.filter { i in
            (config.columns.map { $0.contains(header[i]) } ?? true) && !config.exclude.contains(header[i])
        }
    }
}

extension DriftError.Message {
    fileprivate static func invalidUTF8(byte: UInt8, _ place: String) -> Self {
        Self("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) \(place)")
    }
    /// `option` is the policy key, `exclude` or `categorical`.
    fileprivate static func unknownColumns(_ option: String, _ unknown: [String]) -> Self {
        Self(
            "\(option): column\(unknown.count == 1 ? "" : "s") \(unknown.map(Sanitize.quoted).joined(separator: ", ")) not in the reference"
        )
    }
}
