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

extension ClockTests {
    /// The clock is a value the caller passes: pinning one changes no other.
    func testAPinnedClockIsAValue() {
        let now = Clock(pinnedEpochSeconds: 1_795_132_800 + 3_600)
        XCTAssertEqual(now.nowUTC(), "2026-11-20T01:00:00Z")
        XCTAssertEqual(now.compactUTC(), "20261120T010000Z")
        XCTAssertEqual(now.today(), Clock.days(fromISODate: "2026-11-20"))
        // QGATE_TODAY pins the day alone: history times still come from QGATE_NOW or the system.
        let both = Clock(pinnedEpochSeconds: 1_795_132_800, pinnedDay: Clock.days(fromISODate: "2027-01-02"))
        XCTAssertEqual(both.today(), Clock.days(fromISODate: "2027-01-02"))
        XCTAssertEqual(both.nowUTC(), "2026-11-20T00:00:00Z")
        XCTAssertNil(Clock.system.pinnedEpochSeconds)
        XCTAssertNil(Clock.system.pinnedDay)
        XCTAssertGreaterThan(Clock.system.today(), Clock.days(fromISODate: "2026-01-01")!)
    }
}
