/// Streams CSV files into per-column histograms: the reference pass keeps the
/// numeric values it needs for quantile edges (8 bytes per numeric cell), the
/// current pass only counts into the reference's bins.
public enum DriftProfiler {
    /// Reference CSV → histograms with bins from `config`.
    public static func reference(path: String, config: DriftConfig) throws -> (rows: Int, columns: [ColumnHistogram]) {
        var reader = try CSVReader(path: path)
        defer { reader.closeFile() }
        let header = try readHeader(&reader)
        let selected = select(header, config: config)
        struct Accumulator {
            var numeric: Bool
            var values: [Double] = []
            var categories = CategoryCounter()
            var missing = 0
            var rescan = false
        }
        var acc = header.map { Accumulator(numeric: !config.categorical.contains($0)) }
        var rows = 0
        while try reader.next() {
            if reader.fieldCount == 1 && reader.field(0).isEmpty { continue }
            try checkWidth(reader, header.count)
            rows += 1
            try reader.withFields { fields in
                for c in selected where !acc[c].rescan {
                    let cell = fields[c]
                    if CellValue.isMissing(cell) { acc[c].missing += 1; continue }
                    if acc[c].numeric {
                        if let v = CellValue.number(cell) {
                            if v.isFinite { acc[c].values.append(v) } else { acc[c].missing += 1 }
                            continue
                        }
                        // Not all numbers: a categorical column; its earlier cells are recounted as text below.
                        acc[c].numeric = false
                        acc[c].rescan = true
                        acc[c].values = []
                        acc[c].missing = 0
                        continue
                    }
                    if CellValue.isOverflow(cell) { acc[c].missing += 1; continue }
                    if !acc[c].categories.add(cell) { throw invalidUTF8(cell, reader.recordLocation(), c) }
                }
            }
        }
        let rescan = selected.filter { acc[$0].rescan }
        if !rescan.isEmpty {
            var again = try CSVReader(path: path)
            defer { again.closeFile() }
            _ = try readHeader(&again)
            while try again.next() {
                if again.fieldCount == 1 && again.field(0).isEmpty { continue }
                try again.withFields { fields in
                    for c in rescan {
                        let cell = fields[c]
                        if CellValue.isMissing(cell) || CellValue.isOverflow(cell) { acc[c].missing += 1; continue }
                        if !acc[c].categories.add(cell) { throw invalidUTF8(cell, again.recordLocation(), c) }
                    }
                }
            }
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
                var lo = values[0], hi = values[0]
                for v in values { if v < lo { lo = v }; if v > hi { hi = v } }
                if lo == hi {
                    h.constant = lo
                } else {
                    h.edges = config.binning == .quantile
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
    /// lacks are returned by name only (they cannot be compared).
    public static func current(path: String, reference: [ColumnHistogram], config: DriftConfig) throws
        -> (rows: Int, columns: [ColumnHistogram], extra: [(name: String, missing: Int)]) {
        var reader = try CSVReader(path: path)
        defer { reader.closeFile() }
        let header = try readHeader(&reader)
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() { index[name] = i }
        var hist = reference.map { $0.emptyLike() }
        let positions = reference.map { index[$0.name] }
        let known = Set(reference.map(\.name))
        let extraPositions = select(header, config: config).filter { !known.contains(header[$0]) }
        let extra = extraPositions.map { header[$0] }
        var extraMissing = [Int](repeating: 0, count: extra.count)
        // Counts of all numeric columns in one flat array (no nested copy-on-write per cell).
        var offsets = [Int](repeating: 0, count: reference.count)
        var total = 0
        for (k, r) in reference.enumerated() where r.kind == .numeric { offsets[k] = total; total += r.binCount }
        var counts = [Int](repeating: 0, count: total)
        var missing = [Int](repeating: 0, count: reference.count)
        var nonNumeric = [Int](repeating: 0, count: reference.count)
        var categories = [CategoryCounter](repeating: CategoryCounter(), count: reference.count)
        let numeric = reference.map { $0.kind == .numeric }
        var rows = 0
        while try reader.next() {
            if reader.fieldCount == 1 && reader.field(0).isEmpty { continue }
            try checkWidth(reader, header.count)
            rows += 1
            try reader.withFields { fields in
                for (k, position) in positions.enumerated() {
                    guard let c = position else { continue }
                    let cell = fields[c]
                    if CellValue.isMissing(cell) { missing[k] += 1; continue }
                    if numeric[k] {
                        if let v = CellValue.number(cell) {
                            if v.isFinite { counts[offsets[k] + reference[k].bin(of: v)] += 1 } else { missing[k] += 1 }
                        } else {
                            nonNumeric[k] += 1
                        }
                    } else if CellValue.isOverflow(cell) {
                        missing[k] += 1
                    } else if !categories[k].add(cell) {
                        throw invalidUTF8(cell, reader.recordLocation(), c)
                    }
                }
                for (k, c) in extraPositions.enumerated() {
                    let cell = fields[c]
                    if CellValue.isMissing(cell) || CellValue.isOverflow(cell) { extraMissing[k] += 1 }
                }
            }
        }
        for k in hist.indices {
            hist[k].missing = missing[k]
            hist[k].nonNumeric = nonNumeric[k]
            if !numeric[k] { hist[k].categoryCounts = categories[k].dictionary }
            if numeric[k] { hist[k].counts = Array(counts[offsets[k]..<(offsets[k] + reference[k].binCount)]) }
        }
        for k in hist.indices {
            hist[k].rows = positions[k] == nil ? -1 : rows
        }
        return (rows, hist, zip(extra, extraMissing).map { ($0, $1) })
    }

    static func readHeader(_ reader: inout CSVReader) throws -> [String] {
        guard try reader.next() else {
            throw DriftError("\(Sanitize.quoted(reader.path)) is empty: a CSV file needs a header row", hint: "write the column names on the first line")
        }
        var names: [String] = []
        var seen = Set<String>()
        for i in 0..<reader.fieldCount {
            let name = try text(reader.field(i), reader, i)
            if !seen.insert(name).inserted {
                throw DriftError("duplicate column \(Sanitize.quoted(name)) in the header", at: reader.recordLocation(),
                                 hint: "give every column a distinct name")
            }
            names.append(name)
        }
        return names
    }

    static func checkWidth(_ reader: CSVReader, _ width: Int) throws {
        if reader.fieldCount != width {
            throw DriftError("row has \(reader.fieldCount) field\(reader.fieldCount == 1 ? "" : "s"), the header has \(width)",
                             at: reader.recordLocation(), hint: "quote fields that contain commas")
        }
    }

    static func text(_ cell: ArraySlice<UInt8>, _ reader: CSVReader, _ column: Int) throws -> String {
        if cell.contains(where: { $0 >= 0x80 }) && UTF8Validation.firstInvalidOffset(Array(cell)) != nil {
            throw Array(cell).withUnsafeBufferPointer { invalidUTF8($0, reader.recordLocation(), column) }
        }
        return String(decoding: cell, as: UTF8.self)
    }

    static func invalidUTF8(_ cell: UnsafeBufferPointer<UInt8>, _ at: SourceLocation, _ column: Int) -> DriftError {
        let bad = UTF8Validation.firstInvalidOffset(Array(cell)) ?? 0
        return DriftError("invalid UTF-8 byte 0x\(String(cell[bad], radix: 16, uppercase: true)) in column \(column + 1)",
                          at: at, hint: "write the file as UTF-8")
    }

    /// Header indices to compare: `columns` (or all) minus `exclude`.
    static func select(_ header: [String], config: DriftConfig) -> [Int] {
        header.indices.filter { i in
            (config.columns.map { $0.contains(header[i]) } ?? true) && !config.exclude.contains(header[i])
        }
    }
}
