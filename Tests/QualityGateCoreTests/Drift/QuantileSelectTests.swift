import XCTest

@testable import QualityGateCore

/// The radix select must find exactly the edges the full selection finds
/// (`Binning.quantileEdges`, numpy's 'linear' quantiles), whatever the values.
final class QuantileSelectTests: XCTestCase {
    /// Edges through `QuantileSelect`, each later pass given `budget` bytes
    /// (small budgets force ranges to be narrowed instead of collected).
    /// Also the counts per bin `binCounts` derives, when it can.
    static func radixEdges(
        _ values: [Double], bins: Int, budget: Int = 32 << 20, topBits: Int = 16
    ) -> (edges: [Double], passes: Int, counts: [Int]?) {
        var select = QuantileSelect(topBits: topBits, keepsCounts: true)
        for x in values { select.add(x) }
        select.want(Binning.quantileRanks(count: values.count, bins: bins))
        var passes = 1
        while !select.isDone {
            var left = budget
            select.plan(budget: &left)
            for x in values { select.visit(x) }
            select.endPass()
            passes += 1
        }
        XCTAssertTrue(select.consistent)
        let found = select.found
        let edges = Binning.quantileEdges(count: values.count, bins: bins) { found[$0]! }
        return (edges, passes, select.binCounts(edges: edges))
    }

    /// The values per bin of `edges`, counted one by one.
    static func countedBins(_ values: [Double], edges: [Double]) -> [Int] {
        var h = ColumnHistogram(name: "x", kind: .numeric)
        h.edges = edges
        var counts = [Int](repeating: 0, count: h.binCount)
        for x in values { counts[h.bin(of: x)] += 1 }
        return counts
    }

    static func fullSelectionEdges(_ values: [Double], bins: Int) -> [Double] {
        var copy = values
        return Binning.quantileEdges(&copy, bins: bins)
    }

    /// `derives`: `binCounts` must give the counts at least once (not when every edge's bucket is narrowed).
    func check(
        _ values: [Double], _ what: String, budgets: [Int] = [32 << 20, 8 << 16], derives: Bool = true, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        var derived = 0
        defer { if derives { XCTAssertGreaterThan(derived, 0, "\(what): counts derived at least once", file: file, line: line) } }
        for bins in [2, 3, 10, 97] {
            let expected = Self.fullSelectionEdges(values, bins: bins)
            for budget in budgets {
                for topBits in [16, 3] {
                    let radix = Self.radixEdges(values, bins: bins, budget: budget, topBits: topBits)
                    let got = radix.edges
                    if let counts = radix.counts {
                        XCTAssertEqual(
                            counts, Self.countedBins(values, edges: got),
                            "\(what), \(bins) bins, budget \(budget), \(topBits) top bits: counts",
                            file: file, line: line)
                        derived += 1
                    }
                    // Bit for bit, except that −0 is found as +0 (equal to `<`, and to the full selection's arbitrary pick).
                    XCTAssertEqual(
                        got.map { ($0 + 0).bitPattern }, expected.map { ($0 + 0).bitPattern },
                        "\(what), \(bins) bins, budget \(budget), \(topBits) top bits", file: file, line: line)
                    XCTAssertFalse(got.contains { $0 == 0 && $0.sign == .minus }, "\(what): no −0 edge", file: file, line: line)
                }
            }
        }
    }

    func testRandomInputsWithTiesGiveTheFullSelectionsEdges() {
        var rng = SplitMix64(seed: 20)
        for trial in 0..<60 {
            let n = 1 + Int(rng.next() % 3000)
            let distinct = 1 + Int(rng.next() % 40)
            let values: [Double] = (0..<n).map { _ in
                switch trial % 4 {
                case 0: return Double(Int(rng.next() % UInt64(distinct)) - distinct / 2)  // heavy ties, both signs
                case 1: return Double(bitPattern: rng.next() >> 2) * (rng.next() % 2 == 0 ? 1 : -1)  // any magnitude
                case 2: return (Double(rng.next() % 1_000_000) / 1_000_000 - 0.5) * 1e-300  // tiny, subnormal-ish
                default: return Double(rng.next() % 1000) / 7  // one bucket holds many
                }
            }.filter(\.isFinite)
            guard !values.isEmpty else { continue }
            check(values, "trial \(trial) (n = \(values.count))")
        }
    }

    func testNegativeZeroAllEqualAndExtremeValues() {
        check([0, -0.0, 0, -0.0, 1, -1, -0.0], "±0")
        check([Double](repeating: -0.0, count: 50), "all −0")
        check([Double](repeating: 3.25, count: 1000), "all equal")
        check([-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude], "extremes")
        check([1, 2], "two values")
        check([42], "one value")
        check((0..<500).map { Double($0).nextUp } + (0..<500).map(Double.init), "neighbours")
    }

    func testLargeColumnsNeedTwoPassesOrNarrowTheirHeavyBuckets() {
        var rng = SplitMix64(seed: 7)
        // 100,000 values in [1, 2) (one 16-bit bucket per 1/16): collected in pass two.
        let spread = (0..<100_000).map { _ in 1 + Double(rng.next() >> 11) / Double(1 << 53) }
        check(spread, "spread", budgets: [8 << 16])
        XCTAssertEqual(Self.radixEdges(spread, bins: 10).passes, 2)
        XCTAssertNotNil(Self.radixEdges(spread, bins: 10).counts, "counts derived without another pass")
        // Two values close enough to share 16 + 16 + 16 bits, each many times, next to a spread: narrowed until found.
        let ties = [Double](repeating: 1.5, count: 40_000) + [Double](repeating: 1.5.nextUp, count: 40_000) + spread.prefix(1000)
        check(ties, "ties", budgets: [8 << 16], derives: false)
        XCTAssertGreaterThan(Self.radixEdges(ties, bins: 10, budget: 8 << 16).passes, 2)
        XCTAssertNil(Self.radixEdges(ties, bins: 10, budget: 8 << 16).counts, "an edge's bucket was narrowed: counted by reading")
    }

    func testBranchFreeBinsCountAsTheBinarySearch() {
        var rng = SplitMix64(seed: 3)
        for m in [0, 1, 2, 3, 7, 8, 9, 100] {
            var h = ColumnHistogram(name: "x", kind: .numeric)
            h.edges = Binning.unique((0..<m).map { _ in Double(rng.next() % 50) }.sorted())
            let lookup = BinLookup(h)
            defer { lookup.deallocate() }
            for v in stride(from: -1.0, through: 51, by: 0.5) {
                XCTAssertEqual(lookup.bin(of: v), h.bin(of: v), "\(h.edges) at \(v)")
            }
        }
        var constant = ColumnHistogram(name: "c", kind: .numeric)
        constant.constant = 2
        let lookup = BinLookup(constant)
        defer { lookup.deallocate() }
        XCTAssertEqual([1.0, 2, 3].map(lookup.bin(of:)), [0, 1, 2])
    }
}
