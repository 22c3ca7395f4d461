import XCTest

@testable import QualityGateCore

/// The hash set behind the selective scan's duplicate check: it must agree
/// with a `Set<UInt64>` through growth, except that 0 and 1 are one entry.
final class MetricHashSetTests: XCTestCase {
    func testAgreesWithASetOfHashes() {
        var set = MetricHashSet(capacity: 2)
        var reference = Set<UInt64>()
        var state: UInt64 = 7
        for i in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Every fourth hash repeats an earlier one (small values), as a duplicate name would.
            let hash = i % 4 == 0 ? (state >> 50) + 2 : state
            XCTAssertEqual(set.insert(hash), reference.insert(hash).inserted, "\(i)")
        }
        XCTAssertEqual(set.count, reference.count)
    }

    /// 0 marks an empty slot, so 0 is stored as 1: the two read as one name
    /// (the scan then declines to the tree path, which compares names).
    func testZeroIsStoredAsOne() {
        var set = MetricHashSet()
        XCTAssertTrue(set.insert(0))
        XCTAssertFalse(set.insert(0))
        XCTAssertFalse(set.insert(1))
        XCTAssertTrue(set.insert(2))
    }
}
