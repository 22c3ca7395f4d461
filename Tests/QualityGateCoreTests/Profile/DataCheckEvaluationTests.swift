import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Each `data:` check against the metrics `ProfileRequest` computes: pass,
/// fail and undefined (which fails), with the exact values compared.
final class DataCheckEvaluationTests: TemporaryDirectoryTestCase {
    let today = Clock.days(fromISODate: "2026-11-24")!

    /// Five rows: `y` has classes a (3) and b (1) and one missing label; `note`
    /// is missing in 3 of 5 rows (0.6), `y` in 1 (0.2), `ts` in 2 (0.4); the
    /// newest timestamp is 2026-11-22 (age 2).
    let csv = """
        id,y,ts,note
        1,a,2026-11-20,x
        2,b,2026-11-22T23:30:00Z,
        3,a,,NA
        4,a,,NA
        5,,2026-11-01,y

        """

    func evaluate(
        _ checks: DataChecks, csv: String? = nil, label: String? = "y", timestamp: String? = "ts"
    ) throws -> DataCheckEvaluation {
        let path = try write("data.csv", csv ?? self.csv)
        let metrics = try ProfileRequest(path: path, label: label, timestamp: timestamp, today: today).run()
        return DataCheckEvaluation(checks, metrics: metrics, source: path)
    }

    func checks(rows: Int? = nil, age: Int? = nil, missing: DataChecks.MissingShareLimits? = nil, classShare: Double? = nil) -> DataChecks {
        var c = DataChecks()
        c.minRows = rows
        c.maxAgeDays = age
        c.maxMissingShare = missing
        c.minClassShare = classShare
        return c
    }

    func findings(_ e: DataCheckEvaluation) -> [String] {
        e.results.map { r in "\(r.passed ? "pass" : "FAIL") \(DataCheckReport.label(r)): \(DataCheckReport.finding(r))" }
    }

    func testMinRowsAtAndAboveTheLimit() throws {
        XCTAssertEqual(findings(try evaluate(checks(rows: 5))), ["pass min_rows: data.rows 5 ≥ 5"])
        let short = try evaluate(checks(rows: 6))
        XCTAssertEqual(findings(short), ["FAIL min_rows: data.rows 5 < 6"])
        XCTAssertFalse(short.passed)
        XCTAssertEqual(short.results[0].finding, .value(5))
    }

    func testFreshnessPassFailAndUndefined() throws {
        XCTAssertEqual(findings(try evaluate(checks(age: 2))), ["pass max_age_days: data.age_days 2 ≤ 2"])
        XCTAssertEqual(findings(try evaluate(checks(age: 1))), ["FAIL max_age_days: data.age_days 2 > 1"])
        let unprofiled = try evaluate(checks(age: 30), timestamp: nil)
        XCTAssertEqual(unprofiled.results[0].finding, .notProfiled)
        XCTAssertEqual(findings(unprofiled), ["FAIL max_age_days: data.age_days was not computed: pass --timestamp COLUMN to check it"])
        XCTAssertFalse(unprofiled.passed)
        let noTimes = try evaluate(checks(age: 30), csv: "id,ts\n1,\n2,NA\n", label: nil)
        XCTAssertEqual(noTimes.results[0].finding, .undefined)
        XCTAssertEqual(
            findings(noTimes),
            ["FAIL max_age_days: data.age_days is null (no timestamp in the data): cannot show max_age_days 30 is met"])
    }

    func testOverallMissingShareIsTheLargestColumn() throws {
        let limits = DataChecks.MissingShareLimits(otherColumns: 0.6)
        XCTAssertEqual(findings(try evaluate(checks(missing: limits))), ["pass max_missing_share: data.missing_share 0.6 ≤ 0.6"])
        let tight = DataChecks.MissingShareLimits(otherColumns: 0.5)
        XCTAssertEqual(findings(try evaluate(checks(missing: tight))), ["FAIL max_missing_share: data.missing_share 0.6 > 0.5"])
        let empty = try evaluate(checks(missing: limits), csv: "id,ts\n", label: nil)
        XCTAssertEqual(
            findings(empty),
            ["FAIL max_missing_share: data.missing_share is null (the data has no rows): cannot show max_missing_share 0.6 is met"])
    }

    func testPerColumnLimitsAndTheOthers() throws {
        let limits = DataChecks.MissingShareLimits(
            otherColumns: 0.3, columns: [.init(name: "note", limit: 0.6), .init(name: "income", limit: 0.1)])
        let e = try evaluate(checks(missing: limits))
        XCTAssertEqual(
            findings(e),
            [
                "pass max_missing_share (note): data.column.note.missing_share 0.6 ≤ 0.6",
                "FAIL max_missing_share (income): the data has no column `income` (data.column.income.missing_share)",
                // id 0, y 0.2, ts 0.4: ts decides.
                "FAIL max_missing_share (default, 3 other columns): data.column.ts.missing_share 0.4 > 0.3"
            ])
        XCTAssertEqual(e.failed.count, 2)
        // Every column named: no `default` result.
        let all = DataChecks.MissingShareLimits(
            otherColumns: 0, columns: ["id", "y", "ts", "note"].map { .init(name: $0, limit: 1) })
        XCTAssertEqual(try evaluate(checks(missing: all)).results.count, 4)
        XCTAssertTrue(try evaluate(checks(missing: all)).passed)
    }

    func testClassShareOfTheRarestClass() throws {
        // b: 1 of the 4 labelled rows.
        XCTAssertEqual(findings(try evaluate(checks(classShare: 0.25))), ["pass min_class_share: data.minority_class_share 0.25 ≥ 0.25"])
        XCTAssertEqual(findings(try evaluate(checks(classShare: 0.3))), ["FAIL min_class_share: data.minority_class_share 0.25 < 0.3"])
        XCTAssertEqual(
            findings(try evaluate(checks(classShare: 0.1), label: nil)),
            ["FAIL min_class_share: data.minority_class_share was not computed: pass --label COLUMN to check it"])
        XCTAssertEqual(
            findings(try evaluate(checks(classShare: 0.1), csv: "id,y\n1,a\n2,a\n", timestamp: nil)),
            [
                "FAIL min_class_share: data.minority_class_share is null (fewer than two label classes): cannot show min_class_share 0.1 is met"
            ])
    }

    func testWarningSeverityReportsButPasses() throws {
        var c = checks(rows: 10, age: 30)
        c.severity = .warning
        let e = try evaluate(c)
        XCTAssertTrue(e.passed)
        XCTAssertEqual(e.failed.map(\.check), [.minRows])
        XCTAssertEqual(DataCheckReport.verdict(e), "PASSED with warnings: 1 of 2 data checks failed (warning): min_rows")
        c.severity = .critical
        XCTAssertEqual(DataCheckReport.verdict(try evaluate(c)), "BLOCKED: 1 of 2 data checks failed (critical): min_rows")
        XCTAssertEqual(DataCheckReport.verdict(try evaluate(checks(rows: 1))), "PASSED: all 1 data check passed")
    }

    func testGitHubOutputs() throws {
        let e = try evaluate(checks(rows: 10, age: 30))
        XCTAssertEqual(
            DataCheckReport.githubOutputs(e, delimiter: "EOF"),
            "data_checks_passed=false\nfailed_checks<<EOF\nmin_rows: data.rows 5 < 10 (critical)\nEOF\n")
        XCTAssertEqual(
            DataCheckReport.githubOutputs(try evaluate(checks(rows: 1)), delimiter: "EOF"),
            "data_checks_passed=true\nfailed_checks<<EOF\nEOF\n")
    }
}
