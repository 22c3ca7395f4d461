/// Streams CSV files into per-column histograms: the reference pass keeps the
/// numeric values it needs for quantile edges (8 bytes per numeric cell), the
/// current pass only counts into the reference's bins.
public enum DriftProfiler {
    /// Reference CSV → histograms with bins from `config`.
    public static func reference(path: String, config: DriftConfig) throws -> (rows: Int, columns: [ColumnHistogram]) {
        struct Accumulator {
            var numeric: Bool
            var values: [Double] = []
            var categories = CategoryCounter()
            var missing = 0
            var rescan = false
        }
        var header: [String] = []
        var selected: [Int] = []
        var acc: [Accumulator] = []
        var rows = 0
        try CSVBatches.read(
            path: path,
            select: { names in
                selected = select(names.names, config: config)
                return selected
            },
            header: { names in
                try checkNames(names.names, config: config)
                header = names.names
                acc = names.names.map { Accumulator(numeric: !config.categorical.contains($0)) }
            },
            body: { batch in
                rows += batch.rows
                try batch.withCells { cell in
                    for (j, c) in selected.enumerated() where !acc[c].rescan {
                        for r in 0..<batch.rows {
                            let v = cell(r, j)
                            if CellValue.isMissing(v) {
                                acc[c].missing += 1
                                continue
                            }
                            if acc[c].numeric {
                                if let x = CellValue.number(v) {
                                    if x.isFinite { acc[c].values.append(x) } else { acc[c].missing += 1 }
                                    continue
                                }
                                // Not all numbers: a categorical column; its cells are recounted as text below.
                                acc[c].numeric = false
                                acc[c].rescan = true
                                acc[c].values = []
                                acc[c].missing = 0
                                break
                            }
                            if CellValue.isOverflow(v) {
                                acc[c].missing += 1
                                continue
                            }
                            if !acc[c].categories.add(v) {
                                throw invalidUTF8(v, path: path, line: batch.lines[r], column: c, header: header)
                            }
                        }
                    }
                }
            })
        let rescan = selected.filter { acc[$0].rescan }
        if !rescan.isEmpty && !FileSystem.isRegularFile(path) {
            throw DriftError(.cannotRescan(column: header[rescan[0]], path: path))
        }
        if !rescan.isEmpty {
            try CSVBatches.read(
                path: path, select: { _ in rescan }, header: { _ in },
                body: { batch in
                    try batch.withCells { cell in
                        for (j, c) in rescan.enumerated() {
                            for r in 0..<batch.rows {
                                let v = cell(r, j)
                                if CellValue.isMissing(v) || CellValue.isOverflow(v) {
                                    acc[c].missing += 1
                                    continue
                                }
                                if !acc[c].categories.add(v) {
                                    throw invalidUTF8(v, path: path, line: batch.lines[r], column: c, header: header)
                                }
                            }
                        }
                    }
                })
        }
        var columns: [ColumnHistogram] = []
        for c in selected {
            var h = ColumnHistogram(name: header[c], kind: acc[c].numeric && !acc[c].values.isEmpty ? .numeric : .categorical)
            h.missing = acc[c].missing
            h.rows = rows
            if h.kind == .categorical {
                h.categoryCounts = acc[c].categories.dictionary
            } else {
                var values = acc[c].values
                acc[c].values = []
                var lo = values[0]
                var hi = values[0]
                for v in values {
                    if v < lo { lo = v }
                    if v > hi { hi = v }
                }
                if lo == hi {
                    h.constant = lo
                } else {
                    h.edges =
                        config.binning == .quantile
                        ? Binning.quantileEdges(&values, bins: config.bins)
                        : Binning.equalWidthEdges(min: lo, max: hi, bins: config.bins)
                }
                h.counts = [Int](repeating: 0, count: h.binCount)
                for v in values { h.counts[h.bin(of: v)] += 1 }
            }
            columns.append(h)
        }
        return (rows, columns)
    }

    /// Current CSV counted into the reference's bins. Columns the reference
    /// lacks are returned with their missing counts only (they cannot be compared).
    public static func current(path: String, reference: [ColumnHistogram], config: DriftConfig) throws
        -> (rows: Int, columns: [ColumnHistogram], extra: [(name: String, missing: Int)])
    {
        var hist = reference.map { $0.emptyLike() }
        var present: [Int] = []  // indices into `reference` found in the header
        var columnsRead: [Int] = []  // header positions read, reference columns first, then extra ones
        var extra: [String] = []
        // Counts of all numeric columns in one flat array (no nested copy-on-write per cell).
        var offsets = [Int](repeating: 0, count: reference.count)
        var total = 0
        for (k, r) in reference.enumerated() where r.kind == .numeric {
            offsets[k] = total
            total += r.binCount
        }
        var counts = [Int](repeating: 0, count: total)
        var missing = [Int](repeating: 0, count: reference.count)
        var nonNumeric = [Int](repeating: 0, count: reference.count)
        var categories = [CategoryCounter](repeating: CategoryCounter(), count: reference.count)
        var extraMissing: [Int] = []
        var rows = 0
        var headerNames: [String] = []
        try CSVBatches.read(
            path: path,
            select: { csvHeader in
                let header = csvHeader.names
                headerNames = header
                var index: [String: Int] = [:]
                for (i, name) in header.enumerated() { index[name] = i }
                for (k, r) in reference.enumerated() {
                    if let i = index[r.name] {
                        present.append(k)
                        columnsRead.append(i)
                    }
                }
                let known = Set(reference.map(\.name))
                for i in select(header, config: config) where !known.contains(header[i]) {
                    extra.append(header[i])
                    columnsRead.append(i)
                }
                extraMissing = [Int](repeating: 0, count: extra.count)
                return columnsRead
            }, header: { _ in },
            body: { batch in
                rows += batch.rows
                try batch.withCells { cell in
                    for (j, k) in present.enumerated() {
                        let edges = reference[k]
                        for r in 0..<batch.rows {
                            let v = cell(r, j)
                            if CellValue.isMissing(v) {
                                missing[k] += 1
                                continue
                            }
                            if edges.kind == .numeric {
                                if let x = CellValue.number(v) {
                                    if x.isFinite { counts[offsets[k] + edges.bin(of: x)] += 1 } else { missing[k] += 1 }
                                } else {
                                    nonNumeric[k] += 1
                                }
                            } else if CellValue.isOverflow(v) {
                                missing[k] += 1
                            } else if !categories[k].add(v) {
                                throw invalidUTF8(v, path: path, line: batch.lines[r], column: columnsRead[j], header: headerNames)
                            }
                        }
                    }
                    for e in extra.indices {
                        for r in 0..<batch.rows {
                            let v = cell(r, present.count + e)
                            if CellValue.isMissing(v) || CellValue.isOverflow(v) { extraMissing[e] += 1 }
                        }
                    }
                }
            })
        let found = Set(present)
        for k in hist.indices {
            hist[k].rows = found.contains(k) ? rows : -1
            hist[k].missing = missing[k]
            hist[k].nonNumeric = nonNumeric[k]
            if reference[k].kind == .numeric {
                hist[k].counts = Array(counts[offsets[k]..<(offsets[k] + reference[k].binCount)])
            } else {
                hist[k].categoryCounts = categories[k].dictionary
            }
        }
        return (rows, hist, zip(extra, extraMissing).map { ($0, $1) })
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
    fileprivate static func cannotRescan(column: String, path: String) -> Self {
        Self("column \(Sanitize.quoted(column)) turned out categorical, and \(Sanitize.quoted(path)) cannot be read a second time")
    }
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
