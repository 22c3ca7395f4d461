/// XML escaping for attribute values and text (JUnit reports): `& < > " '`,
/// control characters XML 1.0 cannot carry are replaced by U+FFFD, other
/// controls and invisible characters are shown as `\u{202e}`. The `[`
/// of a `##[` is written `&#91;`, so a CI runner printing the report never
/// sees its legacy command prefix; the value is unchanged.
public enum XML {
    public static func escape(_ text: String) -> String {
        var scanner = WorkflowCommandGuard.LegacyPrefixScanner()
        return Escaping.map(text) { u in
            if scanner.completesPrefix(u) { return "&#91;" }
            switch u {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\n": return "&#10;"
            case "\r": return "&#13;"
            case "\t": return "&#9;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { return "\u{FFFD}" }
                // C1 controls, bidi overrides, zero-width characters: shown, as `Sanitize` shows them.
                return Sanitize.mustEscape(u) ? Sanitize.escape(u) : nil
            }
        }
    }
}
