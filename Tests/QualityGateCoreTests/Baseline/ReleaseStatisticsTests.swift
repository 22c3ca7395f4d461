import XCTest

@testable import QualityGateCore

/// ReleaseStatistics on a history written before times had to be in order.
final class ReleaseStatisticsOrderTests: XCTestCase {
    func testRecordsOutOfTimeOrderAreSorted() throws {
        func promotion(_ seq: Int, _ time: String) -> HistoryRecord {
            var r = HistoryRecord(seq: seq, event: .promote, time: time, model: "m", prevSHA256: HistoryRecord.genesis)
            r.metrics = [("accuracy", 0.9)]
            return r
        }
        let s = try ReleaseStatistics.compute(
            [promotion(1, "2026-11-10T00:00:00Z"), promotion(2, "2026-11-01T00:00:00Z")],
            model: "m", since: nil, policy: nil)
        XCTAssertEqual(s.releaseIntervals, [9], "intervals in time order, never negative")
    }
}
