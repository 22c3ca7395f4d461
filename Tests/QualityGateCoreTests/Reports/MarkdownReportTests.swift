import XCTest

@testable import QualityGateCore

/// The Markdown report and its escaping: untrusted text can neither break a
/// table, inject HTML or links, nor mention anyone.
final class MarkdownReportTests: XCTestCase {
    func testEscapingOfTablesHTMLMentionsAndLinks() {
        XCTAssertEqual(Markdown.escape("a | b"), "a \\| b")
        XCTAssertEqual(Markdown.escape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;")
        XCTAssertEqual(Markdown.escape("@team"), "@&#8203;team")
        XCTAssertEqual(Markdown.escape("http://e.com and WWW.x.io"), "http&#58;//e.com and WWW&#46;x.io")
        XCTAssertEqual(Markdown.escape(##"\ ` * _ [ ] # ! ~ &"##), ##"\\ \` \* \_ \[ \] \# \! \~ &amp;"##)
        // Controls are shown first (Sanitize), then their backslash is escaped like any other.
        XCTAssertEqual(Markdown.escape("x\ny\u{202E}"), "x\\\\ny\\\\u{202e}")
        // A colon or dot elsewhere is text.
        XCTAssertEqual(Markdown.escape("a: b.c www"), "a: b.c www")
    }

    func testFailuresFirstInATableAndTheRestCollapsed() throws {
        let md = MarkdownReport.render(try EvaluationFixture.hostile())
        XCTAssertTrue(md.hasPrefix("<!-- qgate:m -->\n## ❌ qgate: BLOCKED: 2 critical gates failed — m\n\n"), md)
        XCTAssertTrue(md.contains("\n5 conditions: 1 passed, 2 failed (critical), 1 warning, 1 skipped\n\n"), md)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Status") }
        XCTAssertEqual(
            rows,
            [
                ##"| ❌ failed | a&lt;b &amp; "c" 'd' \#\#\[x | acc | min 0.9 | 0.8 | — | — | ≥ 0.9 | acc 0.8 &lt; min 0.9 (short by 0.1) |"##,
                "| ❌ failed | loss-trend | loss | max_regression 0.1 | 0.5 | 0.3 | +0.2 | ≤ 0.4 | loss 0.5 vs baseline 0.3: worse by 0.2, allowed 0.1 |",
                #"| ⚠️ warning | pipe \| @&#8203;team www&#46;x.io http&#58;//e.com \*b\* \_i\_ | f1 | min 0.5 | 0.4 | — | — | ≥ 0.5 | f1 0.4 &lt; min 0.5 (short by 0.1) |"#,
                #"| ⏭️ skipped | lat\\u{202e}ms | lat\\u{202e}ms | max 100 | — | — | — | — | metric lat\\u{202e}ms not found in m.json (on\_missing\_metric: skip) |"#,
                "| ✅ passed | loss | loss | max 1 | 0.5 | — | — | ≤ 1 | loss 0.5 &lt;= max 1 |"
            ])
        XCTAssertTrue(md.contains("\n<details><summary>2 other conditions</summary>\n\n| Status |"), md)
        XCTAssertTrue(md.hasSuffix("\n</details>\n"), md)
    }

    func testAPassingEvaluationHasNoFailureTable() throws {
        let e = try EvaluationFixture.evaluate(policy: "version: 1\ngates:\n  - {metric: acc, min: 0.9}\n", metrics: #"{"acc": 0.95}"#)
        let md = MarkdownReport.render(e)
        XCTAssertTrue(md.hasPrefix("<!-- qgate:policy -->\n## ✅ qgate: "), md)
        XCTAssertEqual(md.components(separatedBy: "| Status |").count, 2, md)
        XCTAssertTrue(md.contains("<details><summary>All 1 conditions</summary>"), md)
    }

    func testSignedChange() {
        XCTAssertEqual(MarkdownReport.signed(0.2), "+0.2")
        XCTAssertEqual(MarkdownReport.signed(-0.2), "-0.2")
        XCTAssertEqual(MarkdownReport.signed(0), "0")
    }
}
