/// The elements and attributes a page holds, read the way an HTML tokenizer
/// reads tags (names up to whitespace, `/` or `>`; attribute values quoted
/// with `"` or `'`, or bare), so a test can assert that untrusted text added
/// none: every element and attribute is one qgate writes, and no text
/// outside a quoted value starts a tag.
///
/// Plain Swift (no Foundation): a tokenizer of its own, not a lenient parser
/// that would forgive what a browser would not.
public enum HTMLMarkupCheck {
    public struct Markup: Equatable {
        public var elements: Set<String> = []
        public var attributes: Set<String> = []
        /// Attribute values that name a script or an outside resource.
        public var suspiciousValues: [String] = []
    }

    /// What qgate's pages may contain; anything else came from the data.
    public static let allowedElements: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3",
        "p", "b", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "pre", "code", "span", "div",
        "svg", "rect", "line", "circle", "path", "polyline", "text", "g"
    ]
    public static let allowedAttributes: Set<String> = [
        "lang", "charset", "name", "content", "http-equiv", "class", "role", "colspan", "width", "height", "viewbox",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d", "points", "transform", "text-anchor", "stroke-dasharray", "open"
    ]

    public static func scan(_ page: String) -> Markup {
        let s = Array(page.unicodeScalars)
        var m = Markup()
        var i = 0
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\n" || u == "\t" || u == "\r" || u == "\u{0C}" }
        func lower(_ a: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(a)).lowercased() }
        while i < s.count {
            guard s[i] == "<", i + 1 < s.count, s[i + 1] == "/" || s[i + 1] == "!" || s[i + 1].properties.isAlphabetic else {
                i += 1
                continue
            }
            let closing = s[i + 1] == "/"
            var j = i + (closing ? 2 : 1)
            let start = j
            while j < s.count, !isSpace(s[j]), s[j] != ">", s[j] != "/" || j == start { j += 1 }
            let name = lower(s[start..<j])
            if !closing { m.elements.insert(name) }
            // Attributes until `>`.
            while j < s.count, s[j] != ">" {
                if isSpace(s[j]) || s[j] == "/" {
                    j += 1
                    continue
                }
                let a = j
                while j < s.count, !isSpace(s[j]), s[j] != "=", s[j] != ">", s[j] != "/" { j += 1 }
                let attribute = lower(s[a..<j])
                if name != "!doctype" { m.attributes.insert(attribute) }
                guard j < s.count, s[j] == "=" else { continue }
                j += 1
                var value: ArraySlice<Unicode.Scalar>
                if j < s.count, s[j] == "\"" || s[j] == "'" {
                    let quote = s[j]
                    let v = j + 1
                    j = v
                    while j < s.count, s[j] != quote { j += 1 }
                    value = s[v..<min(j, s.count)]
                    j += 1
                } else {
                    let v = j
                    while j < s.count, !isSpace(s[j]), s[j] != ">" { j += 1 }
                    value = s[v..<j]
                }
                let text = lower(value)
                if text.contains("javascript:") || text.contains("http:") || text.contains("https:") || text.contains("//") {
                    m.suspiciousValues.append(text)
                }
            }
            i = j + 1
            // A style element's content is CSS, not markup.
            if name == "style" && !closing {
                while i + 7 < s.count, lower(s[i..<(i + 7)]) != "</style" { i += 1 }
            }
        }
        return m
    }

    /// Every element and attribute not in the allowed sets, and suspicious values: empty when clean.
    public static func foreign(_ page: String) -> [String] {
        let m = scan(page)
        return m.elements.subtracting(allowedElements).sorted().map { "element <\($0)>" }
            + m.attributes.subtracting(allowedAttributes).sorted().map { "attribute \($0)=" }
            + m.suspiciousValues.map { "value \($0)" }
    }
}
