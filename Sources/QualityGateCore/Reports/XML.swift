/// XML escaping for attribute values and text (JUnit reports): `& < > " '`,
/// and control characters XML 1.0 cannot carry are replaced by U+FFFD.
public enum XML {
    public static func escape(_ text: String) -> String {
        Escaping.map(text) { u in
            switch u {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\n": return "&#10;"
            case "\r": return "&#13;"
            case "\t": return "&#9;"
            default: return u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF ? "\u{FFFD}" : nil
            }
        }
    }
}
