import XCTest

@testable import QualityGateCore

/// The plain-decimal fast path of `CellValue.number` gives the correctly
/// rounded double (as strtod does) and leaves everything else to the full parser.
final class CellValueNumberTests: XCTestCase {
    func number(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { CellValue.number($0) }
    }

    func testPlainDecimalsAreCorrectlyRounded() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            let intDigits = Int(rng.next() % 12)
            let fracDigits = Int(rng.next() % 12)
            var s = ["", "-", "+"][Int(rng.next() % 3)]
            for _ in 0..<intDigits { s += String(rng.next() % 10) }
            if fracDigits > 0 || rng.next() % 2 == 0 { s += "." }
            for _ in 0..<fracDigits { s += String(rng.next() % 10) }
            let expected = intDigits + fracDigits == 0 ? nil : Double(s.hasPrefix("+") ? String(s.dropFirst()) : s)
            XCTAssertEqual(number(s)?.bitPattern, expected?.bitPattern, s)
        }
    }

    /// Digits are taken two at a time: a non-digit at an odd or even place, in either part, still refuses the cell.
    func testANonDigitAtAnyPlaceIsNotANumber() {
        let digits = "1234567890123456"
        for bad in ["a", "/", ":", " ", "-", "+"] {
            for cut in 0...digits.count {
                let s = String(digits.prefix(cut)) + bad + String(digits.dropFirst(cut))
                if cut > 0 || !"+-".contains(bad) { XCTAssertNil(number(s), s) }
                XCTAssertNil(number("7." + s), "7." + s)
            }
        }
        // Long random mantissas around the 19-digit limit of the fast path, bit for bit against Double(String).
        var rng = SplitMix64(seed: 9)
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<(1 + Int(rng.next() % 21)) { s += String(rng.next() % 10) }
            if rng.next() % 2 == 0 { s += "." + (0..<Int(rng.next() % 21)).map { _ in String(rng.next() % 10) }.joined() }
            XCTAssertEqual(number(s)?.bitPattern, Double(s)?.bitPattern, s)
        }
    }

    func testEdgesOfThePlainPath() {
        XCTAssertEqual(number("-0")?.sign, .minus)
        XCTAssertEqual(number("5."), 5)
        XCTAssertEqual(number(".5"), 0.5)
        XCTAssertNil(number("."))
        XCTAssertNil(number("-"))
        XCTAssertNil(number("1.2.3"))
        XCTAssertNil(number("12a"))
        // 20 digits, a mantissa past 2^53, 23 decimals and exponents take the full parser.
        XCTAssertEqual(number("12345678901234567890"), 12_345_678_901_234_567_890)
        XCTAssertEqual(number("9007199254740993"), 9_007_199_254_740_992)
        XCTAssertEqual(number("0.00000000000000000000001"), 1e-23)
        XCTAssertEqual(number("1.5e3"), 1500)
        XCTAssertEqual(number("1e999"), .infinity)
    }
}
