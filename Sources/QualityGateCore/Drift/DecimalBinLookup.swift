/// A reference column's bins for current cells written as plain decimals
/// (`CellValue.PlainDecimal`, `±m / 10^s`): the bin is found from the cell's
/// integer mantissa by integer comparisons, with no conversion to a double
/// (whose division was the costliest step of counting a current file).
///
/// Why it is exactly the bin `BinLookup` gives the cell's double: for m ≤ 2^53
/// the double is `±f(m)` with f(m) = m / 10^s correctly rounded
/// (`PlainDecimal.value`), and f is non-decreasing in m (the quotient grows
/// with m, and rounding to nearest never reverses an order). So for each edge
/// e the cells whose value lies above e are those of one range of mantissas:
/// - a positive cell: e < f(m) holds exactly when m ≥ P, the least m with f(m) > e;
/// - a negative cell: e < -f(m) (also for -0.0, which compares as 0) exactly
///   when f(m) < -e, that is when m < N, the least m with f(m) ≥ -e.
/// P and N (2^53 + 1 when no m qualifies) are found once per scale seen, by
/// evaluating f itself, so the thresholds share every rounding of f. The bin,
/// the number of edges below the value, is then the count of thresholds passed.
///
/// Only for ascending finite edges, at most `maximumEdges` of them (the
/// default 10 bins have 9), and no constant reference; `bin(of:)` is nil
/// otherwise and for mantissas above 2^53, and the caller converts the cell.
/// The thresholds are filled when a scale is first met, so a lookup belongs
/// to one reader (one thread); its memory is freed by `deallocate()`.
struct DecimalBinLookup {
    static let maximumEdges = 16
    /// `CellValue.PlainDecimal`'s scales: 0 ... 19.
    private static let scales = 20
    private static let beyond: UInt64 = (1 << 53) + 1

    private let edges: UnsafeMutableBufferPointer<Double>
    /// Per scale: nil until met, then P of each edge followed by N of each edge.
    private let thresholds: UnsafeMutableBufferPointer<UnsafeMutablePointer<UInt64>?>
    private let usable: Bool

    init(_ reference: ColumnHistogram) {
        let e = reference.edges
        usable =
            reference.kind == .numeric && reference.constant == nil && e.count <= Self.maximumEdges
            && zip(e, e.dropFirst()).allSatisfy { $0 < $1 } && e.allSatisfy(\.isFinite)
        edges = .allocate(capacity: usable ? e.count : 0)
        if usable { _ = edges.initialize(from: e) }
        thresholds = .allocate(capacity: Self.scales)
        thresholds.initialize(repeating: nil)
    }

    func deallocate() {
        for t in thresholds { t?.deallocate() }
        thresholds.deallocate()
        edges.deallocate()
    }

    /// The number of edges below the cell's value, or nil when this lookup cannot tell.
    @inline(__always) func bin(of cell: CellValue.PlainDecimal) -> Int? {
        guard usable, cell.mantissa <= 1 << 53 else { return nil }
        let n = edges.count
        let table = thresholds[cell.scale] ?? fill(scale: cell.scale)
        // Branch-free: the sign of a cell is as good as random, so a branch on it would be mispredicted.
        let negative = Int(truncatingIfNeeded: unsafeBitCast(cell.negative, to: UInt8.self))
        let t = table + negative &* n
        var passed = 0
        for i in 0..<n { passed &+= Int(truncatingIfNeeded: unsafeBitCast(cell.mantissa >= t[i], to: UInt8.self)) }
        // Positive: the P passed; negative: the N not passed.
        return passed &+ negative &* (n &- 2 &* passed)
    }

    /// P and N of every edge for `scale` (see the type's comment).
    @inline(never) private func fill(scale: Int) -> UnsafeMutablePointer<UInt64> {
        let n = edges.count
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, 2 * n))
        let f = { (m: UInt64) -> Double in CellValue.PlainDecimal(mantissa: m, scale: scale, negative: false).value! }
        let power = ClingerFastPath.powersOfTen[scale]
        for (i, e) in edges.enumerated() {
            table[i] = Self.least(near: e * power) { f($0) > e }
            table[n + i] = Self.least(near: -e * power) { f($0) >= -e }
        }
        thresholds[scale] = table
        return table
    }

    /// The least m in 0 ... 2^53 for which `holds` (false up to some m, true
    /// from there on), or 2^53 + 1 when there is none. `guess` only speeds the
    /// search up: outward from it by doubling steps, then halving.
    static func least(near guess: Double, _ holds: (UInt64) -> Bool) -> UInt64 {
        let top: UInt64 = 1 << 53
        let start: UInt64 = !(guess > 0) ? 0 : guess >= Double(top) ? top : UInt64(guess)
        // holds(hi) is true (or hi == beyond), holds(lo) false (or lo is "-1", kept as nil).
        var lo: UInt64?
        var hi = beyond
        var step: UInt64 = 1
        if holds(start) {
            hi = start
            while hi > 0 {
                let probe = hi >= step ? hi - step : 0
                if !holds(probe) {
                    lo = probe
                    break
                }
                hi = probe
                step &*= 2
            }
        } else {
            lo = start
            while true {
                let probe = lo! + step
                if probe > top { break }
                if holds(probe) {
                    hi = probe
                    break
                }
                lo = probe
                step &*= 2
            }
        }
        guard var low = lo else { return hi }  // holds(0)
        while hi - low > 1 {
            let mid = low + (hi - low) / 2
            if holds(mid) { hi = mid } else { low = mid }
        }
        return hi
    }
}
