import XCTest

@testable import QualityGateCore

/// Policy errors matched by kind: what went wrong, whatever the wording.
final class PolicyErrorKindTests: XCTestCase {
    func kinds(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [ErrorKind] {
        thrownKinds(PolicyArea.self, file: file, line: line) { _ = try PolicyLoader.parse(Array(text.utf8), file: "p.yaml", today: 20_000) }
    }

    func testDocumentShape() {
        XCTAssertEqual(kinds(""), ["emptyPolicy"])
        XCTAssertEqual(kinds("- 1\n"), ["policyNotAMapping"])
        XCTAssertEqual(kinds("model: m\n"), ["missingVersion", "missingGates"])
        XCTAssertEqual(kinds("version: 2\ngates: []\n"), ["unsupportedVersion", "emptyGates"])
    }

    func testKeysAndValues() {
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n    mni: 0.9\n"), ["unknownKey"])
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n    min: '0.9'\n"), ["notANumber"])
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n    min: 0.9\n    severity: fatal\n"), ["invalidChoice"])
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n    max_regression: -1\n"), ["negativeTolerance"])
    }

    func testGateRules() {
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n    min: 0.9\n    max: 0.5\n"), ["contradictoryBounds"])
        XCTAssertEqual(kinds("version: 1\ngates:\n  - metric: a\n"), ["gateWithoutCondition"])
        XCTAssertEqual(
            kinds("version: 1\ngates:\n  - name: g\n    metric: a\n    min: 1\n  - name: g\n    metric: b\n    min: 1\n"),
            ["duplicateGateName"])
        XCTAssertEqual(
            kinds("version: 1\ngates:\n  - metric: a\n    min: 0.9\n    significance: 0.05\n"),
            ["significanceWithoutRelativeCondition"])
    }

    func testWaiverAndDrift() {
        let waiver = "version: 1\ngates:\n  - metric: a\n    min: 0.9\n    waiver: {reason: known, until: '2099-01-01'}\n"
        XCTAssertEqual(kinds(waiver), ["waiverTooLong"])
        XCTAssertEqual(
            kinds("version: 1\ngates:\n  - metric: a\n    min: 0.9\n    waiver: {until: '2024-10-01'}\n"),
            ["waiverWithoutReason"])
        XCTAssertEqual(kinds("version: 1\ndrift: 3\ngates:\n  - metric: a\n    min: 0.9\n"), ["driftNotAMapping"])
        XCTAssertEqual(kinds("version: 1\ndrift: {bins: 1}\ngates:\n  - metric: a\n    min: 0.9\n"), ["invalidBins"])
    }

    /// The same message from two places keeps one kind; the hint may differ.
    func testOneKindPerMessage() {
        let threshold = kinds("version: 1\ngates:\n  - metric: a\n    min: x\n")
        let limit = kinds("version: 1\ngates:\n  - metric: a\n    min: 0.9\n    min_n: x\n")
        XCTAssertEqual(threshold, ["notANumber"])
        XCTAssertEqual(limit, ["notANumber"])
    }
}
