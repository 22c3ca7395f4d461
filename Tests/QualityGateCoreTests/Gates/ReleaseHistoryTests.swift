import XCTest

@testable import QualityGateCore

extension ReleaseHistory {
    /// Six releases of `metric` (0, x, 0, x, 0, 0) whose five changes x, −x, x, −x, 0
    /// have a sample standard deviation of exactly |x|: the tests' way to give a
    /// `max_regression_sigma` gate a known σ.
    static func withSigma(_ x: Double, metric: String = "m") -> ReleaseHistory {
        ReleaseHistory(
            source: "test",
            releases: [0, x, 0, x, 0, 0].enumerated().map { Release(version: "v\($0.offset + 1)", metrics: [metric: $0.element]) })
    }
}

final class ReleaseHistoryTests: XCTestCase {
    func testChangesAreBetweenConsecutiveReleasesOfTheWindow() {
        let h = ReleaseHistory(
            source: "t",
            releases: [
                .init(version: "a", metrics: ["m": 1]), .init(version: "b", metrics: ["m": 3]), .init(version: "c", metrics: [:]),
                .init(version: "d", metrics: ["m": 4]), .init(version: "e", metrics: ["m": 2])
            ])
        XCTAssertEqual(h.changes(of: "m", window: 20), [2, -2])
        // The last 3 releases (c, d, e): c lacks the metric, so only d → e.
        XCTAssertEqual(h.changes(of: "m", window: 3), [-2])
        XCTAssertEqual(h.changes(of: "m", window: 2), [-2])
        XCTAssertEqual(h.changes(of: "other", window: 20), [])
    }

    func testTheSigmaHelperHasExactlyThatSigma() {
        for x in [0.004, 1, 3e-300, 1e300, 0.1] {
            let w = SigmaWindow.measure(.withSigma(x), metric: "m", settings: HistoryWindow())
            XCTAssertEqual(w.sigma, x)
            XCTAssertEqual(w.changes, 5)
            XCTAssertEqual(w.releases, 6)
        }
    }

    func testStandardDeviationIsTheSampleOne() {
        XCTAssertEqual(SigmaWindow.standardDeviation([1, 2, 3, 4]), (5.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(SigmaWindow.standardDeviation([0.02, 0.02, 0.02]), 0)
        XCTAssertEqual(SigmaWindow.standardDeviation([0, 0]), 0)
        // Huge changes do not overflow the sum of squares.
        XCTAssertEqual(SigmaWindow.standardDeviation([1e300, -1e300]) / 1e300, 2.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(SigmaWindow.standardDeviation([.infinity, 1]), .infinity)
        XCTAssert(SigmaWindow.standardDeviation([.nan, 1]).isNaN)
    }
}
