import XCTest

@testable import QualityGateCore

/// U+0085/U+2028/U+2029 (line breaks to PyYAML and editors, not to YAML 1.2)
/// and bidirectional controls are refused outside quoted scalars, with the
/// exact position; inside quoted scalars they are data.
final class YAMLInvisibleCharactersTests: XCTestCase {
    func error(_ text: String) -> YAMLError? {
        do {
            _ = try YAML.parse(text, file: "t.yaml")
            return nil
        } catch { return error }
    }

    func testLineBreaksPyYAMLSeesAreRefusedOutsideQuotes() {
        // PyYAML reads the second gate after the separator; YAML 1.2 a comment.
        let hidden = "gates:\n  - {metric: accuracy, min: 0.9}  # ok\u{2028}  - {metric: toxicity, max: 0.01}\n"
        XCTAssertEqual(
            error(hidden)?.message,
            "U+2028 LINE SEPARATOR is not allowed outside quoted strings: PyYAML and editors treat it as a line break, qgate (YAML 1.2) does not, so they would see different lines"
        )
        XCTAssertEqual(error(hidden)?.location, SourceLocation(file: "t.yaml", line: 2, column: 39))
        XCTAssertEqual(error(hidden)?.kind, .unsupported(construct: "Unicode line breaks outside quoted strings"))
        let cases: [(String, String, Int, Int)] = [
            ("# c\u{2029}a: 1\n", "U+2029 PARAGRAPH SEPARATOR", 1, 4),
            ("a: 1 # c\u{85}b: 2\n", "U+0085 NEXT LINE (NEL)", 1, 9),
            ("a: x\u{2028}y\n", "U+2028 LINE SEPARATOR", 1, 5),
            ("a\u{85}: 1\n", "U+0085 NEXT LINE (NEL)", 1, 2),
            ("a: |\n  text\u{2028}more\n", "U+2028 LINE SEPARATOR", 2, 7),
            ("a: [x\u{2029}]\n", "U+2029 PARAGRAPH SEPARATOR", 1, 6)
        ]
        for (text, prefix, line, column) in cases {
            let e = error(text)
            XCTAssertTrue(
                e?.message.hasPrefix(prefix + " is not allowed outside quoted strings") ?? false,
                "\(text.debugDescription): \(String(describing: e))")
            XCTAssertEqual(e?.location, SourceLocation(file: "t.yaml", line: line, column: column), text.debugDescription)
        }
    }

    func testBidiControlsAreRefusedOutsideQuotes() {
        let scalars: [UInt32] = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        for scalar in scalars {
            let c = String(Character(Unicode.Scalar(scalar)!))
            for (text, line, column) in [
                ("metric: acc\(c)uracy\n", 1, 12), ("a: 1 # \(c)\n", 1, 8), ("k\(c)ey: 1\n", 1, 2), ("- [a, b\(c)]\n", 1, 8)
            ] {
                let e = error(text)
                XCTAssertEqual(
                    e?.kind, .unsupported(construct: "bidirectional controls outside quoted strings"),
                    "\(String(scalar, radix: 16)) in \(text.debugDescription)")
                XCTAssertEqual(
                    e?.location, SourceLocation(file: "t.yaml", line: line, column: column),
                    "\(String(scalar, radix: 16)) in \(text.debugDescription)")
            }
        }
        XCTAssertEqual(
            error("a: \u{202E}x\n")?.message,
            "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed outside quoted strings: it reorders how the line is displayed, so what a reviewer reads is not what qgate parses"
        )
        // Look-alikes that are not controls stay allowed.
        XCTAssertNil(error("a: \u{2027}\u{202F}\u{2065}\u{200D}é\n"))
    }

    func testInsideQuotedScalarsTheyAreData() throws {
        let node = try YAML.parse("a: \"x\u{2028}y\"\nb: 'p\u{202E}q'\n\"k\u{85}\": [\"\u{2066}\"]\n", file: "t.yaml")
        guard case .mapping(let pairs) = node.value else { return XCTFail("not a mapping") }
        XCTAssertEqual(pairs.map { $0.key.string }, ["a", "b", "k\u{85}"])
        XCTAssertEqual(pairs[0].value.string, "x\u{2028}y")
        XCTAssertEqual(pairs[1].value.string, "p\u{202E}q")
        guard case .sequence(let items) = pairs[2].value.value else { return XCTFail("not a sequence") }
        XCTAssertEqual(items.first?.string, "\u{2066}")
    }

    /// When the character breaks the parse (a U+2069 before the colon hides
    /// nothing to YAML but makes "a line without ':'"), the error names it; an
    /// unterminated quote keeps its own error, since what follows is its data.
    func testAParseErrorCausedByTheCharacterNamesIt() {
        let hidden = error("gates:\n  - metric: a\n    min:\u{2069} 0.9\n")
        XCTAssertEqual(
            hidden?.message.hasPrefix("U+2069 POP DIRECTIONAL ISOLATE is not allowed outside quoted strings"), true, hidden?.message ?? "")
        XCTAssertEqual(hidden?.location, SourceLocation(file: "t.yaml", line: 3, column: 9))
        let open = error("a: 1\nb: \"x \u{2028} y\n")
        XCTAssertEqual(open?.message, "unterminated double-quoted string")
    }

    /// Many quoted scalars and one character outside them: found, at its
    /// place (one walk over both sorted lists; the check was quadratic).
    func testManyQuotedScalarsAndOneCharacterOutside() {
        var text = ""
        for i in 0..<20_000 { text += "\"k\u{2028}\(i)\": 1\n" }
        XCTAssertNil(error(text))
        XCTAssertEqual(error(text + "last: x\u{202E}\n")?.location, SourceLocation(file: "t.yaml", line: 20_001, column: 8))
    }
}
