/// What GitHub's Actions runner would execute if it read `output` from a step's
/// stdout or stderr: both of its parsers, as actions/runner implements them
/// (`ActionCommandManager`, `ActionCommand.TryParseV2` / `TryParse`), so tests
/// and the fuzz harness can assert that untrusted text never becomes a command.
///
/// - Lines end at LF, CRLF or a lone CR (.NET `StreamReader.ReadLine`).
/// - v2: after `TrimStart()` (every .NET `Char.IsWhiteSpace` scalar, NBSP and
///   U+2000–U+200A included), a line starting with `::` is a command.
/// - legacy: `##[` anywhere in a line starts a command (`IndexOf("##[")`);
///   we count every occurrence, registered command name or not.
/// - The runner's `StartsWith("::")` and `IndexOf("##[")` are culture-sensitive
///   (no StringComparison argument; the runner does not run in invariant
///   globalization mode, so .NET uses ICU), and ICU's collation gives no weight
///   to controls such as ESC or NUL and to default-ignorable code points
///   (U+200B, U+FE0F, …): `:\u{200B}:x` starts with `::` for it, and
///   `#\u{1B}#[` contains `##[`. Both matches skip those characters here too.
///
/// Plain Swift (no Foundation, no XCTest): the fuzz harness compiles this file too.
public enum GitHubRunnerEmulator {
    public struct Command: Equatable, CustomStringConvertible {
        public enum Parser: String { case v2, legacy }
        public var parser: Parser
        /// The command's name (`error`, `warning`, `stop-commands`, `add-mask`…).
        public var name: String
        /// The whole line as the runner saw it (after trimming, for v2).
        public var line: String
        public var description: String { "\(parser.rawValue) \(name): \(line)" }
    }

    /// The lines the runner reads from a stream, as Unicode scalars (compared
    /// scalar by scalar: a combining mark after `::` does not hide a command
    /// from the emulator, which errs towards finding one).
    public static func lines(_ output: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        var afterCR = false
        for s in output.unicodeScalars {
            if s == "\n" && afterCR {
                afterCR = false
                continue
            }  // the LF of a CRLF
            afterCR = s == "\r"
            if s == "\n" || s == "\r" {
                result.append(line)
                line = []
                continue
            }
            line.append(s)
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// Every command either parser would find in `output`.
    public static func commands(in output: String) -> [Command] {
        var found: [Command] = []
        for line in lines(output) {
            let text = String(String.UnicodeScalarView(line))
            // What ICU compares: the line without the characters it ignores.
            let trimmed = Array(line.drop(while: isDotNetWhiteSpace).filter { !isICUIgnorable($0) })
            if trimmed.count >= 2, trimmed[0] == ":", trimmed[1] == ":" {
                let name = trimmed.dropFirst(2).prefix { $0 != " " && $0 != ":" }
                found.append(
                    Command(
                        parser: .v2, name: String(String.UnicodeScalarView(name)),
                        line: String(String.UnicodeScalarView(trimmed))))
            }
            let visible = line.filter { !isICUIgnorable($0) }
            var i = 0
            while i + 2 < visible.count {
                if visible[i] == "#", visible[i + 1] == "#", visible[i + 2] == "[" {
                    let name = visible[(i + 3)...].prefix { $0 != " " && $0 != "]" && $0 != ";" }
                    found.append(Command(parser: .legacy, name: String(String.UnicodeScalarView(name)), line: text))
                }
                i += 1
            }
        }
        return found
    }

    /// Characters ICU's root collation gives no weight (completely ignorable):
    /// controls other than the whitespace ones (TAB to CR, NEL), and the
    /// default-ignorable code points (zero-width spaces and joiners, bidi
    /// controls, variation selectors, soft hyphen, BOM, tags, …).
    public static func isICUIgnorable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x85: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return s.properties.isDefaultIgnorableCodePoint
        }
    }

    /// .NET `Char.IsWhiteSpace`: Unicode Zs, Zl, Zp, U+0009–U+000D, U+0085.
    public static func isDotNetWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
