import XCTest

@testable import QualityGateCore

final class JSONParserTests: XCTestCase {
    func error(_ text: String) -> JSONError? {
        do {
            _ = try JSON.parse(text, file: "m.json")
            return nil
        } catch { return error }
    }

    func testValuesAndPythonNonFiniteTokens() throws {
        let v = try JSON.parse(
            #"{"a": [1, -2.5e-3, true, false, null, "s\u00e9\n"], "n": NaN, "i": Infinity, "j": -Infinity}"#, file: "m.json")
        guard case .object(let members) = v.kind, case .array(let items) = members[0].value.kind else { return XCTFail() }
        XCTAssertEqual(items.count, 6)
        if case .number(let d) = items[1].kind { XCTAssertEqual(d, -0.0025) } else { XCTFail() }
        if case .string(let s) = items[5].kind { XCTAssertEqual(s, "sé\n") } else { XCTFail() }
        if case .number(let d) = members[1].value.kind { XCTAssertTrue(d.isNaN) } else { XCTFail() }
        if case .number(let d) = members[2].value.kind { XCTAssertEqual(d, .infinity) } else { XCTFail() }
        if case .number(let d) = members[3].value.kind { XCTAssertEqual(d, -.infinity) } else { XCTFail() }
        XCTAssertEqual(members[1].keyLocation, SourceLocation(file: "m.json", line: 1, column: 53))
    }

    func testNumbersAreCorrectlyRounded() throws {
        for text in ["0.1", "0.30000000000000004", "1e308", "2.2250738585072014e-308", "0.9312", "123456789012345678"] {
            guard case .number(let d) = try JSON.parse(text, file: "m").kind else { return XCTFail() }
            XCTAssertEqual(d, Double(text)!, text)
        }
    }

    func testSurrogatePairs() throws {
        guard case .string(let s) = try JSON.parse(#""\ud83d\ude00""#, file: "m").kind else { return XCTFail() }
        XCTAssertEqual(s, "😀")
    }

    func testExactErrors() {
        let cases: [(String, String, Int, Int)] = [
            ("{\"a\": 1,}", "expected a string key, found '}'", 1, 9),
            ("{'a': 1}", "expected a string key, found '''", 1, 2),
            ("{\"a\": 01}", "invalid number: leading zeros are not allowed", 1, 7),
            ("{\"a\": tru}", "invalid literal: expected 'true'", 1, 7),
            ("{\"a\": \"x}", "unterminated string", 1, 7),
            ("{\"a\": \"x\n}", "unterminated string", 1, 7),
            ("{\"a\": 1, \"a\": 2}", "duplicate key `a` (first defined at line 1)", 1, 10),
            ("{\"a\": 1}\n{}", "unexpected '{' after the JSON value", 2, 1),
            ("", "empty document: expected a JSON value", 1, 1),
            ("[1,]", "trailing comma in array", 1, 4),
            ("{\"a\": \"\\x\"}", "invalid escape sequence in string", 1, 8),
            ("{\"a\": \"\\ud800\"}", "unpaired surrogate in \\u escape", 1, 8),
            ("{\"a\"\n  1}", "expected ':' after the key, found '1'", 2, 3),
            ("{\"a\": \"\u{1}\"}", "control character 0x1 in string", 1, 8)
        ]
        for (text, message, line, column) in cases {
            let e = error(text)
            XCTAssertEqual(e?.message, message, text)
            XCTAssertEqual(e?.location, SourceLocation(file: "m.json", line: line, column: column), text)
        }
    }

    func testInvalidUTF8AndDepth() {
        do {
            _ = try JSON.parse([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], file: "m.json")
            XCTFail("accepted invalid UTF-8")
        } catch {
            XCTAssertEqual(error.message, "invalid UTF-8 byte 0xC3")
            XCTAssertEqual(error.location?.column, 3)
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertEqual(error(deep)?.message, "nesting is deeper than 256 levels")
    }

    /// The bounded mode a metrics file is read in: array items are checked but
    /// not kept, and object keys are counted (inside arrays too).
    func testArrayItemsCanBeCheckedWithoutBeingKept() throws {
        let text = Array(#"{"a": [1, [2], {"b": 3}], "c": 1}"#.utf8)
        let root = try JSON.parse(text, file: "m.json", keepingArrayItems: false, maximumKeys: 3)
        guard case .object(let members) = root.kind, case .array(let items) = members[0].value.kind else { return XCTFail("\(root.kind)") }
        XCTAssertEqual(members.map(\.key), ["a", "c"])
        XCTAssertTrue(items.isEmpty)
        do {
            _ = try JSON.parse(text, file: "m.json", keepingArrayItems: false, maximumKeys: 2)
            XCTFail("accepted a third key")
        } catch {
            XCTAssertEqual(error.message, "more than 2 keys")
            XCTAssertEqual(error.location?.column, 27)
        }
        XCTAssertThrowsError(try JSON.parse(Array(#"{"a": [1, tru]}"#.utf8), file: "m.json", keepingArrayItems: false, maximumKeys: 9))
    }
}
