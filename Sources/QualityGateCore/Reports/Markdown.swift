/// Escaping for untrusted text (metric names, messages) in GitHub-flavoured
/// Markdown: a value can neither break a table nor inject HTML or links, nor
/// ping anyone when the report is posted as a PR comment.
public enum Markdown {
    /// For table cells and prose: controls and bidi overrides shown as escapes
    /// (`Sanitize`), Markdown punctuation backslash-escaped, `<`/`>`/`&` as
    /// entities, `|` as `\|`. `@` is followed by a zero-width space (`@&#8203;`,
    /// as Dependabot writes it), so `@user` renders as text and is no mention or
    /// e-mail link; the `:` of `://` and the `.` of `www.` are written as
    /// entities, so no bare URL becomes a link.
    public static func escape(_ text: String) -> String {
        let s = Array(Sanitize.inline(text).unicodeScalars)
        var out = ""
        out.reserveCapacity(s.count)
        for (i, u) in s.enumerated() {
            switch u {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "!", "~": out += "\\" + String(u)
            case "@": out += "@&#8203;"
            case ":" where i + 2 < s.count && s[i + 1] == "/" && s[i + 2] == "/": out += "&#58;"
            case "." where i >= 3 && String(String.UnicodeScalarView(s[(i - 3)..<i])).lowercased() == "www": out += "&#46;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
