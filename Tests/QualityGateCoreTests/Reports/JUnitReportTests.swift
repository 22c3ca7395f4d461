import XCTest

@testable import QualityGateCore

/// JUnit XML: one testcase per condition, escaped for attributes and text.
final class JUnitReportTests: XCTestCase {
    func testEscapesEveryXMLSpecialCharacterAndTheLegacyCommandPrefix() {
        XCTAssertEqual(XML.escape(#"a<b & "c" 'd' ##[x"#), "a&lt;b &amp; &quot;c&quot; &apos;d&apos; ##&#91;x")
        XCTAssertEqual(XML.escape("line\nbreak\r\ttab"), "line&#10;break&#13;&#9;tab")
        // XML 1.0 cannot carry NUL or U+FFFE: replaced. Invisible characters are shown.
        XCTAssertEqual(XML.escape("nul\u{0}x\u{FFFE}"), "nul\u{FFFD}x\u{FFFD}")
        XCTAssertEqual(XML.escape("rtl\u{202E}x\u{85}"), "rtl\\u{202e}x\\u{85}")
        XCTAssertEqual(XML.escape("plain é漢🙂"), "plain é漢🙂")
    }

    func testOneTestcasePerConditionWithItsOutcome() throws {
        let xml = JUnitReport.render(try EvaluationFixture.hostile(), timestamp: 1_795_509_000)
        let lines = xml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(
            Array(lines.prefix(3)),
            [
                #"<?xml version="1.0" encoding="UTF-8"?>"#,
                #"<testsuites name="qgate" tests="5" failures="2" errors="0" skipped="1" time="0">"#,
                #"  <testsuite name="p.yaml (m)" tests="5" failures="2" errors="0" skipped="1" time="0" timestamp="2026-11-24T08:30:00">"#
            ])
        let cases = lines.drop { !$0.hasPrefix("    <testcase") }
        XCTAssertEqual(
            Array(cases),
            [
                #"    <testcase classname="qgate.m.a&lt;b &amp; &quot;c&quot; &apos;d&apos; ##&#91;x" name="acc min 0.9" time="0">"#,
                #"      <failure message="acc 0.8 &lt; min 0.9 (short by 0.1)" type="critical">acc 0.8 &lt; min 0.9 (short by 0.1)&#10;p.yaml:6:5</failure>"#,
                "    </testcase>",
                #"    <testcase classname="qgate.m.pipe | @team www.x.io http://e.com *b* _i_" name="f1 min 0.5" time="0">"#,
                "      <system-out>WARNING (does not block): f1 0.4 &lt; min 0.5 (short by 0.1)</system-out>",
                "    </testcase>",
                #"    <testcase classname="qgate.m.loss" name="loss max 1" time="0"/>"#,
                #"    <testcase classname="qgate.m.loss-trend" name="loss max_regression 0.1" time="0">"#,
                #"      <failure message="loss 0.5 vs baseline 0.3: worse by 0.2, allowed 0.1" type="critical">loss 0.5 vs baseline 0.3: worse by 0.2, allowed 0.1&#10;p.yaml:9:20</failure>"#,
                "    </testcase>",
                #"    <testcase classname="qgate.m.lat\u{202e}ms" name="lat\u{202e}ms max 100" time="0">"#,
                #"      <skipped message="metric lat\u{202e}ms not found in m.json (on_missing_metric: skip)"/>"#,
                "    </testcase>",
                "  </testsuite>",
                "</testsuites>",
                ""
            ])
    }

    func testTimestampHasNoZone() {
        XCTAssertEqual("2026-11-24T12:00:00Z".replacingZ(), "2026-11-24T12:00:00")
        XCTAssertEqual("2026-11-24T12:00:00".replacingZ(), "2026-11-24T12:00:00")
    }
}
