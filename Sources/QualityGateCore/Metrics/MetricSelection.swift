/// The metrics an evaluation reads, by exact name: a loader given a selection
/// still reads and checks all of a file (syntax, duplicates, lengths, every
/// uncertainty and interval, with the same errors at the same positions) but
/// keeps only these names, so a file of 10,000 metrics judged by 200 gates
/// builds 200 entries instead of 10,000.
///
/// It holds each gate's metric and its `_ci.low`/`_ci.high` siblings (they
/// become its interval, `MetricSet.attachSiblingIntervals`). What needs every
/// name cannot use one: pattern gates (their slices are found among all
/// names), the did-you-mean of a missing metric (`required`: when one is not
/// found, the caller loads everything again), the self-baseline check of
/// new-failures-only (it compares all numbers), `--aggregate`.
public struct MetricSelection: Sendable {
    let table: MetricNameTable
    /// The gates' metrics: a set without one of them is not enough for the report.
    let required: [String]

    static let siblingSuffixes = [Array("_ci.low".utf8), Array("_ci.high".utf8)]

    init(metrics: [String]) {
        var table = MetricNameTable(capacity: metrics.count * 3)
        // One buffer for every name; a sibling continues its metric's bytes and hash.
        var name: [UInt8] = []
        for metric in metrics {
            name.removeAll(keepingCapacity: true)
            name.append(contentsOf: metric.utf8)
            let length = name.count
            let hash = MetricNameTable.hash(name)
            _ = table.insert(name, length: length, hash: hash)
            for suffix in MetricSelection.siblingSuffixes {
                name.removeSubrange(length...)
                name.append(contentsOf: suffix)
                _ = table.insert(name, length: name.count, hash: MetricNameTable.hash(hash, name, length..<name.count))
            }
        }
        self.table = table
        required = metrics
    }

    /// Whether `name[0..<length]`, of hash `hash`, is wanted.
    func contains(_ name: [UInt8], length: Int, hash: UInt64) -> Bool {
        table.find(name, length: length, hash: hash) != nil
    }

    /// Whether `set` has every gate's metric (else a did-you-mean needs all names).
    func isComplete(_ set: MetricSet) -> Bool {
        required.allSatisfy { set[$0] != nil }
    }
}
