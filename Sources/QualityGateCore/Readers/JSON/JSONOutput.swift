/// Builds JSON output (reports, `--print`) with correct string escaping and
/// stable key order. Non-finite numbers, which JSON cannot hold, are written
/// as the strings "NaN", "Infinity" and "-Infinity".
public indirect enum JSONOutput: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    public static func optional(_ d: Double?) -> JSONOutput { d.map { .number($0) } ?? .null }
    public static func optional(_ s: String?) -> JSONOutput { s.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// One line, no spaces: for history records, where each record is a line.
    public func renderedCompact() -> String {
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeCompact(into out: inout String) {
        switch self {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSONOutput.writeString(key, into: &out)
                out += ":"
                value.writeCompact(into: &out)
            }
            out += "}"
        default:
            write(into: &out, indent: 0)
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d):
            if d.isFinite { out += NumberFormatting.exact(d) } else { JSONOutput.writeString(NumberFormatting.exact(d), into: &out) }
        case .string(let s): JSONOutput.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                JSONOutput.writeString(key, into: &out)
                out += ": "
                value.write(into: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// RFC 8259 escaping; also escapes U+2028/U+2029 so the output is safe to embed in JavaScript.
    /// Every scalar `Sanitize` would show as an escape (C1 controls, bidi overrides, zero-width
    /// characters) is written `\uXXXX`, and the `[` of a `##[` as `\u005b`: printed, the report
    /// shows no invisible characters and a CI runner finds no command in it (`WorkflowCommandGuard`),
    /// while the value read back is unchanged.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F || $0 == 0x5B }) {
            // Printable ASCII without quotes, backslashes or brackets: copy the whole string.
            out += s
            out += "\""
            return
        }
        var scanner = WorkflowCommandGuard.LegacyPrefixScanner()
        for u in s.unicodeScalars {
            if scanner.completesPrefix(u) {
                out += "\\u005b"
                continue
            }
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Sanitize.mustEscape(u) {
                    // Outside the BMP (tag characters): a UTF-16 surrogate pair.
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
                    } else {
                        out += hex4(u.value)
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }
}
