import XCTest

@testable import QualityGateCore

/// `DecimalBinLookup` bins a plain decimal cell from its digits; the bin must
/// be, for every cell, the one `BinLookup` gives the cell's double: cells on
/// an edge (which go to the lower bin), a few units of the last digit either
/// side of each edge at every scale, both signs, zeros, and mantissas at 2^53.
final class DecimalBinLookupTests: XCTestCase {
    private let edgeLists: [[Double]] = [
        [-1000.125, -2.5, -1.1, -0.1, 0.0, 0.1, 0.1 + 0.2, 1.1, 2.5, 1e15 + 0.5],
        [-0.0],
        [0.0],
        [1e-19, 5e-19, 1e-10, 0.3333333333333333],
        [-1e300, 1e300],
        [-9_007_199_254_740_992, 9_007_199_254_740_991, 9_007_199_254_740_992],
        [-0.75, -0.5, -0.25, 0.25, 0.5, 0.75],
        [],
        (0..<16).map { Double($0) * 0.7 - 5 }
    ]

    /// `±m / 10^s` written as a plain decimal.
    private func cell(_ m: UInt64, scale s: Int, negative: Bool) -> String {
        var digits = String(m)
        if digits.count <= s { digits = String(repeating: "0", count: s - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -s)
        let text = s == 0 ? digits : digits[..<point] + "." + digits[point...]
        return (negative ? "-" : "") + text
    }

    /// The cells near each edge at each scale, and on it.
    private func cells(near edges: [Double]) -> [String] {
        var out = ["0", "-0", "0.0", "-0.0", "+0", "9007199254740992", "-9007199254740992", "900719925474099.2", "0.0000000000000000001"]
        for e in edges {
            for s in [0, 1, 2, 3, 6, 9, 15, 16, 17, 18, 19] {
                let guess = (abs(e) * ClingerFastPath.powersOfTen[s]).rounded()
                guard guess < 1e19 else { continue }
                let m0 = UInt64(guess)
                for m in m0 >= 3 ? m0 - 3...m0 + 3 : 0...m0 + 3 {
                    out.append(cell(m, scale: s, negative: e < 0))
                    out.append(cell(m, scale: s, negative: e >= 0))
                }
            }
            out.append(String(e.description))
        }
        return out
    }

    private func lookups(_ edges: [Double]) -> (DecimalBinLookup, BinLookup) {
        var h = ColumnHistogram(name: "x", kind: .numeric)
        h.edges = edges
        return (DecimalBinLookup(h), BinLookup(h))
    }

    func testEveryCellNearAnEdgeGetsTheBinOfItsDouble() {
        var checked = 0
        for edges in edgeLists {
            let (decimal, double) = lookups(edges)
            defer {
                decimal.deallocate()
                double.deallocate()
            }
            for text in cells(near: edges) {
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { b in
                    guard let d = CellValue.plainDecimal(b), let bin = decimal.bin(of: d) else { return }
                    XCTAssertEqual(bin, double.bin(of: CellValue.number(b)!), "\(text) in \(edges)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 3000)
    }

    /// A value on an edge goes to the lower bin: a threshold off by one mantissa would move it up. `0.7` is
    /// above the double 0.7 (0.69999999999999995559…) yet is that double, so it is on the edge: comparing
    /// the decimal with the edge exactly would put it in the bin above.
    func testCellsOnAnEdgeGoToTheLowerBin() {
        let (decimal, _) = lookups([-2.5, -1.1, 0.0, 0.1, 0.7, 1.1, 2.5])
        defer { decimal.deallocate() }
        let expected = [
            "-2.5": 0, "-2.50": 0, "-2.500000": 0, "-2.4999999": 1, "-1.1": 1, "-1.10": 1, "-1.0999999999": 2,
            "0": 2, "-0": 2, "0.0": 2, "-0.0": 2, "0.0000001": 3, "0.1": 3, "0.100": 3, "0.1000000000000001": 4,
            "0.6999999999999999": 4, "0.7": 4, "0.7000000000000000": 4, "0.7000000000000001": 5, "1.1": 5,
            "1.100000000000001": 6, "2.5": 6, "2.500000000000001": 7
        ]
        for (text, bin) in expected {
            let got = Array(text.utf8).withUnsafeBufferPointer { b in CellValue.plainDecimal(b).flatMap { decimal.bin(of: $0) } }
            XCTAssertEqual(got, bin, text)
        }
    }

    func testRandomCellsGetTheBinOfTheirDouble() {
        var rng = SplitMix64(seed: 20)
        let edges = (0..<9).map { Double($0) * 0.37 - 1.5 }.map { ($0 * 1e6).rounded() / 1e6 }
        let (decimal, double) = lookups(edges)
        defer {
            decimal.deallocate()
            double.deallocate()
        }
        for _ in 0..<200_000 {
            let s = Int(rng.next() % 10)
            let m = rng.next() % (4 * UInt64(ClingerFastPath.powersOfTen[s]))
            let text = cell(m, scale: s, negative: rng.next() & 1 == 1)
            Array(text.utf8).withUnsafeBufferPointer { b in
                let d = CellValue.plainDecimal(b)!
                XCTAssertEqual(decimal.bin(of: d), double.bin(of: CellValue.number(b)!), text)
            }
        }
    }

    /// Columns the thresholds do not cover are left to the double (nil), as are mantissas above 2^53.
    func testWhatItCannotTellIsNil() {
        var constant = ColumnHistogram(name: "c", kind: .numeric)
        constant.constant = 1
        var wide = ColumnHistogram(name: "w", kind: .numeric)
        wide.edges = (0..<17).map(Double.init)
        var unordered = ColumnHistogram(name: "u", kind: .numeric)
        unordered.edges = [1, 0]
        var infinite = ColumnHistogram(name: "i", kind: .numeric)
        infinite.edges = [0, .infinity]
        var plain = ColumnHistogram(name: "p", kind: .numeric)
        plain.edges = [0]
        for (h, cell, known) in [
            (constant, "1", false), (wide, "1", false), (unordered, "1", false), (infinite, "1", false),
            (plain, "9007199254740993", false), (plain, "9007199254740992", true)
        ] {
            let lookup = DecimalBinLookup(h)
            defer { lookup.deallocate() }
            let bin = Array(cell.utf8).withUnsafeBufferPointer { lookup.bin(of: CellValue.plainDecimal($0)!) }
            XCTAssertEqual(bin != nil, known, "\(h.name) \(cell)")
        }
    }

    func testLeastFindsTheFirstTrueFromAnyGuess() {
        let top: UInt64 = 1 << 53
        for answer in [0, 1, 2, 5, 1000, top - 1, top, top + 1] {
            for guess in [-1.0, 0, 1, 3, 999, 1001, 1e15, 9e15, 1e20, .nan] {
                XCTAssertEqual(DecimalBinLookup.least(near: guess) { $0 >= answer }, answer, "answer \(answer) guess \(guess)")
            }
        }
    }
}
