import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The HTML evaluation page: one escaping function for every untrusted string,
/// a page with no markup but qgate's own, no script, nothing loaded from outside.
final class HTMLEvaluationReportTests: XCTestCase {
    /// The strings the other formats are attacked with, as gate and metric names.
    static let hostileCorpus = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)",
        "</title><script>x</script>", "</style><script>x</script>", "<svg onload=alert(1)>", "javascript:alert(1)",
        "a<b & \"c\" 'd' ##[x", "<!--", "]]><x>", "lat\u{202E}ms", "x\n::set-env name=PATH::/evil", "&lt;already&gt;"
    ]

    func testEscapesTextAndAttributesAlike() {
        XCTAssertEqual(HTML.escape(#"a<b & "c" 'd'"#), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;")
        XCTAssertEqual(HTML.escape("&lt;"), "&amp;lt;")
        XCTAssertEqual(HTML.escape("rtl\u{202E}x"), "rtl\\u{202e}x")
        for s in Self.hostileCorpus {
            let e = HTML.escape(s)
            XCTAssertFalse(e.contains("<") || e.contains(">") || e.contains("\"") || e.contains("'"), e)
        }
    }

    func testHostileNamesAddNoElementAttributeOrScript() throws {
        var gates = ""
        var metrics: [String] = []
        for (i, s) in Self.hostileCorpus.enumerated() {
            let quoted =
                "\""
                + s.unicodeScalars.map { u in
                    u == "\"" || u == "\\"
                        ? "\\" + String(u)
                        : u == "\n" ? "\\n" : u.value > 0x7e ? "\\u\(String(u.value, radix: 16, uppercase: true))" : String(u)
                }.joined() + "\""
            gates += "  - {name: \(quoted), metric: m\(i), min: 0.5}\n"
            gates += "  - {name: t\(i), metric: \(quoted), max_regression: 0.1, direction: higher, on_missing_metric: skip}\n"
            metrics.append("\"m\(i)\": \(i % 2 == 0 ? "0.4" : "0.9")")
        }
        let e = try EvaluationFixture.evaluate(
            policy: "version: 1\nmodel: m\ngates:\n" + gates, metrics: "{" + metrics.joined(separator: ", ") + "}",
            baseline: "{" + metrics.joined(separator: ", ") + "}")
        let page = HTMLEvaluationReport.render(e)
        XCTAssertEqual(HTMLMarkupCheck.foreign(page), [])
        XCTAssertFalse(page.lowercased().contains("<script"))
        XCTAssertFalse(page.lowercased().contains("<img"))
        XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(page.contains("<title>qgate: BLOCKED: 7 critical gates failed — m</title>"))
        // The checker itself sees an injected tag and attribute.
        XCTAssertEqual(
            HTMLMarkupCheck.foreign("<p>x<img src=x onerror='alert(1)'></p>"), ["element <img>", "attribute onerror=", "attribute src="])
    }

    func testSelfContained() throws {
        let page = HTMLEvaluationReport.render(try EvaluationFixture.hostile())
        XCTAssertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        XCTAssertTrue(page.contains("@media (prefers-color-scheme:dark)"))
        XCTAssertTrue(page.contains("@media print"))
        XCTAssertNil(
            page.range(of: "https?:", options: .regularExpression).flatMap { r in page[r.lowerBound...].hasPrefix("http://e.com") ? nil : r
            })
        XCTAssertEqual(HTMLMarkupCheck.foreign(page), [])
    }

    func testEveryConditionHasABadgeWithAWordAndABar() throws {
        let page = HTMLEvaluationReport.render(try EvaluationFixture.hostile())
        XCTAssertTrue(page.contains("<div class=\"banner fail\" role=\"status\">✖ BLOCKED: 2 critical gates failed</div>"))
        for word in ["✖ failed", "▲ warning", "✔ passed", "⏭ skipped"] {
            XCTAssertTrue(page.contains("\(word)</span>"), word)
        }
        // acc 0.8 against min 0.9: region right of the bound, the dot left of it.
        XCTAssertTrue(
            page.contains("<title>a&lt;b &amp; &quot;c&quot; &apos;d&apos; ##&#91;x: value 0.8, required ≥ 0.9, baseline —</title>"))
        XCTAssertTrue(page.contains("<circle class=\"dot fail\""))
        XCTAssertTrue(page.contains("numbers:  0.8 &gt;= 0.9 → false"))
    }
}
