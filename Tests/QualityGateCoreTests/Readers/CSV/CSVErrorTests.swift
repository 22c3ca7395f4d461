import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// A CSV file that cannot be read as a table is a reader error with a stable
/// kind, whichever command reads it: drift, score and profile see the same
/// `CSVError` (issue 16, "Readers").
final class CSVErrorTests: TemporaryDirectoryTestCase {

    /// `kind line:column message` of the CSV error that reading `path` as a
    /// table throws (the drift reference pass), or what else it threw.
    func csvError(_ path: String) -> String {
        describe { _ = try DriftProfiler.reference(path: path, config: DriftConfig()) }
    }

    func describe(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let e as CSVError {
            return "\(e.kind) \(e.location.map { "\($0.line):\($0.column)" } ?? "-") \(e.message)"
        } catch { return "not a CSVError: \(type(of: error)) \(error)" }
    }

    func testSyntaxErrorsHaveStableKinds() throws {
        XCTAssertEqual(csvError(try write("open.csv", "a,b\n1,\"x\n")), "unterminatedQuote 2:3 unterminated quoted field")
        XCTAssertEqual(
            csvError(try write("after.csv", "a,b\n1,\"x\"y\n")), "textAfterClosingQuote 2:6 unexpected text after a closing quote")
        XCTAssertEqual(csvError(try write("inner.csv", "a,b\n1,x\"y\n")), "quoteInUnquotedField 2:4 quote inside an unquoted field")
        XCTAssertEqual(csvError(try write("short.csv", "a,b\n1\n")), "rowWidth 2:2 row has 1 field, the header has 2")
        XCTAssertEqual(csvError(try write("dup.csv", "a,b,a\n1,2,3\n")), "duplicateColumn 1:5 duplicate column `a` in the header")
        let empty = try write("empty.csv", "")
        XCTAssertEqual(csvError(empty), "emptyFile - `\(empty)` is empty: a CSV file needs a header row")
        let badHeader = dir + "/bad.csv"
        try Data(Array("a,b".utf8) + [0xFF] + Array("\n1,2\n".utf8)).write(to: URL(fileURLWithPath: badHeader))
        XCTAssertEqual(csvError(badHeader), "invalidUTF8InHeader 1:3 invalid UTF-8 byte 0xFF in the header")
        let wide = try write("wide.csv", "a\n" + Array(repeating: "1", count: CSVReader.maximumColumns + 1).joined(separator: ",") + "\n")
        XCTAssertEqual(csvError(wide), "tooManyColumns 2:200001 more than 100000 columns in a row")
    }

    func testARecordOverTheLimitIsARecordTooLong() throws {
        let path = try write("long.csv", "a,b\n1," + String(repeating: "x", count: 200) + "\n")
        var reader = try CSVReader(path: path, recordLimit: 100)

        XCTAssertEqual(describe { while try reader.next() {} }, "recordTooLong 2:1 record longer than 100 bytes")
    }

    /// The same bad file is the same reader error under drift, score and profile.
    func testEveryCommandSeesTheSameReaderError() throws {
        let path = try write("open.csv", "y,p\n1,\"0.5\n")
        var options = ScoreOptions()
        options.score = "p"
        let expected = "unterminatedQuote 2:3 unterminated quoted field"
        XCTAssertEqual(csvError(path), expected)
        XCTAssertEqual(describe { _ = try ScoreRequest(path: path, options: options).run() }, expected)
        XCTAssertEqual(describe { _ = try ProfileRequest(path: path, label: nil, timestamp: nil, today: 20_000).run() }, expected)
    }

    /// A column the command line names but the header lacks is found by the
    /// header's one lookup, for score and profile alike, at the header row.
    func testAMissingColumnIsNoSuchColumnUnderScoreAndProfile() throws {
        let path = try write("p.csv", "label,p\n1,0.5\n")
        var options = ScoreOptions()
        options.score = "zzz"
        options.label = "label"
        XCTAssertEqual(
            describe { _ = try ScoreRequest(path: path, options: options).run() },
            "noSuchColumn 1:1 no score column `zzz` in the header of `\(path)`")
        XCTAssertEqual(
            describe { _ = try ProfileRequest(path: path, label: "lable", timestamp: nil, today: 20_000).run() },
            "noSuchColumn 1:1 no label column `lable` in the header of `\(path)` — did you mean `label`?")
    }
}
