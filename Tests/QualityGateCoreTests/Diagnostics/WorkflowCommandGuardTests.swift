import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The chokepoint's own rules, line by line, checked against the runner
/// emulator: whatever goes in, nothing but qgate's own commands comes out.
final class WorkflowCommandGuardTests: XCTestCase {
    let hostile = [
        "::warning::X", "  ::error::Y", "\u{A0}::notice::Z", "\u{2003}\u{3000}::add-mask::s",
        ":\u{200B}:error::zw", "\u{200B}::error::zw", "\u{1B}::error::esc", ":\u{FE0F}:error::vs",
        "x ##[stop-commands]t", "#\u{FE0F}#[add-mask]s", "###[error]x", "##[x]##[y]", "a\rb ::error::cr",
        "a\r::error::cr", "\u{85}::error::nel", "\u{2028}::error::ls", "%0A::error::pct", "\u{202E}evil",
        "\u{7}bell \u{1B}]8;;http://x\u{7}link"
    ]

    func testNoHostileLineReachesTheRunner() {
        for h in hostile {
            let out = WorkflowCommandGuard.neutralise(h + "\n")
            XCTAssertEqual(GitHubRunnerEmulator.commands(in: out), [], "\(h.debugDescription) → \(out.debugDescription)")
            // LF is the only control left.
            XCTAssertFalse(out.unicodeScalars.contains { $0 != "\n" && Sanitize.mustEscape($0) }, out.debugDescription)
        }
    }

    func testRewritesAreReadableAndExact() {
        XCTAssertEqual(WorkflowCommandGuard.neutralise("::warning::X\n"), ": :warning::X\n")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("  \u{A0}::error::Y"), "  \u{A0}: :error::Y")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("x ##[stop-commands]t"), "x ##\\[stop-commands]t")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("###[a]"), "###\\[a]")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("a\r::error::b"), "a\\r::error::b")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("\u{202E}cba \u{1B}[41mred"), "\\u{202e}cba \\u{1b}[41mred")
        XCTAssertEqual(WorkflowCommandGuard.neutralise(":\u{200B}:x"), ":\\u{200b}:x")
        // Only a line's first visible characters matter; text that is no line start is left alone.
        XCTAssertEqual(WorkflowCommandGuard.neutralise("a ::b: c\n# [x] #x[\n"), "a ::b: c\n# [x] #x[\n")
        XCTAssertEqual(WorkflowCommandGuard.neutralise("✓ ok\n"), "✓ ok\n")
    }

    func testColourSequencesPassButCannotCompleteAPrefix() {
        let style = TerminalStyle(enabled: true)
        let text = style.red("✗") + " " + style.dim("##") + "\n" + style.bold("::x") + "\n"
        let out = WorkflowCommandGuard.neutralise(text)
        XCTAssertEqual(out, "\u{1B}[31m✗\u{1B}[0m \u{1B}[2m##\\\u{1B}[0m\n\u{1B}[1m::x\u{1B}[0m\n")
        XCTAssertEqual(GitHubRunnerEmulator.commands(in: out), [])
    }

    func testPiecesOfALineAreGuardedAsOneLine() {
        var g = WorkflowCommandGuard()
        var out = ""
        for piece in ["  ", ":", ":error::a\n", "x #", "#", "[add-mask]s\n", ":\u{200B}", "\u{200B}", ":e::x\n"] { out += g.filter(piece) }
        out += g.finish()
        XCTAssertEqual(out, "  : :error::a\nx ##\\[add-mask]s\n:\\u{200b}\\u{200b}:e::x\n")
        XCTAssertEqual(GitHubRunnerEmulator.commands(in: out), [])
    }

    func testOnlyCommandLinesMayStartWithColons() {
        var g = WorkflowCommandGuard()
        var out = g.filter("report without a line feed")
        out += g.command(WorkflowCommand(.error, [("title", "t ##[x]")], message: "m\n::warning::y").line)
        out += g.filter("::error::z\n")
        out += g.finish()
        XCTAssertEqual(out, "report without a line feed\n::error title=t ##\\[x]::m%0A::warning::y\n: :error::z\n")
        XCTAssertEqual(GitHubRunnerEmulator.commands(in: out).map(\.name), ["error"])
    }

    func testAnnotationValuesAreEscapedAsTheToolkitDoesAndShowNoControls() {
        let c = WorkflowCommand(
            .warning, [("file", "a,b:c.yaml"), ("title", "q\u{1B}[2J\u{7}\u{85}\u{2028}\u{202E}%")],
            message: "50% ok\r\n##[stop-commands]x")
        XCTAssertEqual(
            c.line, "::warning file=a%2Cb%3Ac.yaml,title=q\\u{1b}[2J\\u{7}\\u{85}\\u{2028}\\u{202e}%25::50%25 ok%0D%0A##\\[stop-commands]x")
        XCTAssertEqual(GitHubRunnerEmulator.commands(in: c.line).map(\.name), ["warning"])
    }

    func testNamesAreCutWithAnEllipsisWithoutReadingAllOfThem() {
        XCTAssertEqual(Sanitize.name("short"), "short")
        let exact = String(repeating: "a", count: Sanitize.nameLimit)
        XCTAssertEqual(Sanitize.name(exact), exact)
        let cut = Sanitize.name(exact + "b")
        XCTAssertEqual(cut.unicodeScalars.count, Sanitize.nameLimit)
        XCTAssertTrue(cut.hasSuffix("a…"))
        // An escape is never split: `\u{1b}` stays whole or goes.
        let escapes = Sanitize.name(String(repeating: "\u{1B}", count: 100))
        XCTAssertTrue(escapes.hasSuffix("\\u{1b}…"), escapes)
        XCTAssertLessThanOrEqual(escapes.unicodeScalars.count, Sanitize.nameLimit)
        let huge = String(repeating: "x", count: 50_000_000)
        let start = Date()
        XCTAssertEqual(Sanitize.name(huge).unicodeScalars.count, Sanitize.nameLimit)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
        XCTAssertEqual(Sanitize.quoted(huge).unicodeScalars.count, Sanitize.nameLimit + 2)
    }

    func testMachineFormatsKeepTheValueButHideThePrefix() throws {
        let value = "##[stop-commands]x \u{202E}\u{85}\r\n\u{E0041}"
        let json = JSONOutput.string(value).rendered()
        XCTAssertEqual(json, "\"##\\u005bstop-commands]x \\u202e\\u0085\\r\\n\\udb40\\udc41\"\n")
        let parsed = try JSON.parse(Array(json.utf8), file: "t")
        guard case .string(let back) = parsed.kind else { return XCTFail("not a string") }
        XCTAssertEqual(back, value)
        XCTAssertEqual(XML.escape("##[a] \u{202E}"), "##&#91;a] \\u{202e}")
        XCTAssertEqual(PrometheusReport.escapeLabel("a\r\"b\"\\\n##[c"), "a\\\\r\\\"b\\\"\\\\\\n##\\\\[c")
        for out in [json, XML.escape(value), PrometheusReport.escapeLabel(value)] {
            XCTAssertEqual(GitHubRunnerEmulator.commands(in: out), [], out)
            XCTAssertFalse(out.unicodeScalars.contains { $0 != "\n" && Sanitize.mustEscape($0) }, out.debugDescription)
        }
    }

    func testMarkdownPingsNobodyAndLinksNothing() {
        XCTAssertEqual(
            Markdown.escape("@octocat see https://x.io or WWW.x.io, mail a@b.io \u{202E}"),
            "@&#8203;octocat see https&#58;//x.io or WWW&#46;x.io, mail a@&#8203;b.io \\\\u{202e}")
    }

    /// The eight-bytes-at-a-time run scan stops exactly where a byte-by-byte
    /// one does: every byte value in every lane, then random buffers.
    func testPlainRunScanMatchesTheByteRule() {
        let plain = { (b: UInt8) in b >= 0x20 && b < 0x7F && b != 0x23 }
        for lane in 0..<8 {
            for v in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[lane] = UInt8(v)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let stop = WorkflowCommandGuard.stopBytes(UInt64(littleEndian: word))
                XCTAssertEqual(stop == 0, plain(UInt8(v)), "byte \(v) in lane \(lane)")
                if stop != 0 { XCTAssertEqual(stop.trailingZeroBitCount / 8, lane) }
            }
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(0x20...0x7E).filter { $0 != 0x23 }
        for _ in 0..<2_000 {
            let n = Int.random(in: 0...40, using: &rng)
            var bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            if n > 0 && Bool.random(using: &rng) { bytes[Int.random(in: 0..<n, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            let start = n > 0 ? Int.random(in: 0..<n, using: &rng) : 0
            let expected = bytes[start...].firstIndex { !plain($0) } ?? n
            let got = bytes.withUnsafeBufferPointer { WorkflowCommandGuard.plainRunEnd($0, from: start) }
            XCTAssertEqual(got, expected, "\(bytes) from \(start)")
        }
    }

    /// A prefix deep inside a long plain line is still found after the bulk copy.
    func testLongLinesAreStillGuarded() {
        let long = String(repeating: "abcdefgh", count: 5)
        XCTAssertEqual(WorkflowCommandGuard.neutralise("x" + long + "##[error]y\n"), "x" + long + "##\\[error]y\n")
        XCTAssertEqual(WorkflowCommandGuard.neutralise(long + "\n::error::z"), long + "\n: :error::z")
        XCTAssertEqual(WorkflowCommandGuard.neutralise(long + "\r::e::z"), long + "\\r::e::z")
    }
}
