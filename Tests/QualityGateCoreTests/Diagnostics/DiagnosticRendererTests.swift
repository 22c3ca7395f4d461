import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The renderer shows an error's source line from the text its reader kept,
/// never by reading the file again: the file may be gone or changed by the time
/// the error is printed (issue 16, "one way to compute positions").
final class DiagnosticRendererTests: TemporaryDirectoryTestCase {

    /// The error `body` throws, rendered after `afterReading` ran (by default: the file is deleted).
    func rendered(
        _ path: String, afterReading: (String) throws -> Void = { try FileManager.default.removeItem(atPath: $0) },
        _ body: () throws -> Void
    ) throws -> String {
        do { try body() } catch {
            try afterReading(path)
            return DiagnosticRenderer().render(error)
        }
        return "no error"
    }

    func testACSVSyntaxErrorShowsItsLineAfterTheFileIsDeleted() throws {
        let path = try write("open.csv", "é,p\n1,\"0.5\n")
        XCTAssertEqual(
            try rendered(path) { _ = try DriftProfiler.reference(path: path, config: DriftConfig()) },
            """
            \(path):2:3: error: unterminated quoted field — close the quote; a quote inside a field is written as ""
              2 │ 1,"0.5
                │   ^

            """)
    }

    /// A cell error is found after batching, when the reader has moved on; its
    /// position (and line) is recovered while the file is still there.
    func testACSVCellErrorShowsItsLineAfterTheFileIsDeleted() throws {
        let path = try write("p.csv", "y,p\n1,0.5\n0,x\n")
        var options = ScoreOptions()
        options.score = "p"
        XCTAssertEqual(
            try rendered(path) { _ = try ScoreRequest(path: path, options: options).run() },
            """
            \(path):3:3: error: score `x` is not a finite number — write a decimal number such as 0.73
              3 │ 0,x
                │   ^

            """)
    }

    func testAPolicyErrorShowsItsLineAfterTheFileIsDeleted() throws {
        let path = try write("p.yaml", "version: 1\ngates:\n  - metric: accuracy\n    mni: 0.92\n")
        XCTAssertEqual(
            try rendered(path) { _ = try PolicyLoader.load(path: path, today: Clock.system.today()) },
            """
            \(path):4:5: error: unknown key `mni` in a gate — did you mean `min`?
              4 │     mni: 0.92
                │     ^

            """)
    }

    func testAMetricsErrorShowsTheLineAsItWasReadNotAsItIsNow() throws {
        let path = try write("m.json", "{\n  \"accuracy\": 0.9,\n  \"accuracy\": 0.8\n}\n")
        let replace = { (p: String) in try "{}\n{}\n{}\n".write(toFile: p, atomically: true, encoding: .utf8) }
        XCTAssertTrue(
            try rendered(path, afterReading: replace) { _ = try MetricsLoader.load(path: path) }.hasSuffix(
                """
                  3 │   "accuracy": 0.8
                    │   ^

                """))
    }

    /// A location without source text shows no line, even when its file exists.
    func testALocationWithoutSourceTextShowsNoLine() throws {
        let path = try write("p.yaml", "version: 1\n")
        let error = PolicyError(.something, at: SourceLocation(file: path, line: 1, column: 1))
        XCTAssertEqual(DiagnosticRenderer().render(error), "\(path):1:1: error: something\n")
    }
}

extension PolicyError.Message {
    fileprivate static var something: Self { Self("something") }
}
