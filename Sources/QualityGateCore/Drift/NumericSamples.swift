/// The values of numeric columns, for `method: ks`: the Kolmogorov–Smirnov
/// test compares the samples themselves, not their bins. One more read of each
/// CSV file, after the histograms, keeping 8 bytes per value of the numeric
/// columns compared (the test is for small samples; on large ones a p-value
/// flags trivial shifts, and PSI with `threshold: auto` is the better tool).
/// A cell counts as the histograms count it: missing, non-numeric and
/// infinite cells are not values.
enum NumericSamples {
    /// Each named column's finite values, sorted; columns absent from the file have no entry.
    static func read(path: String, columns names: [String]) throws -> [String: [Double]] {
        // The histograms were read from it already: a pipe would give nothing now.
        guard FileSystem.isRegularFile(path) else {
            throw DriftError(.notRereadable(path), hint: "save the data to a file first, or use `method: chi2`, which needs one read")
        }
        var selected: [(name: String, index: Int)] = []
        var values: [[Double]] = []
        try CSVRecords.read(
            path: path,
            header: { header in
                let wanted = Set(names)
                selected = header.names.enumerated().filter { wanted.contains($0.element) }.map { ($0.element, $0.offset) }
                values = selected.map { _ in [] }
            },
            record: { fields, _ in
                for (k, column) in selected.enumerated() {
                    let v = fields[column.index]
                    if CellValue.isMissing(v) { continue }
                    if let x = CellValue.number(v), x.isFinite { values[k].append(x) }
                }
                return true
            })
        var out: [String: [Double]] = [:]
        for (k, column) in selected.enumerated() { out[column.name] = values[k].sorted() }
        return out
    }
}

extension DriftError.Message {
    fileprivate static func notRereadable(_ path: String) -> Self {
        Self("method ks reads \(Sanitize.quoted(path)) a second time for its values, but it is not a regular file")
    }
}
