/// Drift's reading of a CSV file: one pass that splits each record, converts
/// each selected cell and counts or bins it in place (no batches, no copies,
/// no second thread), and memory that does not grow with the file.
///
/// The reference keeps its numeric values (8 bytes each) while they fit
/// `inMemoryValues`; its quantile edges are then selected among them and its
/// counts binned from them, so a reference of that size is read once. A larger
/// reference is read again instead: the quantile edges by `QuantileSelect`'s
/// passes (usually one more), then one pass that bins. A column that turns out
/// to hold text after numbers has only the records before that read again.
enum FusedColumnScan {
    /// Numeric reference values held in memory before reading the file again (128 MiB).
    /// Only tests lower it (to read small files again); production never sets it.
    nonisolated(unsafe) static var inMemoryValues = 16 << 20
    /// Memory for `QuantileSelect`'s buckets and collected values, all columns together (32 MiB).
    static let selectBudget = 32 << 20

    /// One reference column while it is read.
    private struct ReferenceColumn {
        var numeric: Bool
        /// Records before this one were read as numbers, then the column turned out text.
        var textFrom = 0
        var missing = 0
        var categories = CategoryCounter()
        var count = 0
        var lo = 0.0
        var hi = 0.0
        var values: [Double] = []
        var select: QuantileSelect?

        /// A finite value: into the range, and held or counted for the quantiles.
        @inline(__always) mutating func add(_ x: Double, streaming: Bool) {
            if count == 0 {
                lo = x
                hi = x
            } else if x < lo {
                lo = x
            } else if x > hi {
                hi = x
            }
            count += 1
            if streaming { select!.add(x) } else { values.append(x) }
        }
    }

    static func reference(path: String, config: DriftConfig) throws -> (rows: Int, columns: [ColumnHistogram]) {
        var header: [String] = []
        var selected: [Int] = []
        var acc: [ReferenceColumn] = []
        var rows = 0
        var held = 0
        let rereadable = FileSystem.isRegularFile(path)
        var streaming = false
        try CSVRecords.read(
            path: path,
            header: { names in
                try DriftProfiler.checkNames(names.names, config: config)
                header = names.names
                selected = DriftProfiler.select(names.names, config: config)
                acc = selected.map { ReferenceColumn(numeric: !config.categorical.contains(header[$0])) }
            },
            record: { fields, line in
                // One uniqueness check per record, not one per field access.
                try acc.withUnsafeMutableBufferPointer { acc in
                    for j in selected.indices {
                        let v = fields[selected[j]]
                        if CellValue.isMissing(v) {
                            acc[j].missing += 1
                            continue
                        }
                        if acc[j].numeric {
                            if let x = CellValue.number(v) {
                                guard x.isFinite else {
                                    acc[j].missing += 1
                                    continue
                                }
                                acc[j].add(x, streaming: streaming)
                                if !streaming {
                                    held += 1
                                    if held > inMemoryValues && rereadable {
                                        streaming = true
                                        stream(acc)
                                    }
                                }
                                continue
                            }
                            // Not all numbers: a text column from here on; the records before are counted again below.
                            held -= acc[j].values.count
                            acc[j] = ReferenceColumn(numeric: false, textFrom: rows)
                        }
                        if CellValue.isOverflow(v) {
                            acc[j].missing += 1
                            continue
                        }
                        if !acc[j].categories.add(v) {
                            throw DriftProfiler.invalidUTF8(v, path: path, line: line, column: selected[j], header: header)
                        }
                    }
                }
                rows += 1
                return true
            })
        try countTextBefore(path: path, &acc, selected: selected, header: header)
        var columns = selected.indices.map { j in
            var h = ColumnHistogram(name: header[selected[j]], kind: acc[j].numeric && acc[j].count > 0 ? .numeric : .categorical)
            h.missing = acc[j].missing
            h.rows = rows
            if h.kind == .categorical { h.categoryCounts = acc[j].categories.dictionary }
            return h
        }
        try binNumeric(path: path, &acc, &columns, selected: selected, config: config, streaming: streaming)
        return (rows, columns)
    }

    /// Moves every numeric column from values held in memory to first-pass counts.
    private static func stream(_ acc: UnsafeMutableBufferPointer<ReferenceColumn>) {
        let numeric = max(1, acc.filter(\.numeric).count)
        // 16-bit buckets (512 KiB a column) while they fit the budget; fewer bits for wide tables.
        var topBits = 16
        while topBits > 1 && numeric * (8 << topBits) > selectBudget { topBits -= 1 }
        for j in acc.indices where acc[j].numeric {
            var select = QuantileSelect(topBits: topBits)
            select.add(contentsOf: acc[j].values)
            acc[j].values = []
            acc[j].select = select
        }
    }

    /// Counts the cells of columns that turned out text in the records read before they did.
    private static func countTextBefore(path: String, _ acc: inout [ReferenceColumn], selected: [Int], header: [String]) throws {
        let late = acc.indices.filter { !acc[$0].numeric && acc[$0].textFrom > 0 }
        guard let last = late.map({ acc[$0].textFrom }).max() else { return }
        if !FileSystem.isRegularFile(path) {
            throw DriftError(.cannotRescan(column: header[selected[late[0]]], path: path))
        }
        var record = 0
        try CSVRecords.read(
            path: path, header: { _ in },
            record: { fields, line in
                for j in late where record < acc[j].textFrom {
                    let v = fields[selected[j]]
                    if CellValue.isMissing(v) || CellValue.isOverflow(v) {
                        acc[j].missing += 1
                    } else if !acc[j].categories.add(v) {
                        throw DriftProfiler.invalidUTF8(v, path: path, line: line, column: selected[j], header: header)
                    }
                }
                record += 1
                return record < last
            })
    }

    /// Edges and counts of the numeric columns: from the values held, or by reading the file again.
    private static func binNumeric(
        path: String, _ acc: inout [ReferenceColumn], _ columns: inout [ColumnHistogram], selected: [Int],
        config: DriftConfig, streaming: Bool
    ) throws {
        let numeric = columns.indices.filter { columns[$0].kind == .numeric }
        var ranks: [Int: [Int]] = [:]
        for j in numeric {
            if acc[j].lo == acc[j].hi {
                columns[j].constant = acc[j].lo
            } else if config.binning == .equalWidth {
                columns[j].edges = Binning.equalWidthEdges(min: acc[j].lo, max: acc[j].hi, bins: config.bins)
            } else {
                ranks[j] = Binning.quantileRanks(count: acc[j].count, bins: config.bins)
            }
        }
        if !streaming {
            for j in numeric {
                if let wanted = ranks[j] {
                    // No more buckets than values: a wide table's short columns stay cheap.
                    var select = QuantileSelect(topBits: min(16, max(1, Int.bitWidth - acc[j].count.leadingZeroBitCount)))
                    select.add(contentsOf: acc[j].values)
                    select.want(wanted)
                    while !select.isDone {
                        var budget = selectBudget
                        select.plan(budget: &budget)
                        select.visit(contentsOf: acc[j].values)
                        select.endPass()
                    }
                    columns[j].edges = Binning.quantileEdges(count: acc[j].count, bins: config.bins) { select.found[$0]! }
                }
                let bins = BinLookup(columns[j])
                defer { bins.deallocate() }
                var counts = [Int](repeating: 0, count: columns[j].binCount)
                counts.withUnsafeMutableBufferPointer { counts in
                    for x in acc[j].values { counts[bins.bin(of: x)] += 1 }
                }
                columns[j].distinctIntegers = DistinctIntegers.check(acc[j].values, lo: acc[j].lo, hi: acc[j].hi)
                acc[j].values = []
                columns[j].counts = counts
            }
            return
        }
        for j in ranks.keys { acc[j].select!.want(ranks[j]!) }
        let pending = ranks.keys.sorted()
        while pending.contains(where: { !acc[$0].select!.isDone }) {
            var budget = selectBudget
            for j in pending { acc[j].select!.plan(budget: &budget) }
            try readNumbers(path: path, columns: pending, selected: selected) { j, x in acc[j].select!.visit(x) }
            for j in pending { acc[j].select!.endPass() }
            if pending.contains(where: { !acc[$0].select!.consistent }) { throw DriftError(.changedWhileRead(path)) }
        }
        for j in pending {
            let found = acc[j].select!.found
            columns[j].edges = Binning.quantileEdges(count: acc[j].count, bins: config.bins) { found[$0]! }
        }
        for j in numeric { acc[j].select = nil }  // the buckets' memory goes to the integer-ID checks below
        let bins = numeric.map { BinLookup(columns[$0]) }
        defer { for b in bins { b.deallocate() } }
        var counts = numeric.map { [Int](repeating: 0, count: columns[$0].binCount) }
        var slot = [Int](repeating: 0, count: selected.count)
        for (k, j) in numeric.enumerated() { slot[j] = k }
        // Integer-ID checks ride on this pass, within the select budget all together.
        var budget = selectBudget
        var ids = numeric.map { j -> DistinctIntegers? in
            guard let check = DistinctIntegers(count: acc[j].count, lo: acc[j].lo, hi: acc[j].hi), check.bytes <= budget else { return nil }
            budget -= check.bytes
            return check
        }
        try readNumbers(path: path, columns: numeric, selected: selected) { j, x in
            let k = slot[j]
            counts[k][bins[k].bin(of: x)] += 1
            if ids[k] != nil { ids[k]!.add(x) }
        }
        for (k, j) in numeric.enumerated() {
            if counts[k].reduce(0, +) != acc[j].count { throw DriftError(.changedWhileRead(path)) }
            columns[j].counts = counts[k]
            columns[j].distinctIntegers = ids[k]?.holds ?? false
        }
    }

    /// Reads the file again, handing over the finite numbers of the numeric columns `columns` (indices into `selected`).
    private static func readNumbers(
        path: String, columns: [Int], selected: [Int], _ body: (Int, Double) -> Void
    ) throws {
        try CSVRecords.read(
            path: path, header: { _ in },
            record: { fields, _ in
                for j in columns {
                    let v = fields[selected[j]]
                    if CellValue.isMissing(v) { continue }
                    if let x = CellValue.number(v), x.isFinite { body(j, x) }
                }
                return true
            })
    }

    /// Current CSV counted into the reference's bins (see `DriftProfiler.current`).
    static func current(path: String, reference: [ColumnHistogram], config: DriftConfig) throws
        -> (rows: Int, columns: [ColumnHistogram], extra: [(name: String, missing: Int)])
    {
        var hist = reference.map { $0.emptyLike() }
        var present: [Int] = []  // indices into `reference` found in the header
        var columnsRead: [Int] = []  // header positions read, reference columns first, then extra ones
        var extra: [String] = []
        var headerNames: [String] = []
        // Counts of all numeric columns in one flat buffer, at `offsets[k]`; `bins[j]` for the j-th present column.
        var offsets = [Int](repeating: 0, count: reference.count)
        var total = 0
        for (k, r) in reference.enumerated() where r.kind == .numeric {
            offsets[k] = total
            total += r.binCount
        }
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: total)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        var bins: [BinLookup] = []
        var numeric: [Bool] = []
        defer { for b in bins { b.deallocate() } }
        var missing = [Int](repeating: 0, count: reference.count)
        var nonNumeric = [Int](repeating: 0, count: reference.count)
        var categories = [CategoryCounter](repeating: CategoryCounter(), count: reference.count)
        var extraMissing: [Int] = []
        var rows = 0
        try CSVRecords.read(
            path: path,
            header: { csvHeader in
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
                for i in DriftProfiler.select(header, config: config) where !known.contains(header[i]) {
                    extra.append(header[i])
                    columnsRead.append(i)
                }
                extraMissing = [Int](repeating: 0, count: extra.count)
                bins = present.map { BinLookup(reference[$0]) }
                numeric = present.map { reference[$0].kind == .numeric }
            },
            record: { fields, line in
                rows += 1
                // Unsafe views once per record: a counter's array would otherwise check its uniqueness per cell.
                try missing.withUnsafeMutableBufferPointer { missing in
                    try nonNumeric.withUnsafeMutableBufferPointer { nonNumeric in
                        try categories.withUnsafeMutableBufferPointer { categories in
                            for j in present.indices {
                                let k = present[j]
                                let v = fields[columnsRead[j]]
                                if CellValue.isMissing(v) {
                                    missing[k] += 1
                                } else if numeric[j] {
                                    if let x = CellValue.number(v) {
                                        if x.isFinite { counts[offsets[k] + bins[j].bin(of: x)] += 1 } else { missing[k] += 1 }
                                    } else {
                                        nonNumeric[k] += 1
                                    }
                                } else if CellValue.isOverflow(v) {
                                    missing[k] += 1
                                } else if !categories[k].add(v) {
                                    throw DriftProfiler.invalidUTF8(v, path: path, line: line, column: columnsRead[j], header: headerNames)
                                }
                            }
                        }
                    }
                }
                for e in extra.indices {
                    let v = fields[columnsRead[present.count + e]]
                    if CellValue.isMissing(v) || CellValue.isOverflow(v) { extraMissing[e] += 1 }
                }
                return true
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
}

extension DriftError.Message {
    fileprivate static func cannotRescan(column: String, path: String) -> Self {
        Self("column \(Sanitize.quoted(column)) turned out categorical, and \(Sanitize.quoted(path)) cannot be read a second time")
    }
    fileprivate static func changedWhileRead(_ path: String) -> Self {
        Self("\(Sanitize.quoted(path)) changed while it was read")
    }
}
