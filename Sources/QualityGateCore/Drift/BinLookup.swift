/// A reference column's bins, ready for counting millions of values: the bin
/// is found by a branch-free binary search (every value takes the same path of
/// loads and conditional moves, so nothing is mispredicted) and equals
/// `ColumnHistogram.bin(of:)` for every value. Edges that are not ascending and
/// finite (only a degenerate interpolation can make them) keep that function's
/// search. A plain value (no reference counting in a hot loop): its edges are
/// allocated by `init` and freed by `deallocate()`.
struct BinLookup {
    private let edges: UnsafeMutableBufferPointer<Double>
    private let constant: Double?
    private let branchFree: Bool

    init(_ reference: ColumnHistogram) {
        constant = reference.constant
        edges = .allocate(capacity: reference.edges.count)
        _ = edges.initialize(from: reference.edges)
        branchFree =
            zip(reference.edges, reference.edges.dropFirst()).allSatisfy { $0 < $1 } && reference.edges.allSatisfy(\.isFinite)
    }

    func deallocate() { edges.deallocate() }

    /// Number of edges strictly below `v` (for a constant reference: v < c, v = c, v > c).
    @inline(__always) func bin(of v: Double) -> Int {
        if let c = constant { return v < c ? 0 : (v == c ? 1 : 2) }
        var n = edges.count
        if n == 0 { return 0 }
        let e = edges.baseAddress!
        guard branchFree else {
            // `Binning.bin(of:edges:)`'s search, step for step.
            var lo = 0
            while lo < n {
                let mid = (lo + n) >> 1
                if e[mid] < v { lo = mid + 1 } else { n = mid }
            }
            return lo
        }
        // A comparison as 0 or 1, so that the compiler cannot turn it back into a branch.
        @inline(__always) func below(_ edge: Double) -> Int { Int(truncatingIfNeeded: unsafeBitCast(edge < v, to: UInt8.self)) }
        if n <= 16 {
            // Few edges (10 bins: 9): count them all, no dependent loads.
            var count = 0
            for i in 0..<n { count &+= below(e[i]) }
            return count
        }
        var base = 0
        // The answer stays in base...base + n; each step halves n.
        while n > 1 {
            let half = n >> 1
            base &+= below(e[base + half]) &* half
            n -= half
        }
        return base + below(e[base])
    }
}
