import QGateTestSupport
import XCTest

/// The emulator itself must find what the runner would execute, or the
/// injection tests built on it prove nothing.
final class GitHubRunnerEmulatorTests: XCTestCase {
    func testFindsBothParsersCommandsAfterEveryLineBreakAndUnicodeSpace() {
        let output =
            "ok\n::error::a\r  ::warning::b\r\n\u{A0}\u{2003}::notice::c\nx ##[add-mask]secret\u{2028}::debug::d\u{85}::group::e\n\u{2028}\u{85}::stop-commands::t"
        let found = GitHubRunnerEmulator.commands(in: output).map { "\($0.parser.rawValue) \($0.name)" }
        XCTAssertEqual(found, ["v2 error", "v2 warning", "v2 notice", "legacy add-mask", "v2 stop-commands"])
        // StreamReader.ReadLine splits at CR and LF only: U+2028 and NEL do not end a line.
        XCTAssertEqual(GitHubRunnerEmulator.lines("a\u{2028}b\u{85}c").count, 1)
    }

    func testPlainTextIsNoCommand() {
        XCTAssertEqual(GitHubRunnerEmulator.commands(in: "a: :b\n# [x]\n:x::y\n").count, 0)
        XCTAssertEqual(GitHubRunnerEmulator.lines("a\r\nb\rc\n\nd").count, 5)
    }

    /// The runner's StartsWith/IndexOf are culture-sensitive (ICU): characters
    /// without collation weight do not separate `::` or `##[`.
    func testIgnorableCharactersDoNotHideACommand() {
        let output = ":\u{200B}:error::a\n\u{A0}\u{1B}::warning::b\n#\u{FE0F}#[add-mask]x\nx ##\u{1B}[0m\n\u{200B} ::notice::no"
        let found = GitHubRunnerEmulator.commands(in: output).map { "\($0.parser.rawValue) \($0.name)" }
        XCTAssertEqual(found, ["v2 error", "v2 warning", "legacy add-mask", "legacy 0m"])
    }
}
