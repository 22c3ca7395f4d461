import XCTest

@testable import QGateCLI

final class ArgumentParserTests: XCTestCase {
    /// The options `evaluate` runs with (nil: help was asked for).
    func parse(_ args: [String]) throws(UsageError) -> EvaluateCommand.Options? {
        if case .run(let options) = try ArgumentParser.parse(args, as: EvaluateCommand.Options.self, command: "evaluate") { return options }
        return nil
    }

    func message(_ args: [String]) -> String? {
        do {
            _ = try parse(args)
            return nil
        } catch { return error.message + (error.hint.map { " — " + $0 } ?? "") }
    }

    func testValuesFlagsRepeatsAndDefaults() throws {
        let p = try XCTUnwrap(try parse(["--metrics", "a.json", "--metrics=b.json", "--fail-on-warning", "--format", "json"]))
        XCTAssertEqual(p.policy.metrics, ["a.json", "b.json"])
        XCTAssertTrue(p.failOnWarning)
        XCTAssertEqual(p.report.format.rawValue, "json")
        XCTAssertEqual(p.policy.config.path, "quality-gates.yaml")
        XCTAssertEqual(p.report.color.rawValue, "auto")
        XCTAssertTrue(try parse(["-h"]) == nil)
        XCTAssertEqual(try parse(["--metrics", "-"])?.policy.metrics, ["-"])
    }

    func testMistakesAreNamed() {
        XCTAssertEqual(message(["--metric", "x"]), "unknown option '--metric' — did you mean '--metrics'?")
        XCTAssertEqual(message(["--metrics"]), "missing value for '--metrics FILE ...'")
        XCTAssertEqual(message(["--metrics", "--baseline", "b"]), "missing value for '--metrics FILE ...'")
        XCTAssertEqual(
            message(["--format", "pdf"]),
            "invalid value 'pdf' for '--format' — expected one of: text, json, markdown, junit, github, prometheus, html")
        XCTAssertEqual(message(["--format", "jsn"]), "invalid value 'jsn' for '--format' — did you mean 'json'?")
        XCTAssertEqual(message(["--config", "a", "--config", "b"]), "option '--config' given more than once")
        XCTAssertEqual(message(["--fail-on-warning=yes"]), "option '--fail-on-warning' does not take a value")
        XCTAssertEqual(message(["stray"]), "unexpected argument 'stray' — 'qgate evaluate' takes options only, e.g. --metrics FILE")
        XCTAssertEqual(message(["-x"]), "unknown option '-x'")
        XCTAssertEqual(message(["--metrics="]), "empty value for '--metrics'")
        XCTAssertEqual(message(["--", "x"]), "unexpected argument 'x'")
        XCTAssertEqual(
            message(["--metrics", "m.json", "--help"]),
            "'--help' cannot be combined with other arguments — run 'qgate evaluate --help' on its own, or drop '--help' to run the command"
        )
        XCTAssertEqual(
            message(["-h", "--fail-on-warning"]),
            "'-h' cannot be combined with other arguments — run 'qgate evaluate -h' on its own, or drop '-h' to run the command")
    }
}
