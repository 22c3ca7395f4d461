import XCTest
@testable import QGateCLI

final class ArgumentParserTests: XCTestCase {
    let spec = EvaluateCommand.spec

    func parse(_ args: [String]) throws(UsageError) -> ParsedArguments { try ArgumentParser.parse(args, for: spec) }

    func message(_ args: [String]) -> String? {
        do { _ = try parse(args); return nil } catch { return error.message + (error.hint.map { " — " + $0 } ?? "") }
    }

    func testValuesFlagsRepeatsAndDefaults() throws {
        let p = try parse(["--metrics", "a.json", "--metrics=b.json", "--fail-on-warning", "--format", "json"])
        XCTAssertEqual(p.all("metrics"), ["a.json", "b.json"])
        XCTAssertTrue(p.flag("fail-on-warning"))
        XCTAssertEqual(p.value("format"), "json")
        XCTAssertEqual(p.value("config"), "quality-gates.yaml")
        XCTAssertEqual(p.value("color"), "auto")
        XCTAssertTrue(try parse(["-h"]).helpRequested)
        XCTAssertEqual(try parse(["--metrics", "-"]).all("metrics"), ["-"])
    }

    func testMistakesAreNamed() {
        XCTAssertEqual(message(["--metric", "x"]), "unknown option '--metric' — did you mean '--metrics'?")
        XCTAssertEqual(message(["--metrics"]), "missing value for '--metrics FILE ...'")
        XCTAssertEqual(message(["--metrics", "--baseline", "b"]), "missing value for '--metrics FILE ...'")
        XCTAssertEqual(message(["--format", "yml"]), "invalid value 'yml' for '--format' — expected one of: text, json, markdown, junit, github, prometheus")
        XCTAssertEqual(message(["--format", "jsn"]), "invalid value 'jsn' for '--format' — did you mean 'json'?")
        XCTAssertEqual(message(["--config", "a", "--config", "b"]), "option '--config' given more than once")
        XCTAssertEqual(message(["--fail-on-warning=yes"]), "option '--fail-on-warning' does not take a value")
        XCTAssertEqual(message(["stray"]), "unexpected argument 'stray' — 'qgate evaluate' takes options only, e.g. --metrics FILE")
        XCTAssertEqual(message(["-x"]), "unknown option '-x'")
        XCTAssertEqual(message(["--metrics="]), "empty value for '--metrics'")
        XCTAssertEqual(message(["--", "x"]), "unexpected argument 'x'")
        XCTAssertEqual(message(["--metrics", "m.json", "--help"]), "'--help' cannot be combined with other arguments — run 'qgate evaluate --help' on its own, or drop '--help' to run the command")
        XCTAssertEqual(message(["-h", "--fail-on-warning"]), "'-h' cannot be combined with other arguments — run 'qgate evaluate -h' on its own, or drop '-h' to run the command")
    }
}
