/// Bin edges from a reference sample: quantile edges as numpy's default
/// `np.quantile(x, k/bins)` ('linear') computes them, or equal-width edges as
/// `np.linspace(min, max, bins + 1)`, both de-duplicated. A value's bin is the
/// number of edges strictly below it (`np.searchsorted(edges, v, 'left')`).
public enum Binning {
    /// Interior edges for `bins` quantile bins; reorders `values` in place.
    public static func quantileEdges(_ values: inout [Double], bins: Int) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        OrderStatistics.select(&values, positions: quantileRanks(count: n, bins: bins))
        return quantileEdges(count: n, bins: bins) { values[$0] }
    }

    /// The ranks (0-based positions in ascending order) whose values the
    /// quantile edges of `n` values are interpolated from.
    static func quantileRanks(count n: Int, bins: Int) -> [Int] {
        var needed = Set<Int>()
        for (lower, _) in quantilePositions(count: n, bins: bins) {
            needed.insert(lower)
            needed.insert(Swift.min(lower + 1, n - 1))
        }
        return needed.sorted()
    }

    /// Interior edges for `bins` quantile bins of `n` values, from the value at
    /// each rank `quantileRanks` names (however it was found).
    static func quantileEdges(count n: Int, bins: Int, valueAt rank: (Int) -> Double) -> [Double] {
        guard n > 0 else { return [] }
        return unique(
            quantilePositions(count: n, bins: bins).map { lower, gamma in
                lerp(rank(lower), rank(Swift.min(lower + 1, n - 1)), gamma)
            })
    }

    /// For each edge k/bins: the lower index and weight of numpy's 'linear' interpolation.
    private static func quantilePositions(count n: Int, bins: Int) -> [(lower: Int, gamma: Double)] {
        (1..<bins).map { k in
            let virtual = Double(n - 1) * (Double(k) / Double(bins))
            let lower = Int(virtual.rounded(.down))
            return (lower, virtual - Double(lower))
        }
    }

    /// numpy's `_lerp`: a + (b − a)·t, computed from b when t ≥ 0.5.
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let d = b - a
        return t >= 0.5 ? b - d * (1 - t) : a + d * t
    }

    public static func equalWidthEdges(min lo: Double, max hi: Double, bins: Int) -> [Double] {
        let step = (hi - lo) / Double(bins)
        return unique((1..<bins).map { Double($0) * step + lo })
    }

    /// Removes repeats from ascending edges (quantiles of ties coincide).
    static func unique(_ ascending: [Double]) -> [Double] {
        var out: [Double] = []
        for e in ascending where out.last != e { out.append(e) }
        return out
    }

    /// Number of edges strictly below `v`.
    @inline(__always) public static func bin(of v: Double, edges: [Double]) -> Int {
        var lo = 0
        var hi = edges.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if edges[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// In-place selection of several order statistics at once (multi-quickselect):
/// O(n log k) instead of sorting, which matters for a million-row reference.
enum OrderStatistics {
    static func select(_ a: inout [Double], positions: [Int]) {
        guard !a.isEmpty, !positions.isEmpty else { return }
        // Pivots from a fixed-seed generator: no input order (sorted, organ-pipe…)
        // can make the selection quadratic, and results stay reproducible.
        var rng = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        a.withUnsafeMutableBufferPointer { p in
            select(p, lo: 0, hi: p.count - 1, positions: positions[...], rng: &rng)
        }
    }

    private static func select(
        _ a: UnsafeMutableBufferPointer<Double>, lo: Int, hi: Int, positions: ArraySlice<Int>,
        rng: inout SplitMix64
    ) {
        var lo = lo
        var hi = hi
        var positions = positions
        while lo < hi && !positions.isEmpty {
            if hi - lo < 16 {
                // Small ranges: insertion sort.
                var i = lo + 1
                while i <= hi {
                    let x = a[i]
                    var j = i - 1
                    while j >= lo && a[j] > x {
                        a[j + 1] = a[j]
                        j -= 1
                    }
                    a[j + 1] = x
                    i += 1
                }
                return
            }
            // Median of three random elements, then a three-way partition (many ties are common).
            let span = UInt64(hi - lo + 1)
            let x = a[lo + Int(rng.next() % span)]
            let y = a[lo + Int(rng.next() % span)]
            let z = a[lo + Int(rng.next() % span)]
            let pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y))
            var lt = lo
            var i = lo
            var gt = hi
            while i <= gt {
                let v = a[i]
                if v < pivot {
                    a.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if v > pivot {
                    a.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            // [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            let left = positions.filter { $0 < lt }
            let right = positions.filter { $0 > gt }
            if !left.isEmpty && !right.isEmpty {
                select(a, lo: lo, hi: lt - 1, positions: left[...], rng: &rng)
                lo = gt + 1
                positions = right[...]
            } else if !left.isEmpty {
                hi = lt - 1
                positions = left[...]
            } else {
                lo = gt + 1
                positions = right[...]
            }
        }
    }
}
