/// Partial histograms of one dataset (one file per partition or per day, e.g.
/// from `qgate drift sql` run on each) summed into one. Parts must be binned
/// alike — the same columns, kinds, edges (or constant) and closedness — or the
/// sum would mix bins that mean different ranges; categories may differ (a day
/// need not see every category) and are summed by name, as data.
public enum HistogramPartials {
    public static func merge(_ parts: [HistogramJSON.File]) throws -> HistogramJSON.File {
        guard var total = parts.first else { throw DriftError(.noParts) }
        let first = total
        let firstNames = first.columns.map(\.name)
        var index: [String: Int] = [:]
        for (i, name) in firstNames.enumerated() { index[name] = i }
        for part in parts.dropFirst() {
            let hint = "every part must be binned alike (\(Sanitize.quoted(first.path)) is the first)"
            if part.closed != first.closed {
                throw DriftError(
                    .differentClosed(part.closed.rawValue, first: first.closed.rawValue), at: part.closedAt, hint: hint)
            }
            let names = Set(part.columns.map(\.name))
            if let missing = firstNames.first(where: { !names.contains($0) }) {
                throw DriftError(.columnMissingFromPart(missing, first: first.path), at: part.root, hint: hint)
            }
            total.rows = try add(total.rows, part.rows, at: part.rowsAt)
            for h in part.columns {
                let at = part.columnAt[h.name] ?? part.root
                guard let i = index[h.name] else {
                    throw DriftError(.columnNotInFirstPart(h.name, first: first.path), at: at, hint: hint)
                }
                var sum = total.columns[i]
                guard h.kind == sum.kind else { throw DriftError(.differentKind(h.name, first: first.path), at: at, hint: hint) }
                if h.kind == .numeric {
                    guard h.edges == sum.edges, h.constant == sum.constant else {
                        throw DriftError(.differentBins(h.name, first: first.path), at: at, hint: hint)
                    }
                    for b in sum.counts.indices { sum.counts[b] = try add(sum.counts[b], h.counts[b], at: at) }
                    sum.nonNumeric = try add(sum.nonNumeric, h.nonNumeric, at: at)
                } else {
                    for (category, n) in h.categoryCounts {
                        sum.categoryCounts[category] = try add(sum.categoryCounts[category] ?? 0, n, at: at)
                    }
                }
                sum.missing = try add(sum.missing, h.missing, at: at)
                sum.rows = total.rows
                total.columns[i] = sum
            }
        }
        for i in total.columns.indices { total.columns[i].rows = total.rows }
        total.path = parts.map(\.path).joined(separator: " + ")
        return total
    }

    /// Counts are below 1e15 each, but a sum of many parts is checked anyway.
    private static func add(_ a: Int, _ b: Int, at location: SourceLocation) throws -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow, sum < 1_000_000_000_000_000 else { throw DriftError(.countOverflow, at: location) }
        return sum
    }
}

extension DriftError.Message {
    fileprivate static var noParts: Self { Self("no histogram file to merge") }
    fileprivate static func differentClosed(_ closed: String, first: String) -> Self {
        Self("bins are closed on the \(closed) here but on the \(first) in the first part")
    }
    fileprivate static func columnMissingFromPart(_ column: String, first: String) -> Self {
        Self("column \(Sanitize.quoted(column)) of \(Sanitize.quoted(first)) is missing from this part")
    }
    fileprivate static func columnNotInFirstPart(_ column: String, first: String) -> Self {
        Self("column \(Sanitize.quoted(column)) is not in the first part \(Sanitize.quoted(first))")
    }
    fileprivate static func differentKind(_ column: String, first: String) -> Self {
        Self("column \(Sanitize.quoted(column)) has another type than in \(Sanitize.quoted(first))")
    }
    fileprivate static func differentBins(_ column: String, first: String) -> Self {
        Self("column \(Sanitize.quoted(column)) is not binned with the edges of \(Sanitize.quoted(first))")
    }
    fileprivate static var countOverflow: Self { Self("the summed counts exceed 10^15") }
}
