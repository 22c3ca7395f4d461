import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Integer IDs are told from integer and continuous features (`DistinctIntegers`):
/// every value an integer, all distinct, at least 100 of them, over a span of at
/// most n(n − 1)/10 — both directions, and both ways the reference is read.
final class DistinctIntegersTests: TemporaryDirectoryTestCase {
    private let defaultParts = CSVParts.count

    override func tearDownWithError() throws {
        FusedColumnScan.inMemoryValues = 16 << 20
        CSVParts.count = defaultParts
        CSVParts.minimumBytes = 4 << 20
        try super.tearDownWithError()
    }

    func check(_ values: [Double]) -> Bool {
        DistinctIntegers.check([values], lo: values.min() ?? 0, hi: values.max() ?? 0)
    }

    func testIntegerIDs() {
        let ids = (0..<100).map { (i: Int) -> Double in Double(100_001 + i) }
        XCTAssertTrue(check(ids))
        XCTAssertTrue(check(ids.reversed()), "order does not matter")
        XCTAssertTrue(check(Array(ids[50...] + ids[..<50])))
        XCTAssertFalse(check(Array(ids.dropLast())), "99 values: too few to tell")
        // A sample of customers: every 7th number (span 694 ≤ 100 · 99 / 10 = 990).
        XCTAssertTrue(check((0..<100).map { (i: Int) -> Double in Double(5_000 + 7 * i) }))
        XCTAssertTrue(check((0..<1000).map { (i: Int) -> Double in Double(-500 + i) }), "negative integers")
    }

    func testFeaturesAreNotIDs() {
        // Floats are distinct by nature.
        XCTAssertFalse(check((0..<200).map { (i: Int) -> Double in Double(i) + 0.5 }))
        let fractionsInside: [Double] = [0] + (1..<199).map { Double($0) + 0.5 } + [199]
        XCTAssertFalse(check(fractionsInside), "integer ends, fractions inside")
        // An age repeats (pigeonhole: 73 possible values on 200 rows).
        XCTAssertFalse(check((0..<200).map { (i: Int) -> Double in Double(18 + i % 73) }))
        // One repeated value.
        XCTAssertFalse(check((0..<200).map { (i: Int) -> Double in Double(i == 150 ? 3 : i) }))
        // An income in whole units, all distinct by chance over a wide span (100 rows, span 180,000 > 990).
        XCTAssertFalse(check((0..<100).map { (i: Int) -> Double in Double(20_000 + 1_800 * i) }))
        // Sparse beyond the span limit even with many rows: every 8th integer would need n ≥ 81.
        XCTAssertFalse(check((0..<100).map { (i: Int) -> Double in Double(1_000_000 * i) }))
        XCTAssertNil(DistinctIntegers(count: 1000, lo: 0, hi: Double(DistinctIntegers.maximumSpan)), "wider than 32 MiB of bits")
    }

    /// The reference read from a CSV: the ID column is flagged whether its values are held or read again.
    func testTheScanFlagsIntegerIDsHeldOrReadAgain() throws {
        var text = "customer_number,age,amount,x\n"
        for i in 0..<300 { text += "\(100_001 + (i * 7919) % 300),\(20 + i % 50),\(1000 + i * 3).25,\(i % 10)\n" }
        let path = try write("ref.csv", text)
        for held in [16 << 20, 0] {
            FusedColumnScan.inMemoryValues = held
            let columns = try DriftProfiler.reference(path: path, config: DriftConfig()).columns
            XCTAssertEqual(columns.map(\.distinctIntegers), [true, false, false, false], "held \(held)")
            let roles = ColumnRoles.assign(reference: columns, config: DriftConfig())
            XCTAssertEqual(roles.leftOut, [.init(name: "customer_number", role: .id, detected: .distinctIntegers)])
        }
    }

    func testTheScanFlagsIntegerIDsReadInParts() throws {
        var text = "customer_number,age\n"
        for i in 0..<300 { text += "\(100_001 + (i * 7919) % 300),\(20 + i % 50)\n" }
        let path = try write("ref.csv", text)
        CSVParts.count = 3
        CSVParts.minimumBytes = 1
        let before = FusedColumnScan.readInParts
        let columns = try DriftProfiler.reference(path: path, config: DriftConfig()).columns
        XCTAssertEqual(FusedColumnScan.readInParts - before, 1, "read in parts")
        XCTAssertEqual(columns.map(\.distinctIntegers), [true, false])
    }
}
