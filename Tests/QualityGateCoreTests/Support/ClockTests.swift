import XCTest
@testable import QualityGateCore

/// Times as history records write them: RFC 3339 with a four-digit year.
final class ClockTests: XCTestCase {
    func testFormatPadsTheYearAndRoundTrips() {
        XCTAssertEqual(Clock.format(epochSeconds: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(Clock.format(epochSeconds: 1_795_132_800), "2026-11-20T00:00:00Z")
        XCTAssertEqual(Clock.format(epochSeconds: -30_610_310_400), "0999-12-31T00:00:00Z")
        for t in [0, 86_399, 1_795_132_800, 253_402_300_799] {
            XCTAssertEqual(Clock.epochSeconds(fromISO: Clock.format(epochSeconds: t)), t)
        }
        XCTAssertEqual(Clock.epochSeconds(fromISO: "2026-11-20T23:30:00-02:00"), 1_795_132_800 + 86_400 + 5_400)
        XCTAssertNil(Clock.epochSeconds(fromISO: "2026-11-20T24:00:00Z"))
    }
}
