import XCTest

@testable import QualityGateCore

/// Categories with an expected current count below 5 share one bin (the
/// oracle, `merge_sparse` in dev/drift_oracle.py, checks the same rule on the
/// committed cases through DriftOracleTests, sparse_categories among them).
final class SparseCategoriesTests: XCTestCase {
    func testRareCategoriesShareTheLastBin() {
        // 100 current values: expected a 50, b 40, c 4, d 3, e (new) 0.
        let m = SparseCategories.merge(
            labels: ["a", "b", "c", "d", "e"], reference: [500, 400, 40, 30, 0], current: [40, 40, 5, 5, 10])
        XCTAssertEqual(m.labels, ["a", "b", "(other: 3 categories)"])
        XCTAssertEqual(m.reference, [500, 400, 70])
        XCTAssertEqual(m.current, [40, 40, 20])
        XCTAssertEqual(m.merged, ["c", "d", "e"])
    }

    func testOneRareCategoryOrAllRareAreLeftAsTheyAre() {
        let one = SparseCategories.merge(labels: ["a", "b", "c"], reference: [50, 49, 1], current: [50, 49, 1])
        XCTAssertEqual(one.labels, ["a", "b", "c"])
        XCTAssertEqual(one.merged, [])
        // Four current values: every category is rare; one bin would make PSI 0 whatever the data.
        let all = SparseCategories.merge(labels: ["a", "b", "c"], reference: [50, 30, 20], current: [0, 0, 4])
        XCTAssertEqual(all.labels, ["a", "b", "c"])
        XCTAssertEqual(all.merged, [])
    }

    /// 30 rare categories in 200 rows drifted on noise before (ε-smoothed empty bins); merged, they do not.
    func testAColumnOfRareCategoriesIsComparedMergedAndSaysSo() throws {
        func histogram(_ counts: [String: Int]) -> ColumnHistogram {
            var h = ColumnHistogram(name: "city", kind: .categorical)
            h.categoryCounts = counts
            h.rows = counts.values.reduce(0, +)
            return h
        }
        var reference = ["big": 5000]
        for i in 0..<30 { reference["c\(i)"] = 100 }  // expected current count 200 · 100/8000 = 2.5 each
        var current = ["big": 125]
        for i in 0..<25 { current["c\(i)"] = 3 }  // 5 categories unseen in this window
        let result = DriftResult.compare(
            reference: [histogram(reference)], current: [histogram(current)], extraCurrent: [], referenceRows: 8000, currentRows: 200,
            config: DriftConfig(), referenceSource: "r", currentSource: "c")
        let column = result.columns[0]
        XCTAssertEqual(column.labels, ["big", "(other: 30 categories)"])
        XCTAssertEqual(column.referenceCounts, [5000, 3000])
        XCTAssertEqual(column.currentCounts, [125, 75])
        XCTAssertEqual(try XCTUnwrap(column.psi), 0, accuracy: 1e-12)
        XCTAssertFalse(column.drifted)
        XCTAssertEqual(
            column.mergeNotice,
            "merged 30 categories of `city` with an expected current count below 5 into one bin: `c0`, `c1`, `c10`, `c11`, `c12`, … 25 more"
        )
        XCTAssertTrue(DriftReport.text(result).contains(try XCTUnwrap(column.mergeNotice)))
        XCTAssertTrue(DriftReport.json(result).contains("\"merged_categories\""))
    }
}
