/// Escaping for untrusted text (metric names, messages) in GitHub-flavoured
/// Markdown: a value can neither break a table nor inject HTML or links.
public enum Markdown {
    /// For table cells and prose: backslash-escapes Markdown punctuation,
    /// turns `<`/`>`/`&` into entities, `|` into `\|`, and newlines into spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for u in Sanitize.inline(text).unicodeScalars {
            switch u {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "!", "~": out += "\\" + String(u)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
