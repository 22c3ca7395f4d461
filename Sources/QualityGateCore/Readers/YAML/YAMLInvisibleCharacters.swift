/// Characters that make a YAML file read differently to a person (or to
/// PyYAML) than to qgate, refused outside quoted scalars:
///
/// - U+0085, U+2028, U+2029 are line breaks to YAML 1.1 (PyYAML) and to most
///   editors, but not to YAML 1.2, which qgate follows: after one of them in a
///   comment, a gate that everybody else sees is a comment to qgate.
/// - Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069) reorder how a line is displayed, so the text reviewed is
///   not the text parsed ("Trojan Source").
///
/// Inside quoted scalars they are data (a metric name may contain them; reports
/// escape them), as FF and VT are refused everywhere by the control-character check.
enum YAMLInvisibleCharacters {
    /// The character starting at `i`, if it is one of the refused ones: its
    /// code point and its UTF-8 length.
    static func match(_ bytes: [UInt8], at i: Int) -> (scalar: UInt32, length: Int)? {
        let b0 = bytes[i]
        guard b0 == 0xC2 || b0 == 0xD8 || b0 == 0xE2, i + 1 < bytes.count else { return nil }
        let b1 = bytes[i + 1]
        if b0 == 0xC2 { return b1 == 0x85 ? (0x85, 2) : nil }
        if b0 == 0xD8 { return b1 == 0x9C ? (0x061C, 2) : nil }
        guard i + 2 < bytes.count, b1 == 0x80 || b1 == 0x81 else { return nil }
        let scalar = 0x2000 + (UInt32(b1 & 0x3F) << 6) + UInt32(bytes[i + 2] & 0x3F)
        switch scalar {
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return (scalar, 3)
        default: return nil
        }
    }

    /// Offsets of every refused character, in order (usually none).
    static func offsets(in bytes: [UInt8]) -> [(offset: Int, scalar: UInt32)] {
        var found: [(Int, UInt32)] = []
        var i = 0
        while i < bytes.count {
            // Every refused character starts with a byte >= 0x80: skip ASCII eight bytes at a time.
            if i + 8 <= bytes.count,
                bytes.withUnsafeBufferPointer({ UnsafeRawPointer($0.baseAddress! + i).loadUnaligned(as: UInt64.self) })
                    & 0x8080_8080_8080_8080 == 0
            {
                i += 8
                continue
            }
            if bytes[i] < 0x80 {
                i += 1
            } else if let m = match(bytes, at: i) {
                found.append((i, m.scalar))
                i += m.length
            } else {
                i += 1
            }
        }
        return found
    }

    static func name(_ scalar: UInt32) -> String {
        switch scalar {
        case 0x85: return "NEXT LINE (NEL)"
        case 0x2028: return "LINE SEPARATOR"
        case 0x2029: return "PARAGRAPH SEPARATOR"
        case 0x061C: return "ARABIC LETTER MARK"
        case 0x200E: return "LEFT-TO-RIGHT MARK"
        case 0x200F: return "RIGHT-TO-LEFT MARK"
        case 0x202A: return "LEFT-TO-RIGHT EMBEDDING"
        case 0x202B: return "RIGHT-TO-LEFT EMBEDDING"
        case 0x202C: return "POP DIRECTIONAL FORMATTING"
        case 0x202D: return "LEFT-TO-RIGHT OVERRIDE"
        case 0x202E: return "RIGHT-TO-LEFT OVERRIDE"
        case 0x2066: return "LEFT-TO-RIGHT ISOLATE"
        case 0x2067: return "RIGHT-TO-LEFT ISOLATE"
        case 0x2068: return "FIRST STRONG ISOLATE"
        default: return "POP DIRECTIONAL ISOLATE"
        }
    }

    static func error(_ scalar: UInt32, at location: SourceLocation) -> YAMLError {
        let hex = String(scalar, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let isBreak = scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
        let why =
            isBreak
            ? "PyYAML and editors treat it as a line break, qgate (YAML 1.2) does not, so they would see different lines"
            : "it reorders how the line is displayed, so what a reviewer reads is not what qgate parses"
        return YAMLError(
            .unsupported(construct: "\(isBreak ? "Unicode line breaks" : "bidirectional controls") outside quoted strings"),
            "\(code) \(name(scalar)) is not allowed outside quoted strings: \(why)", at: location,
            hint: "delete it; if it is part of a value, put the value in double quotes and write it as \\u\(code.dropFirst(2))")
    }
}
