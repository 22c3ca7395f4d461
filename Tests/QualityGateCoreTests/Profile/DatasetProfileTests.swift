import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `qgate profile`'s readiness metrics, computed by hand for small CSVs.
final class DatasetProfileTests: TemporaryDirectoryTestCase {
    /// 2026-11-24, as QGATE_TODAY=2026-11-24 pins it.
    let today = Clock.days(fromISODate: "2026-11-24")!

    func profile(_ csv: String, label: String? = nil, timestamp: String? = nil) throws -> [String] {
        let path = try write("data.csv", csv)
        let list = try ProfileRequest(path: path, label: label, timestamp: timestamp, today: today).run()
        return list.entries.map { "\($0.name)=\($0.value.map { String($0) } ?? "null")" }
    }

    func testEveryMetricOfASmallFile() throws {
        // Row 4 repeats row 3; `note` is missing in three rows (empty, NA, NA);
        // the newest timestamp is 23:30 UTC two days ago.
        let csv = """
            id,y,ts,const,note
            1,a,2026-11-20,k,x
            2,b,2026-11-22T23:30:00Z,k,
            3,a,,k,NA
            3,a,,k,NA
            4,,2026-11-01,k,y

            """
        XCTAssertEqual(
            try profile(csv, label: "y", timestamp: "ts"),
            [
                "data.rows=5.0",
                "data.column_count=5.0",
                "data.column.id.missing_share=0.0",
                "data.column.y.missing_share=0.2",
                "data.column.ts.missing_share=0.4",
                "data.column.const.missing_share=0.0",
                "data.column.note.missing_share=0.6",
                "data.missing_share=0.6",
                "data.duplicate_row_share=0.2",
                "data.constant_columns=1.0",
                "data.classes.a=3.0",
                "data.classes.b=1.0",
                "data.class_count=2.0",
                "data.minority_class_share=0.25",
                "data.min_rows_per_class=1.0",
                "data.age_days=2.0"
            ])
    }

    func testWithoutLabelOrTimestampOnlyTheTableMetrics() throws {
        XCTAssertEqual(
            try profile("a,b\n1,2\n3,2\n"),
            [
                "data.rows=2.0", "data.column_count=2.0", "data.column.a.missing_share=0.0", "data.column.b.missing_share=0.0",
                "data.missing_share=0.0", "data.duplicate_row_share=0.0", "data.constant_columns=1.0"
            ])
    }

    func testEveryMissingTokenCountsAndAllMissingIsConstant() throws {
        let rows = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"].map { "1,\($0)" }.joined(separator: "\n")
        let metrics = try profile("a,b\n" + rows + "\n")
        XCTAssertTrue(metrics.contains("data.column.b.missing_share=1.0"), "\(metrics)")
        XCTAssertTrue(metrics.contains("data.constant_columns=2.0"), "\(metrics)")
        // Eight identical rows would be 7 duplicates; the tokens differ, so none are.
        XCTAssertTrue(metrics.contains("data.duplicate_row_share=0.0"), "\(metrics)")
    }

    /// Field boundaries are part of a row's identity: `ab,c` is not `a,bc`.
    func testDuplicatesRespectFieldBoundaries() throws {
        let metrics = try profile("a,b\nab,c\na,bc\nab,c\n")
        XCTAssertTrue(metrics.contains("data.duplicate_row_share=\(String(1.0 / 3))"), "\(metrics)")
    }

    func testUndefinedSharesAreNull() throws {
        XCTAssertEqual(
            try profile("y\na\na\n", label: "y").suffix(4),
            [
                "data.classes.a=2.0", "data.class_count=1.0", "data.minority_class_share=null", "data.min_rows_per_class=null"
            ])
        XCTAssertEqual(
            try profile("y,ts\n", label: "y", timestamp: "ts"),
            [
                "data.rows=0.0", "data.column_count=2.0", "data.column.y.missing_share=null", "data.column.ts.missing_share=null",
                "data.missing_share=null", "data.duplicate_row_share=null", "data.constant_columns=2.0",
                "data.class_count=0.0", "data.minority_class_share=null", "data.min_rows_per_class=null", "data.age_days=null"
            ])
    }

    /// A day ahead is time-zone skew (age 0); two days ahead is an error at the cell.
    func testFutureTimestamps() throws {
        XCTAssertEqual(try profile("ts\n2026-11-25T10:00:00Z\n", timestamp: "ts").last, "data.age_days=0.0")
        XCTAssertThrowsError(try profile("id,ts\n1,2026-11-20\n2,2026-11-26\n", timestamp: "ts")) { error in
            let e = error as? any QGateError
            XCTAssertEqual(e?.message, "the newest timestamp in `\(dir)/data.csv` is 2026-11-26, 2 days in the future")
            XCTAssertEqual(e?.location, SourceLocation(file: dir + "/data.csv", line: 3, column: 3))
        }
    }

    func testUnknownLabelColumn() throws {
        XCTAssertThrowsError(try profile("a,b\n1,2\n", label: "y")) { error in
            XCTAssertEqual((error as? any QGateError)?.location, SourceLocation(file: dir + "/data.csv", line: 1, column: 1))
            XCTAssertTrue("\(error)".contains("no label column `y`"), "\(error)")
        }
    }
}
