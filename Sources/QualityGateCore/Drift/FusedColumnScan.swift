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
    /// Files whose parts were read and merged (tests check that a file took this path).
    nonisolated(unsafe) static var readInParts = 0
    /// Reference reads in parts that gave up, the serial read then reading the file again.
    nonisolated(unsafe) static var partsGaveUp = 0

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
        /// The values of the later parts of a file read in parts (`values` holds the first part's).
        var laterValues: [[Double]] = []
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

        /// The same column as read by the next part of the file: what one read of both parts would hold.
        mutating func append(_ later: ReferenceColumn) {
            missing += later.missing
            categories.add(later.categories)
            if later.count > 0 {
                // Strictly beyond, as `add` does: of equal extremes (0.0 and -0.0) the earlier stays.
                if count == 0 || later.lo < lo { lo = later.lo }
                if count == 0 || later.hi > hi { hi = later.hi }
            }
            count += later.count
            laterValues.append(later.values)
            laterValues += later.laterValues
        }

        /// Parts agree on what the column is: numbers throughout, or text from each part's first record.
        func sameKind(as later: ReferenceColumn) -> Bool {
            numeric ? later.numeric : !later.numeric && textFrom == 0 && later.textFrom == 0
        }
    }

    /// The reference's columns while a reader goes through its records: the
    /// whole file, or one part of it (`CSVParts`).
    private struct ReferenceTally {
        var acc: [ReferenceColumn]
        var rows = 0
        var held = 0
        var streaming = false
        /// Numeric values held before streaming (the whole file), or room for them
        /// reserved before giving up (a part: its arrays' capacity, which is what
        /// memory sees; parts fill their arrays less evenly than one read does).
        let holdLimit: Int
        /// The whole file, which can be read again; a part gives up instead.
        let canStream: Bool

        /// Counts one record; false when a part would hold more values than its share.
        @inline(__always) mutating func add(
            _ fields: CSVFields, line: Int, selected: [Int], path: String, header: [String]
        ) throws -> Bool {
            var giveUp = false
            // Locals while `acc` is borrowed: its fields cannot be touched during that access.
            var held = self.held
            var streaming = self.streaming
            let (holdLimit, canStream, rows) = (self.holdLimit, self.canStream, self.rows)
            defer {
                self.held = held
                self.streaming = streaming
                self.rows = rows + 1
            }
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
                            let room = acc[j].values.capacity
                            acc[j].add(x, streaming: streaming)
                            if !streaming {
                                held += canStream ? 1 : acc[j].values.capacity - room
                                if held > holdLimit {
                                    if canStream {
                                        streaming = true
                                        FusedColumnScan.stream(acc)
                                    } else {
                                        giveUp = true
                                    }
                                }
                            }
                            continue
                        }
                        // Not all numbers: a text column from here on. Records before with numbers are
                        // counted again below; missing and overflowing cells count the same either way.
                        if acc[j].count > 0 {
                            held -= canStream ? acc[j].values.count : acc[j].values.capacity
                            acc[j] = ReferenceColumn(numeric: false, textFrom: rows)
                        } else {
                            acc[j].numeric = false
                        }
                    }
                    // A value met before is counted without asking whether it is an
                    // overflowing number: only cells that are not become keys.
                    if acc[j].categories.increment(v) { continue }
                    if CellValue.isOverflow(v) {
                        acc[j].missing += 1
                        continue
                    }
                    if !acc[j].categories.add(v) {
                        throw DriftProfiler.invalidUTF8(v, path: path, line: line, column: selected[j], header: header)
                    }
                }
            }
            return !giveUp
        }
    }

    static func reference(path: String, config: DriftConfig) throws -> (rows: Int, columns: [ColumnHistogram]) {
        var header: [String] = []
        var selected: [Int] = []
        var tally: ReferenceTally
        if let read = referenceInParts(path: path, config: config) {
            (header, selected, tally) = read
        } else {
            tally = ReferenceTally(acc: [], holdLimit: inMemoryValues, canStream: FileSystem.isRegularFile(path))
            try CSVRecords.read(
                path: path,
                header: { names in
                    try DriftProfiler.checkNames(names.names, config: config)
                    header = names.names
                    selected = DriftProfiler.select(names.names, config: config)
                    tally.acc = selected.map { ReferenceColumn(numeric: !config.categorical.contains(header[$0])) }
                },
                record: { fields, line in
                    try tally.add(fields, line: line, selected: selected, path: path, header: header)
                })
            try countTextBefore(path: path, &tally.acc, selected: selected, header: header)
        }
        var acc = tally.acc
        let rows = tally.rows
        var columns = selected.indices.map { j in
            var h = ColumnHistogram(name: header[selected[j]], kind: acc[j].numeric && acc[j].count > 0 ? .numeric : .categorical)
            h.missing = acc[j].missing
            h.rows = rows
            if h.kind == .categorical { h.categoryCounts = acc[j].categories.dictionary }
            return h
        }
        try binNumeric(path: path, &acc, &columns, selected: selected, config: config, streaming: tally.streaming)
        return (rows, columns)
    }

    /// The reference read in parts on every core (see `CSVParts`), each part
    /// holding its share of `inMemoryValues`; nil when that is not possible or
    /// anything is unusual (an error, quotes, too many values, a column that
    /// is numbers in one part and text in another): the serial read then does
    /// it, and reports any error exactly.
    private static func referenceInParts(
        path: String, config: DriftConfig
    ) -> (header: [String], selected: [Int], tally: ReferenceTally)? {
        guard let (names, ranges) = CSVParts.split(path: path), (try? DriftProfiler.checkNames(names.names, config: config)) != nil
        else { return nil }
        let header = names.names
        let selected = DriftProfiler.select(header, config: config)
        let numeric = selected.map { !config.categorical.contains(header[$0]) }
        let sample = sampleValues(path: path, range: ranges[0], width: header.count, selected: selected, numeric: numeric)
        guard valuesMayFit(sample, ranges: ranges) else { return nil }
        let share = inMemoryValues / ranges.count
        guard
            let parts = CSVParts.each(
                ranges,
                { range -> ReferenceTally? in
                    var tally = ReferenceTally(
                        acc: selected.map { ReferenceColumn(numeric: !config.categorical.contains(header[$0])) },
                        holdLimit: share, canStream: false)
                    reserve(&tally, sample, part: range)
                    let read = try CSVParts.read(path: path, range: range, width: header.count) { fields in
                        try tally.add(fields, line: 0, selected: selected, path: path, header: header)
                    }
                    return read != nil ? tally : nil
                })
        else {
            partsGaveUp += 1
            return nil
        }
        var tally = parts[0]
        for part in parts.dropFirst() {
            for j in selected.indices {
                guard tally.acc[j].sameKind(as: part.acc[j]) else {
                    partsGaveUp += 1
                    return nil
                }
                tally.acc[j].append(part.acc[j])
            }
            tally.rows += part.rows
        }
        readInParts += 1
        return (header, selected, tally)
    }

    /// The finite numbers of each selected column (0 for categorical ones) in
    /// the first records of `range` (about 1 MiB), and the bytes they take;
    /// nil when those records cannot be read in a part.
    private static func sampleValues(
        path: String, range: Range<Int>, width: Int, selected: [Int], numeric: [Bool]
    ) -> (values: [Int], bytes: Int)? {
        var values = [Int](repeating: 0, count: selected.count)
        let bytes = try? CSVParts.read(path: path, range: range, width: width, bytes: 1 << 20) { fields in
            for j in selected.indices where numeric[j] && CellValue.number(fields[selected[j]])?.isFinite == true { values[j] += 1 }
            return true
        }
        guard let bytes = bytes ?? nil, bytes > 0 else { return nil }
        return (values, bytes)
    }

    /// Whether the reference's numeric values may fit `inMemoryValues`, estimated
    /// from the sample and the file's size. False only when they clearly would
    /// not (by half as much again): such a file read in parts would only have
    /// the parts give up and the serial read start over, a whole read wasted.
    /// The estimate only chooses the path; the parts' own limit stays the exact test.
    private static func valuesMayFit(_ sample: (values: [Int], bytes: Int)?, ranges: [Range<Int>]) -> Bool {
        guard let sample else { return true }
        let bytes = ranges[ranges.count - 1].upperBound - ranges[0].lowerBound
        let values = sample.values.reduce(0, +)
        return Double(values) * Double(bytes) / Double(sample.bytes) <= Double(inMemoryValues) * 1.5
    }

    /// Room for the values the sample says a part will hold (a twentieth more),
    /// made before reading it, when all of it fits the part's share: arrays
    /// that grow by doubling would copy their values and touch twice the memory.
    /// Only the speed depends on it: a part holding more grows as without it.
    private static func reserve(_ tally: inout ReferenceTally, _ sample: (values: [Int], bytes: Int)?, part: Range<Int>) {
        guard let sample else { return }
        let room = sample.values.map { $0 == 0 ? 0 : Int(Double($0) * Double(part.count) / Double(sample.bytes) * 1.05) + 1024 }
        guard room.reduce(0, +) <= tally.holdLimit else { return }
        for j in tally.acc.indices where tally.acc[j].numeric && room[j] > 0 {
            tally.acc[j].values.reserveCapacity(room[j])
            tally.held += tally.acc[j].values.capacity
        }
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
            // Columns at once, on every core; each its share of the selection's memory.
            let budget = selectBudget / max(1, CSVParts.count)
            let binned = ParallelMap.results(numeric.count) { k -> (edges: [Double]?, counts: [Int], distinctIntegers: Bool) in
                let j = numeric[k]
                let held = [acc[j].values] + acc[j].laterValues
                var column = columns[j]
                var counted: [Int]?
                if let wanted = ranks[j] {
                    // No more buckets than values: a wide table's short columns stay cheap.
                    var select = QuantileSelect(
                        topBits: min(16, max(1, Int.bitWidth - acc[j].count.leadingZeroBitCount)), keepsCounts: true)
                    for values in held { select.add(contentsOf: values) }
                    select.want(wanted)
                    while !select.isDone {
                        var left = budget
                        select.plan(budget: &left)
                        for values in held { select.visit(contentsOf: values) }
                        select.endPass()
                    }
                    column.edges = Binning.quantileEdges(count: acc[j].count, bins: config.bins) { select.found[$0]! }
                    // Usually from what the selection saw, without a pass over the values.
                    counted = select.binCounts(edges: column.edges)
                }
                let counts = counted ?? count(held, into: column)
                return (ranks[j] != nil ? column.edges : nil, counts, DistinctIntegers.check(held, lo: acc[j].lo, hi: acc[j].hi))
            }
            for (k, j) in numeric.enumerated() {
                guard let result = binned[k] else { preconditionFailure("binning cannot fail") }
                if let edges = result.edges { columns[j].edges = edges }
                columns[j].counts = result.counts
                columns[j].distinctIntegers = result.distinctIntegers
                acc[j].values = []
                acc[j].laterValues = []
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

    /// The values held per bin of `column`.
    private static func count(_ held: [[Double]], into column: ColumnHistogram) -> [Int] {
        let bins = BinLookup(column)
        defer { bins.deallocate() }
        var counts = [Int](repeating: 0, count: column.binCount)
        counts.withUnsafeMutableBufferPointer { counts in
            for values in held {
                for x in values { counts[bins.bin(of: x)] += 1 }
            }
        }
        return counts
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

    /// Where the current file's cells go: the reference columns its header has, then the extra ones.
    private struct CurrentLayout {
        let header: [String]
        var present: [Int] = []  // indices into `reference` found in the header
        var columnsRead: [Int] = []  // header positions read, reference columns first, then extra ones
        var extra: [String] = []
        /// Counts of all numeric columns in one flat buffer, reference column k's at `offsets[k]`.
        var offsets: [Int]
        var total = 0
        /// `bins[j]` and `numeric[j]` for the j-th present column.
        var bins: [BinLookup] = []
        var numeric: [Bool] = []

        init(header: [String], reference: [ColumnHistogram], config: DriftConfig) {
            self.header = header
            offsets = [Int](repeating: 0, count: reference.count)
            for (k, r) in reference.enumerated() where r.kind == .numeric {
                offsets[k] = total
                total += r.binCount
            }
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
            bins = present.map { BinLookup(reference[$0]) }
            numeric = present.map { reference[$0].kind == .numeric }
        }

        func deallocate() { for b in bins { b.deallocate() } }
    }

    /// The current file's counts while a reader goes through its records (the
    /// whole file, or one part). Owned memory rather than arrays: a counter's
    /// array would otherwise check its uniqueness per cell.
    private final class CurrentTally {
        /// `DecimalBinLookup` of the j-th present column: its own, as it fills itself while reading.
        let decimalBins: UnsafeMutableBufferPointer<DecimalBinLookup>
        var rows = 0
        let counts: UnsafeMutableBufferPointer<Int>
        let missing: UnsafeMutableBufferPointer<Int>
        let nonNumeric: UnsafeMutableBufferPointer<Int>
        let extraMissing: UnsafeMutableBufferPointer<Int>
        let categories: UnsafeMutableBufferPointer<CategoryCounter>

        init(_ layout: CurrentLayout, reference: [ColumnHistogram]) {
            let columns = reference.count
            func zeros(_ n: Int) -> UnsafeMutableBufferPointer<Int> {
                let p = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
                p.initialize(repeating: 0)
                return p
            }
            counts = zeros(layout.total)
            missing = zeros(columns)
            nonNumeric = zeros(columns)
            extraMissing = zeros(layout.extra.count)
            categories = .allocate(capacity: columns)
            categories.initialize(repeating: CategoryCounter())
            decimalBins = .allocate(capacity: layout.present.count)
            _ = decimalBins.initialize(from: layout.present.map { DecimalBinLookup(reference[$0]) })
        }

        deinit {
            for p in [counts, missing, nonNumeric, extraMissing] { p.deallocate() }
            categories.deinitialize().deallocate()
            for d in decimalBins { d.deallocate() }
            decimalBins.deinitialize().deallocate()
        }

        @inline(__always) func add(_ fields: CSVFields, line: Int, _ layout: CurrentLayout, path: String) throws {
            rows += 1
            for j in layout.present.indices {
                let k = layout.present[j]
                let v = fields[layout.columnsRead[j]]
                if CellValue.isMissing(v) {
                    missing[k] += 1
                } else if layout.numeric[j] {
                    // The usual cell, binned from its digits (or converted with one division).
                    if let d = CellValue.plainDecimal(v),
                        let bin = decimalBins[j].bin(of: d) ?? d.value.map({ layout.bins[j].bin(of: $0) })
                    {
                        counts[layout.offsets[k] + bin] += 1
                    } else if let x = CellValue.number(v) {
                        if x.isFinite { counts[layout.offsets[k] + layout.bins[j].bin(of: x)] += 1 } else { missing[k] += 1 }
                    } else {
                        nonNumeric[k] += 1
                    }
                } else if categories[k].increment(v) {
                    // A value met before (only cells that are not overflowing numbers become keys).
                } else if CellValue.isOverflow(v) {
                    missing[k] += 1
                } else if !categories[k].add(v) {
                    throw DriftProfiler.invalidUTF8(v, path: path, line: line, column: layout.columnsRead[j], header: layout.header)
                }
            }
            for e in layout.extra.indices {
                let v = fields[layout.columnsRead[layout.present.count + e]]
                if CellValue.isMissing(v) || CellValue.isOverflow(v) { extraMissing[e] += 1 }
            }
        }

        /// Adds the counts of the file's next part.
        func add(_ later: CurrentTally) {
            rows += later.rows
            for (p, q) in [
                (counts, later.counts), (missing, later.missing), (nonNumeric, later.nonNumeric), (extraMissing, later.extraMissing)
            ] {
                for i in p.indices { p[i] += q[i] }
            }
            for k in categories.indices { categories[k].add(later.categories[k]) }
        }
    }

    /// Current CSV counted into the reference's bins (see `DriftProfiler.current`).
    static func current(path: String, reference: [ColumnHistogram], config: DriftConfig) throws
        -> (rows: Int, columns: [ColumnHistogram], extra: [(name: String, missing: Int)])
    {
        var layout: CurrentLayout?
        defer { layout?.deallocate() }
        var tally: CurrentTally?
        if let parts = currentInParts(path: path, reference: reference, config: config, &layout) {
            tally = parts
        } else {
            layout?.deallocate()
            layout = nil
            try CSVRecords.read(
                path: path,
                header: { csvHeader in
                    layout = CurrentLayout(header: csvHeader.names, reference: reference, config: config)
                    tally = CurrentTally(layout!, reference: reference)
                },
                record: { fields, line in
                    try tally!.add(fields, line: line, layout!, path: path)
                    return true
                })
        }
        // `CSVRecords.read` hands over the header (or throws) before any record.
        guard let layout, let tally else { preconditionFailure("no header read") }
        var hist = reference.map { $0.emptyLike() }
        let found = Set(layout.present)
        for k in hist.indices {
            hist[k].rows = found.contains(k) ? tally.rows : -1
            hist[k].missing = tally.missing[k]
            hist[k].nonNumeric = tally.nonNumeric[k]
            if reference[k].kind == .numeric {
                hist[k].counts = Array(tally.counts[layout.offsets[k]..<(layout.offsets[k] + reference[k].binCount)])
            } else {
                hist[k].categoryCounts = tally.categories[k].dictionary
            }
        }
        return (tally.rows, hist, zip(layout.extra, tally.extraMissing).map { ($0, $1) })
    }

    /// The current file read in parts on every core (see `CSVParts`); nil when
    /// that is not possible or anything is unusual, and the serial read then
    /// does it (and reports any error exactly).
    private static func currentInParts(
        path: String, reference: [ColumnHistogram], config: DriftConfig, _ layout: inout CurrentLayout?
    ) -> CurrentTally? {
        guard let (names, ranges) = CSVParts.split(path: path) else { return nil }
        let columns = CurrentLayout(header: names.names, reference: reference, config: config)
        layout = columns
        guard
            let parts = CSVParts.each(
                ranges,
                { range -> CurrentTally? in
                    let tally = CurrentTally(columns, reference: reference)
                    let read = try CSVParts.read(path: path, range: range, width: names.count) { fields in
                        try tally.add(fields, line: 0, columns, path: path)
                        return true
                    }
                    return read != nil ? tally : nil
                })
        else { return nil }
        for part in parts.dropFirst() { parts[0].add(part) }
        readInParts += 1
        return parts[0]
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
