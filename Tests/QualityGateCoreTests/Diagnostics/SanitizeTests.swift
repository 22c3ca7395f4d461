import XCTest

@testable import QualityGateCore

/// Untrusted text on one line: controls and invisible format characters are
/// shown as escapes; names are cut to a bounded width.
final class SanitizeTests: XCTestCase {
    func testControlsAndFormatCharactersAreShown() {
        XCTAssertEqual(Sanitize.inline("a\nb\rc\td"), "a\\nb\\rc\\td")
        XCTAssertEqual(Sanitize.inline("nul\u{0} del\u{7F} nel\u{85}"), "nul\\u{0} del\\u{7f} nel\\u{85}")
        XCTAssertEqual(Sanitize.inline("ls\u{2028}ps\u{2029}"), "ls\\u{2028}ps\\u{2029}")
        XCTAssertEqual(
            Sanitize.inline("rlo\u{202E} zwsp\u{200B} bom\u{FEFF} tag\u{E0041}"),
            "rlo\\u{202e} zwsp\\u{200b} bom\\u{feff} tag\\u{e0041}")
    }

    func testVisibleTextIsUnchanged() {
        for s in ["accuracy", "é漢🙂", "a b", "nbsp\u{A0}", "::error::x", "e\u{301}"] {
            XCTAssertEqual(Sanitize.inline(s), s)
        }
        XCTAssertFalse(Sanitize.mustEscape(" "))
        XCTAssertTrue(Sanitize.mustEscape("\u{1F}"))
        XCTAssertTrue(Sanitize.mustEscape("\u{9F}"))
        XCTAssertFalse(Sanitize.mustEscape("\u{A0}"))
    }

    /// The cut leaves room for the ellipsis; an escape is never split.
    /// Printable ASCII takes a shortcut when it fits: at, below and above the
    /// limit, alone and next to a character that must be escaped.
    func testPrintableASCIINamesAtTheLimit() {
        for length in [0, 1, 5, 6, 7, 199, 200, 201] {
            let text = String(repeating: "a~ Z", count: 60).prefix(length)
            let expected = length <= 6 ? String(text) : String(text.prefix(5)) + "…"
            XCTAssertEqual(Sanitize.name(String(text), limit: 6), expected, "\(length)")
            XCTAssertEqual(Sanitize.name(String(text)), length <= 200 ? String(text) : String(text.prefix(199)) + "…")
        }
        XCTAssertEqual(Sanitize.name("ab\u{7F}", limit: 6), "ab…")
        XCTAssertEqual(Sanitize.name("ab\u{7F}"), "ab\\u{7f}")
    }

    func testNamesAreCutToTheirLimit() {
        XCTAssertEqual(Sanitize.name("abcde", limit: 5), "abcde")
        XCTAssertEqual(Sanitize.name("abcdef", limit: 5), "abcd…")
        XCTAssertEqual(Sanitize.name("\n\n\n", limit: 5), "\\n\\n…")
        XCTAssertEqual(Sanitize.name("漢漢漢漢漢漢", limit: 5), "漢漢漢漢…")
        XCTAssertEqual(Sanitize.name(String(repeating: "x", count: 1_000_000)).unicodeScalars.count, Sanitize.nameLimit)
        XCTAssertEqual(Sanitize.quoted("x\ny"), "`x\\ny`")
    }

    func testEscapingMapReplacesOnlyWhatItIsAskedTo() {
        XCTAssertEqual(Escaping.map("a-b-é") { $0 == "-" ? "+" : nil }, "a+b+é")
        XCTAssertEqual(Escaping.map("🙂") { _ in "" }, "")
        XCTAssertEqual(Escaping.map("") { _ in "x" }, "")
    }
}
