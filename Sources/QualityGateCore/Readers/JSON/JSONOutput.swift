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
        // Bytes, not String appends: a report of thousands of conditions is
        // written in one buffer and turned into a String once.
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// One line, no spaces: for history records, where each record is a line.
    public func renderedCompact() -> String {
        var out: [UInt8] = []
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func writeCompact(into out: inout [UInt8]) {
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

    private static func writeIndent(_ level: Int, into out: inout [UInt8]) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let d):
            if d.isFinite { out += NumberFormatting.exact(d).utf8 } else { JSONOutput.writeString(NumberFormatting.exact(d), into: &out) }
        case .string(let s): JSONOutput.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]".utf8
                return
            }
            out += "[\n".utf8
            for (i, item) in items.enumerated() {
                JSONOutput.writeIndent(indent + 1, into: &out)
                item.write(into: &out, indent: indent + 1)
                out += (i + 1 < items.count ? ",\n" : "\n").utf8
            }
            JSONOutput.writeIndent(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out += "{}".utf8
                return
            }
            out += "{\n".utf8
            for (i, (key, value)) in members.enumerated() {
                JSONOutput.writeIndent(indent + 1, into: &out)
                JSONOutput.writeString(key, into: &out)
                out += ": ".utf8
                value.write(into: &out, indent: indent + 1)
                out += (i + 1 < members.count ? ",\n" : "\n").utf8
            }
            JSONOutput.writeIndent(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 escaping; also escapes U+2028/U+2029 so the output is safe to embed in JavaScript.
    /// Every scalar `Sanitize` would show as an escape (C1 controls, bidi overrides, zero-width
    /// characters) is written `\uXXXX`, and the `[` of a `##[` as `\u005b`: printed, the report
    /// shows no invisible characters and a CI runner finds no command in it (`WorkflowCommandGuard`),
    /// while the value read back is unchanged.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Printable ASCII without quotes, backslashes or brackets: copy the whole string.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.allSatisfy(isPlain) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true || (copied == nil && s.utf8.allSatisfy(isPlain)) {
            if copied == nil { out += s.utf8 }
            out.append(0x22)
            return
        }
        var scanner = WorkflowCommandGuard.LegacyPrefixScanner()
        for u in s.unicodeScalars {
            if scanner.completesPrefix(u) {
                out += "\\u005b".utf8
                continue
            }
            switch u {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
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

    private static func hex4(_ v: UInt32, into out: inout [UInt8]) {
        let h = String(v, radix: 16)
        out += "\\u".utf8
        for _ in h.count..<4 { out.append(UInt8(ascii: "0")) }
        out += h.utf8
    }
}
