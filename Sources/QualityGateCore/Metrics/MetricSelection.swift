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

    init(metrics: [String]) {
        var table = MetricNameTable(capacity: metrics.count * 3)
        for metric in metrics {
            for name in [metric, metric + "_ci.low", metric + "_ci.high"] {
                let bytes = Array(name.utf8)
                _ = table.insert(bytes, length: bytes.count, hash: MetricNameTable.hash(bytes))
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
