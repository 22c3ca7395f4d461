/// Escaping for untrusted text (metric names, messages) in GitHub-flavoured
/// Markdown: a value can neither break a table nor inject HTML or links.
public enum Markdown {
    /// For table cells and prose: backslash-escapes Markdown punctuation,
    /// turns `<`/`>`/`&` into entities, `|` into `\|`, and newlines into spaces.
    public static func escape(_ text: String) -> String {
        Escaping.map(Sanitize.inline(text)) { u in
            switch u {
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "&": return "&amp;"
            case "|": return "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "!", "~": return "\\" + String(u)
            default: return nil
            }
        }
    }
}
