import XCTest

@testable import QualityGateCore

/// The one rule for a number shown next to its bound (Reports/NumberAgainstBound.swift).
final class NumberAgainstBoundTests: XCTestCase {
    func testRoundingNeverPutsAValueOnOrAcrossItsBound() {
        let human = ReportPrecision.human
        XCTAssertEqual(human.number(0.2000004, against: 0.2), "0.2000004")
        XCTAssertEqual(human.number(0.1999996, against: 0.2), "0.1999996")
        XCTAssertEqual(human.number(0.2, against: 0.2), "0.2")
        XCTAssertEqual(human.number(0.123456789, against: 0.2), "0.123457")
        XCTAssertEqual(ReportPrecision(significantDigits: 2).number(0.2049, against: 0.2), "0.205")
        XCTAssertEqual(ReportPrecision(significantDigits: 2).number(0.2049, against: 0.3), "0.2")
        XCTAssertEqual(ReportPrecision.full.number(0.2000004, against: 0.2), "0.2000004")
    }
}
