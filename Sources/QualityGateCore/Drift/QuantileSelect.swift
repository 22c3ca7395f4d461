/// Exact order statistics (the values at given ranks of the ascending order)
/// of a column read as a stream, possibly several times, in memory that does
/// not grow with the column: a radix select on each value's order-preserving
/// 64-bit key.
///
/// The first pass counts values by the top bits of their key. The buckets that
/// hold a wanted rank are then either collected (their values kept, and the
/// rank selected among them) or, when too many values share one, narrowed by
/// the next 16 bits in another pass, until every wanted rank is found; a range
/// narrowed to one key is one value, so heavy ties end there. A column of
/// millions of values needs two passes and keeps a few thousand of them.
///
/// Keys order values as `<` does, with −0 counted as +0 (the two are equal to
/// `<`), so the values found are those a full sort would put at those ranks.
struct QuantileSelect {
    /// Bits of the first pass's buckets: 16, fewer when many columns share the memory.
    let topBits: Int
    /// First pass: values per top bucket (dropped once the wanted ranks are placed).
    private var histogram: [Int]
    private(set) var count = 0
    /// Value at each wanted rank found so far.
    private(set) var found: [Int: Double] = [:]
    /// False when a later pass did not see the values of the first (the file changed).
    private(set) var consistent = true
    private var tasks: [Range] = []
    /// Top buckets that hold a range read in this pass.
    private var marked: [Bool] = []
    /// Kept for `binCounts`: the first pass's counts, and the values of the top buckets collected whole.
    private let keepsCounts: Bool
    private var topCounts: [Int] = []
    private var collectedTop: [Int: [Double]] = [:]

    /// The values whose keys start with `prefix` (`bits` long), and the ranks wanted among them.
    private struct Range {
        var prefix: UInt64
        var bits: Int
        /// Values with a smaller key than any in the range.
        var below: Int
        var count: Int
        var ranks: [Int]
        var inPass = false
        /// This pass: the range's values, or (when `narrowBits` > 0) counts by the next bits.
        var collected: [Double] = []
        var narrowBits = 0
        var narrowed: [Int] = []
    }

    /// `keepsCounts`: keep what `binCounts` needs (the first pass's counts, 8 bytes a bucket, and the
    /// values collected), for values held in memory; a select within a memory budget drops them.
    init(topBits: Int = 16, keepsCounts: Bool = false) {
        self.topBits = topBits
        self.keepsCounts = keepsCounts
        histogram = [Int](repeating: 0, count: 1 << topBits)
    }

    /// The order-preserving key: flip every bit of a negative value, only the sign bit of a positive one.
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        // Adding +0 turns −0 into +0 and changes no other value.
        let b = (x + 0).bitPattern
        return b >> 63 == 1 ? ~b : b | (1 << 63)
    }

    static func value(ofKey k: UInt64) -> Double {
        Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
    }

    /// First pass: counts one finite value.
    @inline(__always) mutating func add(_ x: Double) {
        histogram[Int(truncatingIfNeeded: Self.key(x) >> UInt64(64 - topBits))] += 1
        count += 1
    }

    /// First pass over values held in memory.
    mutating func add(contentsOf values: [Double]) {
        let shift = UInt64(64 - topBits)
        histogram.withUnsafeMutableBufferPointer { h in
            for x in values { h[Int(truncatingIfNeeded: Self.key(x) >> shift)] += 1 }
        }
        count += values.count
    }

    /// A later pass over values held in memory.
    mutating func visit(contentsOf values: [Double]) {
        let shift = UInt64(64 - topBits)
        for x in values {
            let k = Self.key(x)
            if marked[Int(truncatingIfNeeded: k >> shift)] { visitMarked(k, x + 0) }
        }
    }

    /// After the first pass: the ranks (ascending, each below `count`) to find.
    mutating func want(_ ranks: [Int]) {
        tasks = Self.split(histogram, prefix: 0, bits: 0, step: topBits, below: 0, ranks: ranks)
        if keepsCounts { topCounts = histogram }
        histogram = []
        resolveSingleKeys()
    }

    /// Every wanted rank has its value.
    var isDone: Bool { tasks.isEmpty }

    /// Chooses the ranges this pass reads: collected while their values fit
    /// `budget` (bytes, shared with the other columns), otherwise narrowed.
    /// A range that fits neither waits for a later pass.
    mutating func plan(budget: inout Int) {
        if marked.isEmpty { marked = [Bool](repeating: false, count: 1 << topBits) }
        for i in tasks.indices {
            let narrowBits = min(16, 64 - tasks[i].bits)
            tasks[i].inPass = true
            if tasks[i].count * 8 <= budget {
                budget -= tasks[i].count * 8
                tasks[i].narrowBits = 0
                tasks[i].collected.reserveCapacity(tasks[i].count)
            } else if (8 << narrowBits) <= budget {
                budget -= 8 << narrowBits
                tasks[i].narrowBits = narrowBits
                tasks[i].narrowed = [Int](repeating: 0, count: 1 << narrowBits)
            } else {
                tasks[i].inPass = false
                continue
            }
            marked[Int(truncatingIfNeeded: tasks[i].prefix >> UInt64(tasks[i].bits - topBits))] = true
        }
    }

    /// A later pass: reads one finite value (the same values as the first pass, in any order).
    @inline(__always) mutating func visit(_ x: Double) {
        let k = Self.key(x)
        guard marked[Int(truncatingIfNeeded: k >> UInt64(64 - topBits))] else { return }
        visitMarked(k, x + 0)
    }

    private mutating func visitMarked(_ k: UInt64, _ x: Double) {
        for i in tasks.indices where tasks[i].inPass && k >> UInt64(64 - tasks[i].bits) == tasks[i].prefix {
            if tasks[i].narrowBits == 0 {
                tasks[i].collected.append(x)
            } else {
                let shift = UInt64(64 - tasks[i].bits - tasks[i].narrowBits)
                tasks[i].narrowed[Int(truncatingIfNeeded: (k >> shift) & ((1 << UInt64(tasks[i].narrowBits)) - 1))] += 1
            }
            return  // ranges do not overlap
        }
    }

    /// After a later pass: finds the ranks of the collected ranges, narrows the others.
    mutating func endPass() {
        var next: [Range] = []
        for var t in tasks {
            guard t.inPass else {
                next.append(t)
                continue
            }
            if t.narrowBits == 0 {
                guard t.collected.count == t.count else {
                    consistent = false
                    continue
                }
                let positions = t.ranks.map { $0 - t.below }
                OrderStatistics.select(&t.collected, positions: positions)
                for (rank, p) in zip(t.ranks, positions) { found[rank] = t.collected[p] }
                if keepsCounts && t.bits == topBits { collectedTop[Int(truncatingIfNeeded: t.prefix)] = t.collected }
            } else {
                guard t.narrowed.reduce(0, +) == t.count else {
                    consistent = false
                    continue
                }
                next += Self.split(t.narrowed, prefix: t.prefix, bits: t.bits, step: t.narrowBits, below: t.below, ranks: t.ranks)
            }
        }
        tasks = next
        marked = []
        resolveSingleKeys()
    }

    /// The values in each bin of `edges` (a value's bin: the number of edges
    /// below it), without reading the values again: the values at most an
    /// edge are those of the top buckets before the edge's bucket (the first
    /// pass's counts) and those of its bucket compared one by one (collected
    /// whole, as a quantile edge's bucket holds a wanted rank; between two
    /// adjacent ranks' buckets lie only empty ones). Nil without `keepsCounts`,
    /// for edges not ascending and finite, or when an edge's bucket has values
    /// that were not collected whole (narrowed): then count them by reading.
    func binCounts(edges: [Double]) -> [Int]? {
        guard keepsCounts, !topCounts.isEmpty, edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        let shift = UInt64(64 - topBits)
        var counts: [Int] = []
        var bucket = 0
        var before = 0  // values in the buckets before `bucket`
        var previous = 0  // values at most the previous edge
        for e in edges {
            let b = Int(truncatingIfNeeded: Self.key(e) >> shift)
            while bucket < b {
                before += topCounts[bucket]
                bucket += 1
            }
            var atMost = before
            if topCounts[b] > 0 {
                guard let values = collectedTop[b], values.count == topCounts[b] else { return nil }
                for x in values where x <= e { atMost += 1 }
            }
            counts.append(atMost - previous)
            previous = atMost
        }
        counts.append(count - previous)
        return counts
    }

    /// A range narrowed to a whole key holds copies of one value.
    private mutating func resolveSingleKeys() {
        tasks.removeAll { t in
            guard t.bits == 64 else { return false }
            for r in t.ranks { found[r] = Self.value(ofKey: t.prefix) }
            return true
        }
    }

    /// The sub-ranges of a range (`prefix`, `bits`) whose counts by the next
    /// `step` bits are `counts`, that hold `ranks`.
    private static func split(_ counts: [Int], prefix: UInt64, bits: Int, step: Int, below: Int, ranks: [Int]) -> [Range] {
        var out: [Range] = []
        var bucket = 0
        var before = below  // values in buckets before `bucket`
        for r in ranks {
            while before + counts[bucket] <= r {
                before += counts[bucket]
                bucket += 1
            }
            let sub = (prefix << UInt64(step)) | UInt64(bucket)
            if let last = out.last, last.prefix == sub {
                out[out.count - 1].ranks.append(r)
            } else {
                out.append(Range(prefix: sub, bits: bits + step, below: before, count: counts[bucket], ranks: [r]))
            }
        }
        return out
    }
}
