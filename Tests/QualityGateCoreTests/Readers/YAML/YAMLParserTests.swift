import XCTest

@testable import QualityGateCore

/// Each construct of the YAML subset, and each refusal with its exact message and position.
final class YAMLParserTests: XCTestCase {
    func r(_ text: String) throws -> String {
        YAMLConformance.render(try YAML.parse(text, file: "t.yaml"))
    }

    func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> YAMLError? {
        do {
            let node = try YAML.parse(text, file: "t.yaml")
            XCTFail("expected an error, got \(YAMLConformance.render(node))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: block structure

    func testBlockMappingAndSequence() throws {
        XCTAssertEqual(try r("a: 1\nb: two\n"), #"{"a": 1, "b": "two"}"#)
        XCTAssertEqual(try r("- a\n- b\n"), #"["a", "b"]"#)
        XCTAssertEqual(try r("a:\n  b:\n    c: 1\n  d: 2\n"), #"{"a": {"b": {"c": 1}, "d": 2}}"#)
    }

    func testCompactSequenceItems() throws {
        XCTAssertEqual(try r("- metric: a\n  min: 1\n- metric: b\n"), #"[{"metric": "a", "min": 1}, {"metric": "b"}]"#)
        XCTAssertEqual(try r("- - a\n  - b\n- c\n"), #"[["a", "b"], "c"]"#)
    }

    func testSequenceAtSameIndentAsKey() throws {
        XCTAssertEqual(try r("gates:\n- a\n- b\nnext: 1\n"), #"{"gates": ["a", "b"], "next": 1}"#)
    }

    func testEmptyValuesAreNull() throws {
        XCTAssertEqual(try r("a:\nb: 1\n"), #"{"a": null, "b": 1}"#)
        XCTAssertEqual(try r("- \n- x\n"), #"[null, "x"]"#)
        XCTAssertEqual(try r(""), "null")
        XCTAssertEqual(try r("# only a comment\n"), "null")
    }

    func testCommentsDocumentMarkerBOMAndCRLF() throws {
        XCTAssertEqual(try r("# head\n---\na: 1 # trailing\n# tail\n"), #"{"a": 1}"#)
        XCTAssertEqual(try r("\u{FEFF}a: 1\n"), #"{"a": 1}"#)
        XCTAssertEqual(try r("a: 1\r\nb:\r\n  - x\r\n"), #"{"a": 1, "b": ["x"]}"#)
        XCTAssertEqual(try r("a: b#c\n"), #"{"a": "b#c"}"#)
        XCTAssertEqual(try r("a: 1\n...\n"), #"{"a": 1}"#)
    }

    func testMultiLinePlainScalarFolds() throws {
        XCTAssertEqual(try r("a: one\n  two\n\n  three\n"), #"{"a": "one two\nthree"}"#)
    }

    // MARK: flow

    func testFlowCollections() throws {
        XCTAssertEqual(try r("columns: [a, b, 'c d']\n"), #"{"columns": ["a", "b", "c d"]}"#)
        XCTAssertEqual(try r("g: {min: 0.9, max: 1}\n"), #"{"g": {"min": 0.9, "max": 1}}"#)
        XCTAssertEqual(try r("x: [1, [2, {a: b}], ]\n"), #"{"x": [1, [2, {"a": "b"}]]}"#)
        XCTAssertEqual(try r("x: [\n  1,\n  2\n]\n"), #"{"x": [1, 2]}"#)
        XCTAssertEqual(try r("x: {}\ny: []\n"), #"{"x": {}, "y": []}"#)
        XCTAssertEqual(try r(#"x: {"a":1}"#), #"{"x": {"a": 1}}"#)
        XCTAssertEqual(try r("x: [a: 1]\n"), #"{"x": [{"a": 1}]}"#)
    }

    // MARK: scalars

    func testQuotedScalarsAndEscapes() throws {
        XCTAssertEqual(try r(#"a: 'it''s # not a comment'"#), #"{"a": "it's # not a comment"}"#)
        XCTAssertEqual(try r(#"a: "tab\there\n\u00e9\x41\U0001F600\\""#), "{\"a\": \"tab\\there\\né" + "A😀\\\"}")
        XCTAssertEqual(try r("a: \"one\n  two\\\n  three\"\n"), #"{"a": "one twothree"}"#)
        XCTAssertEqual(try r("a: 'x\n\n  y'\n"), #"{"a": "x\ny"}"#)
        XCTAssertEqual(try r(#"a: "1.5""#), #"{"a": "1.5"}"#)
    }

    func testBlockScalarsWithChomping() throws {
        XCTAssertEqual(try r("a: |\n  l1\n  l2\n\nb: 1\n"), #"{"a": "l1\nl2\n", "b": 1}"#)
        XCTAssertEqual(try r("a: |-\n  l1\n  l2\n\n"), #"{"a": "l1\nl2"}"#)
        XCTAssertEqual(try r("a: |+\n  l1\n\n\nb: 1\n"), #"{"a": "l1\n\n\n", "b": 1}"#)
        XCTAssertEqual(try r("a: >\n  folded\n  text\n\n  para\n"), #"{"a": "folded text\npara\n"}"#)
        XCTAssertEqual(try r("a: >-\n  x\n    indented\n  y\n"), #"{"a": "x\n  indented\ny"}"#)
        XCTAssertEqual(try r("a: |2\n    two extra\n"), #"{"a": "  two extra\n"}"#)
    }

    func testCoreSchemaResolution() throws {
        XCTAssertEqual(
            try r("[null, ~, Null, true, False, 42, -7, 0x1F, 0o17, 1e-3, .5, -.inf, .inf, 1.0]"),
            "[null, null, null, true, false, 42, -7, 31, 15, 0.001, 0.5, -inf, inf, 1.0]")
        // YAML 1.1 booleans and octal are not special in the core schema.
        XCTAssertEqual(
            try r("[yes, no, on, off, 0777, 1_000, 2001-12-14]"),
            #"["yes", "no", "on", "off", 777, "1_000", "2001-12-14"]"#)
        XCTAssertEqual(
            try r("[1e3, 1.5e3, -.5, +.5, -0x1F, =, <<, +12]"),
            #"[1000.0, 1500.0, -0.5, 0.5, "-0x1F", "=", "<<", 12]"#)
        guard case .double(let d) = try YAML.parse(".nan", file: "t").value else { return XCTFail("not a double") }
        XCTAssertTrue(d.isNaN)
    }

    func testLocationsAreOneBasedAndCountScalars() throws {
        let node = try YAML.parse("é: 1\ngates:\n  - metric: x\n", file: "p.yaml")
        guard case .mapping(let pairs) = node.value, case .sequence(let items) = pairs[1].value.value else { return XCTFail() }
        XCTAssertEqual(items[0].location, SourceLocation(file: "p.yaml", line: 3, column: 5))
        XCTAssertEqual(error("é: [1,\n")?.location?.column, 4)
        // A multi-byte prefix on the same line must not shift the column.
        XCTAssertEqual(error("éé: 'x\n")?.location, SourceLocation(file: "t.yaml", line: 1, column: 5))
    }

    // MARK: refusals

    func testUnsupportedConstructsAreNamed() {
        let cases: [(String, String)] = [
            ("a: &x 1\n", "anchors (&name)"),
            ("a: *x\n", "aliases (*name)"),
            ("a: !!str 1\n", "tags (!tag)"),
            ("? a\n: b\n", "complex mapping keys (? key)"),
            ("a: 1\n---\nb: 2\n", "multiple documents"),
            ("%YAML 1.2\n---\na: 1\n", "directives (%YAML, %TAG)"),
            ("[a]: 1\n", "complex mapping keys (a flow collection as a key)"),
            ("a:\n\tb: 1\n", "tab characters in indentation")
        ]
        for (text, construct) in cases {
            let e = error(text)
            XCTAssertEqual(e?.kind, .unsupported(construct: construct), text)
            XCTAssertEqual(e?.message, "\(construct) are not supported in qgate's YAML subset", text)
        }
    }

    func testExactInvalidErrors() {
        let cases: [(String, String, Int, Int)] = [
            ("a: 1\na: 2\n", "duplicate key `a` (first defined at line 1)", 2, 1),
            // Keys are compared as values, searched in order up to 12 keys and indexed beyond.
            ("1: a\n1.0: b\n", "duplicate key `1.0` (first defined at line 1)", 2, 1),
            ("\"é\": 1\n\"e\\u0301\": 2\n", "duplicate key `é` (first defined at line 1)", 2, 1),
            ("~: 1\nnull: 2\n", "duplicate key `null` (first defined at line 1)", 2, 1),
            ("true: 1\nTrue: 2\n", "duplicate key `true` (first defined at line 1)", 2, 1),
            (".nan: 1\n.NaN: 2\n", "duplicate key `nan` (first defined at line 1)", 2, 1),
            ((0..<30).map { "k\($0): 1\n" }.joined() + "k3: 2\n", "duplicate key `k3` (first defined at line 4)", 31, 1),
            ((0..<12).map { "k\($0): 1\n" }.joined() + "k11: 2\n", "duplicate key `k11` (first defined at line 12)", 13, 1),
            ((0..<13).map { "k\($0): 1\n" }.joined() + "k12: 2\n", "duplicate key `k12` (first defined at line 13)", 14, 1),
            ("{a: 1, b: 2, a: 3}\n", "duplicate key `a` (first defined at line 1)", 1, 14),
            ("a: 'open\n", "unterminated single-quoted string", 1, 4),
            ("a: \"open\n", "unterminated double-quoted string", 1, 4),
            ("a: 'open\nb: 2\n", "unterminated single-quoted string", 1, 4),
            ("a: [1, 2\n", "unterminated flow sequence", 1, 4),
            ("a: b: c\n", "a mapping cannot start on the same line as its key", 1, 5),
            ("a: 1\n  b: 2\n", "a mapping key cannot follow a multi-line value; is this line indented too far?", 2, 3),
            ("a:\n  - 1\n - 2\n", "bad indentation of a mapping entry", 3, 2),
            ("a: 1\njust text\n", "expected `key: value`, found a line without ':'", 2, 1),
            (#"a: "\q""#, "unknown escape sequence '\\q'", 1, 5),
            ("a: 'x' y\n", "unexpected text after the value of `a`", 1, 8),
            ("a: 1\n- b\n", "a sequence item cannot appear among mapping keys", 2, 1),
            ("a: \u{0}\n", "control character U+0000 is not allowed in YAML", 1, 4)
        ]
        for (text, message, line, column) in cases {
            let e = error(text)
            XCTAssertEqual(e?.kind, .invalid, text)
            XCTAssertEqual(e?.message, message, text)
            XCTAssertEqual(e?.location, SourceLocation(file: "t.yaml", line: line, column: column), text)
        }
    }

    func testInvalidUTF8IsRefusedWithPosition() {
        let e = try? YAML.parse([0x61, 0x3A, 0x20, 0xFF, 0x0A], file: "t.yaml")
        XCTAssertNil(e)
        do {
            _ = try YAML.parse([0x61, 0x3A, 0x20, 0xFF, 0x0A], file: "t.yaml")
        } catch {
            XCTAssertEqual(error.message, "invalid UTF-8 byte 0xFF")
            XCTAssertEqual(error.location, SourceLocation(file: "t.yaml", line: 1, column: 4))
        }
    }

    func testDeepNestingIsBoundedNotACrash() {
        let flow = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        XCTAssertEqual(error(flow)?.message, "nesting is deeper than 100 levels")
        var block = ""
        for i in 0..<150 { block += String(repeating: " ", count: i) + "k:\n" }
        XCTAssertEqual(error(block)?.message, "nesting is deeper than 100 levels")
    }
}
