/// Makes untrusted text (metric names, keys and values from training jobs) safe
/// to print on one line: control characters are shown as escapes, so a name like
/// "x\n::set-env" can never start a new line that a CI runner would execute.
public enum Sanitize {
    public static func inline(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where isControl(s) { needs = true; break }
        if !needs { return text }
        return Escaping.map(text) { s in
            switch s {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default: return isControl(s) ? "\\u{" + String(s.value, radix: 16) + "}" : nil
            }
        }
    }

    /// C0, DEL, C1 controls and the Unicode line/paragraph separators.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.value == 0x2028 || s.value == 0x2029
    }

    /// Quoted for a message: `name` with controls escaped.
    public static func quoted(_ text: String) -> String { "`" + inline(text) + "`" }
}
