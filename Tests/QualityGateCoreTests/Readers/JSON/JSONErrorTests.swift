import XCTest

@testable import QualityGateCore

/// Each JSON syntax error has a stable kind, the name of its message
/// constructor, so tests and tools match the kind, not the wording.
final class JSONErrorTests: XCTestCase {
    /// `kind line:column message` of the error parsing `text` throws.
    func failure(_ text: String) -> String {
        do {
            _ = try JSON.parse(text, file: "m.json")
            return "no error"
        } catch {
            return "\(error.kind) \(error.location.map { "\($0.line):\($0.column)" } ?? "-") \(error.message)"
        }
    }

    func testSyntaxErrorsHaveStableKinds() {
        XCTAssertEqual(failure(""), "emptyDocument 1:1 empty document: expected a JSON value")
        XCTAssertEqual(failure("{\"a\": 1,\n \"a\": 2}"), "duplicateKey 2:2 duplicate key `a` (first defined at line 1)")
        XCTAssertEqual(failure("[1, 2,]"), "trailingCommaInArray 1:7 trailing comma in array")
        XCTAssertEqual(failure("{\"a\": 1,}"), "expectedKey 1:9 expected a string key, found '}'")
        XCTAssertEqual(failure("{\"a\" 1}"), "expectedColon 1:6 expected ':' after the key, found '1'")
        XCTAssertEqual(failure("\"abc"), "unterminatedString 1:1 unterminated string")
        XCTAssertEqual(failure("[01]"), "leadingZero 1:2 invalid number: leading zeros are not allowed")
        XCTAssertEqual(failure("{'a': 1}"), "expectedKey 1:2 expected a string key, found '''")
        XCTAssertEqual(failure("tru"), "invalidLiteral 1:1 invalid literal: expected 'true'")
        XCTAssertEqual(failure("1 2"), "textAfterValue 1:3 unexpected '2' after the JSON value")
        XCTAssertEqual(failure(#""\x""#), "invalidEscape 1:2 invalid escape sequence in string")
        XCTAssertEqual(failure(String(repeating: "[", count: JSON.maximumDepth + 1)), "tooDeep 1:257 nesting is deeper than 256 levels")
    }
}
