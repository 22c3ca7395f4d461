import XCTest

@testable import QualityGateCore

/// The one owner of numbers in human reports: exact text, significant digits,
/// and the rule that a rounded value never lands on the wrong side of its bound.
final class NumberFormattingTests: XCTestCase {
    func testExactIsTheShortestRoundTripTextAndIntegersHaveNoFraction() {
        XCTAssertEqual(NumberFormatting.exact(0.7213333333333334), "0.7213333333333334")
        XCTAssertEqual(NumberFormatting.exact(1000), "1000")
        XCTAssertEqual(NumberFormatting.exact(-3), "-3")
        XCTAssertEqual(NumberFormatting.exact(.nan), "NaN")
        XCTAssertEqual(NumberFormatting.exact(-.infinity), "-Infinity")
    }

    func testSignificantDigits() {
        XCTAssertEqual(NumberFormatting.rounded(0.7213333333333334), "0.721333")
        XCTAssertEqual(NumberFormatting.rounded(0.7213333333333334, significantDigits: 3), "0.721")
        XCTAssertEqual(NumberFormatting.rounded(0.6958333333333333, significantDigits: 1), "0.7")
        XCTAssertEqual(NumberFormatting.rounded(-0.5789180562925206), "-0.578918")
        XCTAssertEqual(NumberFormatting.rounded(1.234567890123e-10), "1.23457e-10")
        XCTAssertEqual(NumberFormatting.rounded(46.343199999999996), "46.3432")
        XCTAssertEqual(NumberFormatting.rounded(0.698), "0.698")
        // Integers keep every digit they have and print without a fraction; huge ones round.
        XCTAssertEqual(NumberFormatting.rounded(1000), "1000")
        XCTAssertEqual(NumberFormatting.rounded(123_456_789), "123457000")
        XCTAssertEqual(NumberFormatting.rounded(1.2345678e300), "1.23457e+300")
        XCTAssertEqual(NumberFormatting.rounded(0), "0")
        XCTAssertEqual(NumberFormatting.rounded(.infinity), "Infinity")
        // 17 digits is every digit.
        XCTAssertEqual(NumberFormatting.rounded(0.7213333333333334, significantDigits: 17), "0.7213333333333334")
    }

    func testPrecisions() {
        XCTAssertEqual(ReportPrecision.human.number(0.7213333333333334), "0.721333")
        XCTAssertEqual(ReportPrecision(significantDigits: 2).number(0.7213333333333334), "0.72")
        XCTAssertEqual(ReportPrecision.full.number(0.7213333333333334), "0.7213333333333334")
        // A difference is rounded even in full precision: 0.884 − 0.871 is 0.013.
        XCTAssertEqual(ReportPrecision.full.difference(0.884 - 0.871), "0.013")
        XCTAssertEqual(ReportPrecision(significantDigits: 17).difference(0.884 - 0.871), "0.013000000000000012")
    }

    /// 0.91999999 fails min 0.92 but rounds to 0.92 at 6 digits: digits are added
    /// until the printed value fails the printed bound too.
    func testAValueThatFailsItsBoundIsNeverPrintedOnTheBound() {
        let below: (Double, Double) -> Bool = { v, _ in v < 0.92 }
        XCTAssertEqual(ReportPrecision.human.compared(0.91999999, against: 0.92, agreeing: below).value, "0.91999999")
        XCTAssertEqual(ReportPrecision.human.compared(0.9199996, against: 0.92, agreeing: below).value, "0.9199996")
        XCTAssertEqual(ReportPrecision.human.compared(0.92 - 1e-16, against: 0.92, agreeing: below).value, "0.9199999999999999")
        // Far from the bound nothing changes.
        XCTAssertEqual(ReportPrecision.human.compared(0.7213333333333334, against: 0.92, agreeing: below).value, "0.721333")
        // A bound that is rounded too (a relative one) gets the same digits as the value.
        let shown = ReportPrecision.human.compared(0.760000010, against: 0.760000040) { v, b in v < b }
        XCTAssertEqual(shown.value, "0.76000001")
        XCTAssertEqual(shown.bound, "0.76000004")
        // Full precision prints both exactly.
        XCTAssertEqual(ReportPrecision.full.compared(0.91999999, against: 0.92, agreeing: below).value, "0.91999999")
    }

    /// Reading the kept digits back without text gives the very double the text
    /// would: integers up to 2^53 against every power of ten the fast path takes.
    func testDigitsAreReadBackAsTheirTextWouldBe() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bits = Int.random(in: 1...53, using: &rng)
            let magnitude = Double(UInt64.random(in: 0..<(UInt64(1) << UInt64(bits)), using: &rng))
            let digits = Bool.random(using: &rng) ? magnitude : -magnitude
            let exponent = Int.random(in: -22...22, using: &rng)
            let fast = NumberFormatting.decimal(digits, exponent: exponent)
            XCTAssertEqual(fast, Double("\(Int64(digits))e\(exponent)"), "\(digits)e\(exponent)")
        }
        XCTAssertEqual(NumberFormatting.decimal(9_007_199_254_740_992, exponent: -3), Double("9007199254740992e-3"))
        XCTAssertNil(NumberFormatting.decimal(9_007_199_254_740_994, exponent: -3))
        XCTAssertNil(NumberFormatting.decimal(5, exponent: -23))
        XCTAssertEqual(NumberFormatting.roundedValue(0.013000000000000012, significantDigits: 6), 0.013)
    }
}
