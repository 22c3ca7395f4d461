import XCTest

@testable import QualityGateCore

/// Waivers are temporary and explained: a real `until` date (ASCII digits, a
/// calendar day), a reason that says something, and no more than the policy's
/// `max_waiver_days` (default 90, at most 365) ahead of today.
final class WaiverRulesTests: XCTestCase {
    let today = Clock.days(fromISODate: "2026-11-29")!

    func errors(_ text: String) -> [String] {
        do {
            _ = try PolicyLoader.parse(Array(text.utf8), file: "p.yaml", today: today)
            return []
        } catch let e as QGateErrors {
            return e.errors.map { e in "\(e.location.map { "\($0.line):\($0.column)" } ?? "-"): \(e.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    func gate(_ waiver: String, top: String = "") -> String {
        "version: 1\n\(top)gates:\n  - metric: a\n    min: 1\n    waiver: \(waiver)\n"
    }

    func testDatesAreStrictDigits() {
        XCTAssertNil(Clock.days(fromISODate: "2026-+1-+1"))
        XCTAssertNil(Clock.days(fromISODate: "+026-01-01"))
        XCTAssertNil(Clock.days(fromISODate: "2026-1-01"))
        XCTAssertNil(Clock.days(fromISODate: "２０２６-01-01"))
        XCTAssertNil(Clock.days(fromISODate: "2026-02-29"))
        XCTAssertEqual(Clock.days(fromISODate: "2028-02-29"), Clock.days(fromISODate: "2028-03-01")! - 1)
        XCTAssertEqual(errors(gate("{reason: x, until: '2026-+1-+1'}")), ["5:32: invalid waiver date `2026-+1-+1`"])
    }

    func testBlankReasonIsRefused() {
        XCTAssertEqual(errors(gate("{reason: '   ', until: 2026-12-31}")), ["5:22: a waiver needs a `reason` that is not blank"])
        XCTAssertEqual(errors(gate("{reason: \"\\t\\u3000\", until: 2026-12-31}")), ["5:22: a waiver needs a `reason` that is not blank"])
        XCTAssertEqual(errors(gate("{reason: '', until: 2026-12-31}")), ["5:22: a waiver needs a `reason` that is not blank"])
        XCTAssertEqual(errors(gate("{until: 2026-12-31}")), ["5:13: a waiver needs a `reason`"])
    }

    func testWaiverLengthIsBoundedFromToday() {
        // Default 90 days: 2027-02-27 is day 90, 2027-02-28 day 91.
        XCTAssertEqual(errors(gate("{reason: x, until: 2027-02-27}")), [])
        XCTAssertEqual(
            errors(gate("{reason: x, until: 2027-02-28}")),
            ["5:32: waiver runs until 2027-02-28, 91 days from today (2026-11-29); this policy allows at most 90 days"])
        XCTAssertEqual(errors(gate("{reason: x, until: 9999-12-31}")).first?.hasPrefix("5:32: waiver runs until 9999-12-31"), true)
        // Expired waivers are not too long: they simply no longer apply.
        XCTAssertEqual(errors(gate("{reason: x, until: 2020-01-01}")), [])
        // The policy may shorten or lengthen the limit, also below its gates.
        XCTAssertEqual(errors(gate("{reason: x, until: 2026-12-09}", top: "max_waiver_days: 7\n")).count, 1)
        let below = gate("{reason: x, until: 2027-06-01}") + "max_waiver_days: 365\n"
        XCTAssertEqual(errors(below), [])
        XCTAssertEqual(
            errors(gate("{reason: x, until: 2026-12-01}", top: "max_waiver_days: 400\n")),
            ["2:18: `max_waiver_days` must be a whole number of days from 1 to 365, found 400"])
        XCTAssertEqual(errors(gate("{reason: x, until: 2026-12-01}", top: "max_waiver_days: 0\n")).count, 1)
        XCTAssertEqual(
            errors(gate("{reason: x, until: 2026-12-01}", top: "max_waiver_days: 9.5\n")),
            ["2:18: `max_waiver_days` must be a whole number of days from 1 to 365, found a number"])
    }
}
