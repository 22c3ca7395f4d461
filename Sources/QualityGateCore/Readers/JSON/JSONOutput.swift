/// Builds JSON output (reports, `--print`) with correct string escaping and
/// stable key order. Non-finite numbers, which JSON cannot hold, are written
/// as the strings "NaN", "Infinity" and "-Infinity".
public enum JSONOutput: Sendable {
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
        // One byte buffer, not String appends: a report of thousands of
        // conditions is written in place and turned into a String once.
        var out = ByteBuffer()
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out.string()
    }

    /// One line, no spaces: for history records, where each record is a line.
    public func renderedCompact() -> String {
        var out = ByteBuffer(capacity: 256)
        writeCompact(into: &out)
        return out.string()
    }

    private func writeCompact(into out: inout ByteBuffer) {
        switch self {
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONOutput.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(into: &out, indent: 0)
        }
    }

    private func write(into out: inout ByteBuffer, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let d):
            if d.isFinite {
                out.append(contentsOf: NumberFormatting.exact(d))
            } else {
                JSONOutput.writeString(NumberFormatting.exact(d), into: &out)
            }
        case .string(let s): JSONOutput.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                out.append(0x20, times: 2 * (indent + 1))
                item.write(into: &out, indent: indent + 1)
                if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            out.append(0x20, times: 2 * indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append("{\n")
            for (i, (key, value)) in members.enumerated() {
                out.append(0x20, times: 2 * (indent + 1))
                JSONOutput.writeString(key, into: &out)
                out.append(": ")
                value.write(into: &out, indent: indent + 1)
                if i + 1 < members.count { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            out.append(0x20, times: 2 * indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 escaping; also escapes U+2028/U+2029 so the output is safe to embed in JavaScript.
    /// Every scalar `Sanitize` would show as an escape (C1 controls, bidi overrides, zero-width
    /// characters) is written `\uXXXX`, and the `[` of a `##[` as `\u005b`: printed, the report
    /// shows no invisible characters and a CI runner finds no command in it (`WorkflowCommandGuard`),
    /// while the value read back is unchanged.
    static func writeString(_ s: String, into out: inout ByteBuffer) {
        out.append(0x22)
        // Printable ASCII without quotes, backslashes or brackets: copy the whole string.
        var text = s
        let plain = text.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy(isPlain) else { return false }
            out.append(UnsafeRawBufferPointer(bytes))
            return true
        }
        if plain {
            out.append(0x22)
            return
        }
        var scanner = WorkflowCommandGuard.LegacyPrefixScanner()
        for u in s.unicodeScalars {
            if scanner.completesPrefix(u) {
                out.append("\\u005b")
                continue
            }
            switch u {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if Sanitize.mustEscape(u) {
                    // Outside the BMP (tag characters): a UTF-16 surrogate pair.
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        hex4(0xD800 + (v >> 10), into: &out)
                        hex4(0xDC00 + (v & 0x3FF), into: &out)
                    } else {
                        hex4(u.value, into: &out)
                    }
                } else {
                    UTF8.encode(u) { out.append($0) }
                }
            }
        }
        out.append(0x22)
    }

    private static func isPlain(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C && b != 0x5B }

    private static func hex4(_ v: UInt32, into out: inout ByteBuffer) {
        let h = String(v, radix: 16)
        out.append("\\u")
        out.append(UInt8(ascii: "0"), times: 4 - h.count)
        out.append(contentsOf: h)
    }
}
