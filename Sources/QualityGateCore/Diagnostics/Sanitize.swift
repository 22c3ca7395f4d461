/// Makes untrusted text (metric names, keys and values from training jobs) safe
/// to print on one line: control characters are shown as escapes, so a name like
/// "x\n::set-env" can never start a new line that a CI runner would execute,
/// and invisible format characters (bidi overrides such as U+202E, zero-width
/// spaces) are shown too, so a name cannot display as something it is not.
public enum Sanitize {
    /// Names in human reports (text, Markdown, --explain, annotation titles,
    /// error messages) are cut to this many Unicode scalars, ending in "…": a
    /// 2 MB gate name must not be printed 2 MB at a time. Machine formats (JSON,
    /// JUnit, Prometheus) keep the whole name.
    public static let nameLimit = 200

    public static func inline(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where mustEscape(s) {
            needs = true
            break
        }
        if !needs { return text }
        return Escaping.map(text) { s in mustEscape(s) ? escape(s) : nil }
    }

    /// A name for a human report: `inline`, cut to `limit` scalars with an
    /// ellipsis. Reads at most `limit` + 1 scalars of `text`, so a huge name costs
    /// no more than a short one.
    public static func name(_ text: String, limit: Int = nameLimit) -> String {
        // Printable ASCII that fits is itself (every gate and metric name of a report passes here).
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        var width = 0
        var beforeEllipsis: String?
        for s in text.unicodeScalars {
            let piece = mustEscape(s) ? escape(s) : String(s)
            let w = piece.unicodeScalars.count
            // Where to cut if the whole does not fit: room is left for the ellipsis.
            if beforeEllipsis == nil && width + w > limit - 1 { beforeEllipsis = out }
            width += w
            if width > limit { return (beforeEllipsis ?? "") + "…" }
            out += piece
        }
        return out
    }

    /// How a scalar that `mustEscape` is shown.
    static func escape(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(s.value, radix: 16) + "}"
        }
    }

    /// Controls and invisible format characters: C0, DEL, C1 (NEL included), the
    /// Unicode line/paragraph separators, and every format character (Cf: bidi
    /// embeddings and overrides, zero-width spaces and joiners, BOM, tags).
    public static func mustEscape(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value < 0x20 || s.value == 0x7F }
        return isControl(s) || s.properties.generalCategory == .format
    }

    /// C0, DEL, C1 controls and the Unicode line/paragraph separators.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.value == 0x2028 || s.value == 0x2029
    }

    /// Quoted for a message: `name` with controls escaped, cut to `nameLimit`.
    public static func quoted(_ text: String) -> String { "`" + name(text) + "`" }
}
