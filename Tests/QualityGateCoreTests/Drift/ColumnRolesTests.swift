import XCTest

@testable import QualityGateCore

/// Which columns `qgate drift` leaves out without being told, and that an
/// explicit role or `features` always wins over detection.
final class ColumnRolesTests: XCTestCase {
    func categorical(_ name: String, _ values: [String]) -> ColumnHistogram {
        var h = ColumnHistogram(name: name, kind: .categorical)
        for v in values { h.categoryCounts[v, default: 0] += 1 }
        h.rows = values.count
        return h
    }

    func testIDNames() {
        for name in ["id", "ID", "uuid", "order_id", "order-id", "order id", "orderId", "orderID", "session_uuid", "GUID"] {
            XCTAssertTrue(ColumnRoles.isIDName(name), name)
        }
        for name in ["paid", "grid", "VALID", "idle", "ids", "fluid_level", "", "i"] {
            XCTAssertFalse(ColumnRoles.isIDName(name), name)
        }
    }

    func testDistinctTextIsAnIDFromAHundredValues() {
        let ninetyNine = categorical("code", (0..<99).map { "c\($0)" })
        XCTAssertNil(ColumnRoles.detect(ninetyNine))
        let hundred = categorical("code", (0..<100).map { "c\($0)" })
        XCTAssertEqual(ColumnRoles.detect(hundred)?.1, .distinctValues)
        let repeated = categorical("code", (0..<200).map { "c\($0 % 150)" })
        XCTAssertNil(ColumnRoles.detect(repeated))
    }

    func testISOTimestampsAreTimestamps() {
        let days = categorical("when", ["2026-11-24", "2026-11-24T08:30:00Z", "2026-11-25 08:30:00.123+01:00"])
        XCTAssertEqual(ColumnRoles.detect(days)?.0, .timestamp)
        let mixed = categorical("when", ["2026-11-24", "yesterday"])
        XCTAssertNil(ColumnRoles.detect(mixed))
    }

    func testExplicitRolesOverrideDetection() {
        let reference = [
            categorical("order_id", ["a", "b"]), categorical("when", ["2026-11-24"]), categorical("x", ["a"]),
            categorical("score", ["1"])
        ]
        var config = DriftConfig()
        config.features = ["order_id"]
        config.id = ["x", "only_in_current"]
        config.prediction = "score"
        let roles = ColumnRoles.assign(reference: reference, config: config)
        XCTAssertEqual(
            roles.leftOut,
            [
                .init(name: "when", role: .timestamp, detected: .isoTimestamps), .init(name: "x", role: .id, detected: nil),
                .init(name: "only_in_current", role: .id, detected: nil)
            ])
        XCTAssertEqual(roles.role(of: "order_id"), .feature)
        XCTAssertEqual(roles.role(of: "score"), .prediction)
    }
}
