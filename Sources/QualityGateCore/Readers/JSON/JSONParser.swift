/// A strict RFC 8259 reader on UTF-8 bytes with line/column errors. It also
/// accepts the `NaN`, `Infinity` and `-Infinity` tokens that Python's
/// `json.dump` writes, and refuses duplicate object keys.
public enum JSON {
    public static let maximumDepth = 256

    public static func parse(_ bytes: [UInt8], file: String) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, file: file)
        return try parser.parseDocument()
    }

    /// Parses with bounded memory for readers that need only objects and
    /// scalars (a metrics file): array items are checked and dropped (an array
    /// reads as empty), and at most `maximumKeys` object keys are accepted.
    public static func parse(_ bytes: [UInt8], file: String, keepingArrayItems: Bool, maximumKeys: Int) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, file: file)
        parser.keepArrayItems = keepingArrayItems
        parser.maximumKeys = maximumKeys
        return try parser.parseDocument()
    }

    public static func parse(_ text: String, file: String = "<string>") throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), file: file)
    }
}

struct JSONParser {
    let bytes: [UInt8]
    let source: SourceText
    var pos = 0
    var depth = 0
    var keepArrayItems = true
    var maximumKeys = Int.max
    var keys = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.source = SourceText(file: file, bytes: bytes)
    }

    func location(_ offset: Int) -> SourceLocation { source.location(of: offset) }

    func value(_ kind: JSONValue.Kind, _ offset: Int) -> JSONValue { JSONValue(kind, offset: offset, source: source) }

    mutating func error(_ message: String, at offset: Int, hint: String? = nil) -> JSONError {
        JSONError(message, at: location(offset), hint: hint)
    }

    var cur: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { break }
        }
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw error("invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true))", at: bad,
                        hint: "write the file as UTF-8")
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        skipWhitespace()
        if pos >= bytes.count { throw error("empty document: expected a JSON value", at: pos) }
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw error("unexpected \(describe(cur)) after the JSON value", at: pos,
                        hint: "a file holds exactly one JSON value")
        }
        return value
    }

    func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    mutating func parseValue() throws(JSONError) -> JSONValue {
        let start = pos
        switch cur {
        case 0x7B: return try parseObject()
        case 0x5B: return try parseArray()
        case 0x22: return value(.string(try parseString()), start)
        case 0x74: try expectWord("true"); return value(.bool(true), start)
        case 0x66: try expectWord("false"); return value(.bool(false), start)
        case 0x6E: try expectWord("null"); return value(.null, start)
        case 0x4E: try expectWord("NaN"); return value(.number(.nan), start)
        case 0x49: try expectWord("Infinity"); return value(.number(.infinity), start)
        case 0x2D where pos + 1 < bytes.count && bytes[pos + 1] == 0x49:
            pos += 1
            try expectWord("Infinity")
            return value(.number(-.infinity), start)
        case 0x2D, 0x30...0x39:
            return value(.number(try parseNumber()), start)
        default:
            if pos >= bytes.count { throw error("unexpected end of file: expected a value", at: pos) }
            throw error("unexpected \(describe(cur)): expected a value", at: pos,
                        hint: cur == 0x27 ? "JSON strings use double quotes" : nil)
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let start = pos
        let w = word.withUTF8Buffer { Array($0) }
        for b in w {
            guard cur == b else {
                throw error("invalid literal: expected '\(word)'", at: start)
            }
            pos += 1
        }
        // `trueish` must not pass as `true`.
        if pos < bytes.count, isIdentifierByte(bytes[pos]) {
            throw error("invalid literal: expected '\(word)'", at: start)
        }
    }

    func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    mutating func enter(_ offset: Int) throws(JSONError) {
        depth += 1
        if depth > JSON.maximumDepth {
            throw error("nesting is deeper than \(JSON.maximumDepth) levels", at: offset)
        }
    }

    mutating func parseObject() throws(JSONError) -> JSONValue {
        let start = pos
        try enter(start)
        defer { depth -= 1 }
        pos += 1
        var members: [JSONMember] = []
        // Duplicate keys: a linear scan for small objects, a dictionary once large.
        var seen: [String: Int]?
        skipWhitespace()
        if cur == 0x7D { pos += 1; return value(.object([]), start) }
        while true {
            skipWhitespace()
            guard cur == 0x22 else {
                if pos >= bytes.count { throw error("unterminated object", at: start, hint: "add the closing '}'") }
                throw error("expected a string key, found \(describe(cur))", at: pos,
                            hint: cur == 0x7D ? "remove the trailing comma" : "object keys are double-quoted strings")
            }
            let keyStart = pos
            keys += 1
            if keys > maximumKeys {
                throw error("more than \(maximumKeys) keys", at: keyStart, hint: "a metrics file holds metrics, not data; keep large results elsewhere")
            }
            let key = try parseString()
            if seen == nil && members.count >= 16 {
                var index: [String: Int] = [:]
                index.reserveCapacity(members.count * 2)
                for m in members { index[m.key] = m.keyOffset }
                seen = index
            }
            let duplicate = seen != nil ? seen?[key] : members.first(where: { $0.key == key })?.keyOffset
            if let firstOffset = duplicate {
                throw error("duplicate key \(Sanitize.quoted(key)) (first defined at line \(location(firstOffset).line))", at: keyStart,
                            hint: "remove one of the two entries")
            }
            seen?[key] = keyStart
            skipWhitespace()
            guard cur == 0x3A else {
                throw error("expected ':' after the key, found \(pos < bytes.count ? describe(cur) : "end of file")", at: pos)
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, keyOffset: keyStart, value: value))
            skipWhitespace()
            if cur == 0x2C { pos += 1; continue }
            if cur == 0x7D { pos += 1; break }
            if pos >= bytes.count { throw error("unterminated object", at: start, hint: "add the closing '}'") }
            throw error("expected ',' or '}' in object, found \(describe(cur))", at: pos)
        }
        return value(.object(members), start)
    }

    mutating func parseArray() throws(JSONError) -> JSONValue {
        let start = pos
        try enter(start)
        defer { depth -= 1 }
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if cur == 0x5D { pos += 1; return value(.array([]), start) }
        while true {
            skipWhitespace()
            if cur == 0x5D { throw error("trailing comma in array", at: pos, hint: "remove the comma before ']'") }
            let item = try parseValue()
            if keepArrayItems { items.append(item) }
            skipWhitespace()
            if cur == 0x2C { pos += 1; continue }
            if cur == 0x5D { pos += 1; break }
            if pos >= bytes.count { throw error("unterminated array", at: start, hint: "add the closing ']'") }
            throw error("expected ',' or ']' in array, found \(describe(cur))", at: pos)
        }
        return value(.array(items), start)
    }

    mutating func parseString() throws(JSONError) -> String {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < bytes.count else {
                throw error("unterminated string", at: start, hint: "add the closing '\"'")
            }
            let b = bytes[pos]
            if b == 0x22 {
                if out.isEmpty { let s = String(decoding: bytes[runStart..<pos], as: UTF8.self); pos += 1; return s }
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x0A || b == 0x0D {
                throw error("unterminated string", at: start,
                            hint: "close the quote before the end of the line; write a line break inside a string as \\n")
            }
            if b < 0x20 {
                throw error("control character 0x\(String(b, radix: 16, uppercase: true)) in string", at: pos,
                            hint: "escape it, e.g. \\n")
            }
            if b == 0x5C {
                out.append(contentsOf: bytes[runStart..<pos])
                try parseEscape(into: &out)
                runStart = pos
                continue
            }
            pos += 1
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        let start = pos
        pos += 1
        let c = cur
        pos += 1
        switch c {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x2F: out.append(0x2F)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
            var scalar = try hex4(start)
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard cur == 0x5C, pos + 1 < bytes.count, bytes[pos + 1] == 0x75 else {
                    throw error("unpaired surrogate in \\u escape", at: start)
                }
                pos += 2
                let low = try hex4(start)
                guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid low surrogate in \\u escape", at: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error("unpaired surrogate in \\u escape", at: start)
            }
            guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: start) }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        default:
            throw error("invalid escape sequence in string", at: start, hint: "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    mutating func hex4(_ escapeStart: Int) throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = cur
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("\\u escape needs 4 hex digits", at: escapeStart)
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    /// RFC 8259 number grammar, checked byte by byte, then converted with the
    /// correctly rounded standard-library parser.
    mutating func parseNumber() throws(JSONError) -> Double {
        let start = pos
        if cur == 0x2D { pos += 1 }
        if cur == 0x30 {
            pos += 1
            if cur >= 0x30 && cur <= 0x39 {
                throw error("invalid number: leading zeros are not allowed", at: start)
            }
        } else if cur >= 0x31 && cur <= 0x39 {
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        } else {
            throw error("invalid number: expected a digit", at: pos)
        }
        if cur == 0x2E {
            pos += 1
            guard cur >= 0x30 && cur <= 0x39 else { throw error("invalid number: expected a digit after '.'", at: pos) }
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        }
        if cur == 0x65 || cur == 0x45 {
            pos += 1
            if cur == 0x2B || cur == 0x2D { pos += 1 }
            guard cur >= 0x30 && cur <= 0x39 else { throw error("invalid number: expected a digit in the exponent", at: pos) }
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        }
        if pos < bytes.count, isIdentifierByte(bytes[pos]) || bytes[pos] == 0x2E {
            throw error("invalid number", at: start)
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number", at: start) }
        return value
    }
}
