import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Errors about CSV cells and header names point at the cell: its line and
/// its column in Unicode scalars, as LineTable counts everywhere else (issue 16,
/// bug 4: cells were reported at column 1 of their record's first line).
final class CSVLocationTests: TemporaryDirectoryTestCase {

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `line:column message` of the error `body` throws.
    func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let e as any QGateError {
            return "\(e.location.map { "\($0.line):\($0.column)" } ?? "-") \(e.message)"
        } catch { return "\(error)" }
    }

    func testFieldPositionsCountScalarsAndStartOnTheFieldsOwnLine() throws {
        let path = try write("p.csv", "\u{FEFF}ä,\"b\"\"c\",d\n\"é\nü\",x,\"y\nz\"\n1,2\r\n")
        var reader = try CSVReader(path: path)
        XCTAssertTrue(try reader.next())
        // The BOM is not a column; `"b""c"` is 6 scalars wide.
        XCTAssertEqual(reader.fieldPositions(through: 3).map { "\($0.line):\($0.column)" }, ["1:1", "1:3", "1:10", "1:11"])
        XCTAssertTrue(try reader.next())
        // The record starts on line 2; its second field starts on line 3 after the quoted line break.
        XCTAssertEqual(reader.fieldPositions(through: 3).map { "\($0.line):\($0.column)" }, ["2:1", "3:4", "3:6", "4:3"])
        XCTAssertTrue(try reader.next())
        XCTAssertEqual(reader.location(ofField: 2), SourceLocation(file: path, line: 5, column: 4))
    }

    func testHeaderErrorsPointAtTheName() throws {
        let dup = try write("dup.csv", "ä,é,ä\n1,2,3\n")
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: dup, config: DriftConfig()) },
            "1:5 duplicate column `ä` in the header")
        let bad = try writeBytes("bad.csv", Array("é,a".utf8) + [0xFF] + Array("\n1,2\n".utf8))
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: bad, config: DriftConfig()) },
            "1:3 invalid UTF-8 byte 0xFF in the header")
    }

    func testRowWidthErrorsPointWhereTheFieldIsMissingOrExtra() throws {
        let short = try write("short.csv", "a,b,c\n\"x\ny\",1\n")
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: short, config: DriftConfig()) },
            "3:5 row has 2 fields, the header has 3")
        let long = try write("long.csv", "ä\né,2\n")
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: long, config: DriftConfig()) },
            "2:3 row has 2 fields, the header has 1")
    }

    func testDriftInvalidUTF8CellIsReportedAtItsColumn() throws {
        let path = try writeBytes("ref.csv", Array("ä,b\n\"é\",x\n\"ü\",".utf8) + [0x61, 0xFF] + Array("\n".utf8))
        var config = DriftConfig()
        config.categorical = ["b"]
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: path, config: config) },
            "3:5 invalid UTF-8 byte 0xFF in column `b`")
        // A numeric-looking column that turns categorical is rescanned: the same position.
        XCTAssertEqual(
            failure { _ = try DriftProfiler.reference(path: path, config: DriftConfig()) },
            "3:5 invalid UTF-8 byte 0xFF in column `b`")
    }

    func testScoreCellAfterAMultiLineFieldIsReportedOnItsOwnLine() throws {
        let path = try write("p.csv", "g,y,p\n\"a\nb\",1,0.2\n\"é\nü\",0,x\n")
        var o = ScoreOptions()
        o.score = "p"
        o.groups = ["g"]
        XCTAssertEqual(failure { _ = try ScoreRequest(path: path, options: o).run() }, "5:6 score `x` is not a finite number")
    }

    func testScoreClassProblemsPointAtACellHoldingTheClass() throws {
        let three = try write("three.csv", "y,p\n1,0.9\n0,0.2\n\"é\",0.4\n")
        var o = ScoreOptions()
        o.score = "p"
        o.task = .binary
        XCTAssertTrue(
            failure { _ = try ScoreRequest(path: three, options: o).run() }.hasPrefix("4:1 binary scoring needs at most two classes"))
        let same = try write("same.csv", "ä,y,yhat\nx,1,1\nz,1,1.0\n")
        o = ScoreOptions()
        o.prediction = "yhat"
        XCTAssertEqual(
            failure { _ = try ScoreRequest(path: same, options: o).run() },
            "3:5 labels `1` and `1.0` are the same number written differently")
        // --positive names a label the column lacks: the error points at the label column's name.
        let absent = try write("absent.csv", "é,y,p\nx,yes,0.9\nz,no,0.2\n")
        o = ScoreOptions()
        o.score = "p"
        XCTAssertEqual(
            failure { _ = try ScoreRequest(path: absent, options: o).run() },
            "1:3 the positive label `1` does not occur; the labels are `no` and `yes`")
        let groups = try write("groups.csv", "y,p,ä.g,ä_g\n1,0.9,a,b\n0,0.2,a,b\n")
        o.positive = "1"
        o.groups = ["ä.g", "ä_g"]
        XCTAssertEqual(
            failure { _ = try ScoreRequest(path: groups, options: o).run() },
            "1:9 group columns `ä.g` and `ä_g` would share the metric name segment `ä_g`")
        let values = try write("values.csv", "y,p,g\n1,0.9,a.b\n0,0.2,é\n1,0.3,a_b\n")
        o.groups = ["g"]
        XCTAssertEqual(
            failure { _ = try ScoreRequest(path: values, options: o).run() },
            "4:7 values of group column `g` `a.b` and `a_b` would share the metric name segment `a_b`")
    }

    func testHeaderLevelScoreErrorsPointAtTheHeader() throws {
        let path = try write("h.csv", "y,p\n")
        var o = ScoreOptions()
        o.score = "p"
        XCTAssertEqual(failure { _ = try ScoreRequest(path: path, options: o).run() }, "1:1 `\(path)` has a header but no rows")
        let two = try write("two.csv", "é,y,p\n1,1,0.5\n")
        o.prediction = "y"
        o.label = "y"
        XCTAssertEqual(failure { _ = try ScoreRequest(path: two, options: o).run() }, "1:3 column `y` is given two roles")
    }

    func testProfileErrorsPointAtTheCell() throws {
        let future = try write("f.csv", "é,ts\n1,2026-11-01\n2,2099-01-01\n3,2026-11-02\n")
        let today = 20_000  // 2024-10-04
        XCTAssertEqual(
            failure { _ = try ProfileRequest(path: future, label: nil, timestamp: "ts", today: today).run() },
            "3:3 the newest timestamp in `\(future)` is 2099-01-01, \(Clock.days(fromISODate: "2099-01-01")! - today) days in the future")
        let names = try write("n.csv", "é,a.b,a_b\n1,2,3\n")
        XCTAssertEqual(
            failure { _ = try ProfileRequest(path: names, label: nil, timestamp: nil, today: today).run() },
            "1:7 columns `a.b` and `a_b` would share the metric name segment `a_b`")
        let labels = try write("l.csv", "é,y\n1,a.b\n2,a_b\n")
        XCTAssertEqual(
            failure { _ = try ProfileRequest(path: labels, label: "y", timestamp: nil, today: today).run() },
            "3:3 labels `a.b` and `a_b` would share the metric name segment `a_b`")
    }

    func testAStoreWithoutAModelIsReportedWithoutAPlaceholderPosition() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - metric: accuracy\n    max_regression: 0.01\n")
        let metrics = try write("m.json", #"{"accuracy": 0.9}"#)
        try FileManager.default.createDirectory(atPath: dir + "/store", withIntermediateDirectories: true)
        let request = EvaluationRequest(
            configPath: policy, metricsPaths: [metrics], baselineSource: .store(BaselineStore(directory: dir + "/store")))
        XCTAssertEqual(
            failure { _ = try request.run() },
            "- the baseline store `\(dir)/store` is present but the policy `\(policy)` has no `model:`")
    }
}
