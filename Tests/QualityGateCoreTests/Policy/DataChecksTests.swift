import XCTest

@testable import QualityGateCore

/// The policy's `data:` section: what it reads, and every refusal with its position.
final class DataChecksTests: XCTestCase {
    let gates = "gates:\n  - metric: a\n    min: 1\n"

    func checks(_ data: String) throws -> DataChecks? {
        try PolicyLoader.parse(Array(("version: 1\n" + data + gates).utf8), file: "p.yaml", today: 20_000).data
    }

    /// `file:line:col: error: message` of every error, without hints.
    func errors(_ data: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try checks(data)
            XCTFail("policy accepted", file: file, line: line)
            return []
        } catch let many as QGateErrors {
            return many.errors.map { e in
                let text = e.description
                return String(text.prefix { $0 != "\n" }.split(separator: " — ", maxSplits: 1)[0])
            }
        } catch {
            return ["\(error)"]
        }
    }

    func testEveryCheckAndTheSeverity() throws {
        let c = try XCTUnwrap(
            checks("data:\n  min_rows: 1000\n  max_age_days: 0\n  max_missing_share: 0.05\n  min_class_share: 0.1\n  severity: warning\n"))
        XCTAssertEqual(c.minRows, 1000)
        XCTAssertEqual(c.maxAgeDays, 0)
        XCTAssertEqual(c.maxMissingShare, DataChecks.MissingShareLimits(otherColumns: 0.05))
        XCTAssertEqual(c.maxMissingShare?.isOverall, true)
        XCTAssertEqual(c.minClassShare, 0.1)
        XCTAssertEqual(c.severity, .warning)
        XCTAssertNil(try checks(""), "no section, no checks")
    }

    func testPerColumnMissingShares() throws {
        let c = try XCTUnwrap(checks("data:\n  max_missing_share:\n    income: 0.2\n    default: 0.01\n    a.b: 0\n"))
        XCTAssertEqual(c.severity, .critical)
        XCTAssertEqual(
            c.maxMissingShare,
            DataChecks.MissingShareLimits(otherColumns: 0.01, columns: [.init(name: "income", limit: 0.2), .init(name: "a.b", limit: 0)]))
        XCTAssertEqual(c.maxMissingShare?.isOverall, false)
    }

    func testRefusalsWithTheirPositions() {
        XCTAssertEqual(errors("data:\n  min_row: 10\n"), ["p.yaml:3:3: error: unknown key `min_row` in `data`"])
        XCTAssertEqual(errors("data: 3\n"), ["p.yaml:2:7: error: `data` must be a mapping of dataset checks, found an integer"])
        XCTAssertEqual(errors("data:\n  severity: warning\n"), ["p.yaml:3:3: error: `data` has no check: it would pass every dataset"])
        XCTAssertEqual(errors("data:\n  min_rows: 0\n"), ["p.yaml:3:13: error: `min_rows` must be a whole number >= 1, found 0"])
        XCTAssertEqual(errors("data:\n  min_rows: 1.5\n"), ["p.yaml:3:13: error: `min_rows` must be a whole number >= 1, found 1.5"])
        XCTAssertEqual(
            errors("data:\n  max_age_days: seven\n"),
            ["p.yaml:3:17: error: `max_age_days` must be a whole number >= 0, found a string `seven`"])
        XCTAssertEqual(
            errors("data:\n  max_missing_share: 5\n"), ["p.yaml:3:22: error: `max_missing_share` must be a share from 0 to 1, found 5"])
        XCTAssertEqual(
            errors("data:\n  max_missing_share: {income: -0.1}\n"),
            ["p.yaml:3:31: error: `max_missing_share` of column `income` must be a share from 0 to 1, found -0.1"])
        XCTAssertEqual(
            errors("data:\n  max_missing_share: {default: 2}\n"),
            ["p.yaml:3:32: error: `max_missing_share` of the other columns must be a share from 0 to 1, found 2"])
        XCTAssertEqual(
            errors("data:\n  max_missing_share: {}\n"),
            ["p.yaml:3:22: error: `max_missing_share` is an empty mapping: it checks no column"])
        XCTAssertEqual(
            errors("data:\n  max_missing_share: {2024: 0.1}\n"),
            ["p.yaml:3:23: error: column names in `max_missing_share` must be strings, found an integer"])
        XCTAssertEqual(
            errors("data:\n  min_class_share: 0.6\n"),
            ["p.yaml:3:20: error: `min_class_share` must be a share above 0 and at most 0.5, found 0.6"])
        XCTAssertEqual(
            errors("data:\n  min_class_share: 0\n"),
            ["p.yaml:3:20: error: `min_class_share` must be a share above 0 and at most 0.5, found 0"])
        XCTAssertEqual(errors("data:\n  min_rows: 1\n  severity: info\n"), ["p.yaml:4:13: error: invalid severity `info`"])
    }

    func testUnknownKeySuggestsTheKnownOne() throws {
        do {
            _ = try checks("data:\n  max_age_day: 7\n")
            XCTFail("accepted")
        } catch let many as QGateErrors {
            XCTAssertEqual(many.errors.map { $0.hint ?? "" }, ["did you mean `max_age_days`?"])
        }
    }

    func testSchemaHasTheSameKeys() throws {
        let schema = PolicySchema.rendered()
        for key in DataChecks.keys { XCTAssertTrue(schema.contains("\"\(key)\""), key) }
        XCTAssertTrue(schema.contains("\"data\": {\n      \"$ref\": \"#/$defs/data\""), schema)
    }
}
