import XCTest

@testable import QualityGateCore

/// The byte-keyed name set behind the selective metrics scan: it must agree
/// with a `Set<String>` through growth, prefixes and hash collisions.
final class MetricNameTableTests: XCTestCase {
    func testAgreesWithASetOfStrings() {
        var table = MetricNameTable(capacity: 2)
        var reference = Set<String>()
        var state: UInt64 = 1
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let name = "m\(state >> 52).x" + String(repeating: "é", count: Int(state >> 62))
            let bytes = Array(name.utf8)
            let hash = MetricNameTable.hash(bytes)
            XCTAssertEqual(table.insert(bytes + [0x2E], length: bytes.count, hash: hash), reference.insert(name).inserted, name)
            XCTAssertNotNil(table.find(bytes, length: bytes.count, hash: hash), name)
        }
        XCTAssertEqual(table.count, reference.count)
        // A prefix, a longer name and a name whose hash is forced to collide are not found.
        let name = Array("m1.x".utf8)
        if table.find(name, length: name.count, hash: MetricNameTable.hash(name)) != nil {
            XCTAssertNil(table.find(name, length: 2, hash: MetricNameTable.hash(name)))
            XCTAssertNil(table.find(name + [0x41], length: 5, hash: MetricNameTable.hash(name)))
        }
        // Continuing a hash over a key equals hashing the whole name.
        let whole = Array("a.b.c".utf8)
        let prefix = MetricNameTable.hash(MetricNameTable.emptyHash, whole, 0..<4)
        XCTAssertEqual(MetricNameTable.hash(prefix, whole, 4..<5), MetricNameTable.hash(whole))
    }
}
