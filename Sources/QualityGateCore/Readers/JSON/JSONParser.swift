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
    /// Such a reader needs positions only for errors, so the source is not
    /// indexed (`SourceText.init(indexed:)`).
    public static func parse(_ bytes: [UInt8], file: String, keepingArrayItems: Bool, maximumKeys: Int) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, file: file, indexed: false)
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

    init(bytes: [UInt8], file: String, indexed: Bool = true) {
        self.bytes = bytes
        self.source = SourceText(file: file, bytes: bytes, indexed: indexed)
    }

    func location(_ offset: Int) -> SourceLocation { source.location(of: offset) }

    func value(_ kind: JSONValue.Kind, _ offset: Int) -> JSONValue { JSONValue(kind, offset: offset, source: source) }

    func error(_ message: JSONError.Message, at offset: Int, hint: String? = nil) -> JSONError {
        JSONError(message, at: location(offset), hint: hint)
    }

    var cur: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    mutating func skipWhitespace() {
        // On the buffer, with a local cursor: called several times per member.
        var i = pos
        bytes.withUnsafeBufferPointer { buffer in
            while i < buffer.count {
                let b = buffer[i]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
            }
        }
        pos = i
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw error(
                .invalidUTF8(bytes[bad]), at: bad,
                hint: "write the file as UTF-8")
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        skipWhitespace()
        if pos >= bytes.count { throw error(.emptyDocument(), at: pos) }
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw error(
                .textAfterValue(describe(cur)), at: pos,
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
        case 0x74:
            try expectWord("true")
            return value(.bool(true), start)
        case 0x66:
            try expectWord("false")
            return value(.bool(false), start)
        case 0x6E:
            try expectWord("null")
            return value(.null, start)
        case 0x4E:
            try expectWord("NaN")
            return value(.number(.nan), start)
        case 0x49:
            try expectWord("Infinity")
            return value(.number(.infinity), start)
        case 0x2D where pos + 1 < bytes.count && bytes[pos + 1] == 0x49:
            pos += 1
            try expectWord("Infinity")
            return value(.number(-.infinity), start)
        case 0x2D, 0x30...0x39:
            return value(.number(try parseNumber()), start)
        default:
            if pos >= bytes.count { throw error(.endInsteadOfValue(), at: pos) }
            throw error(
                .unexpectedInsteadOfValue(describe(cur)), at: pos,
                hint: cur == 0x27 ? "JSON strings use double quotes" : nil)
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let start = pos
        let w = word.withUTF8Buffer { Array($0) }
        for b in w {
            guard cur == b else {
                throw error(.invalidLiteral("\(word)"), at: start)
            }
            pos += 1
        }
        // `trueish` must not pass as `true`.
        if pos < bytes.count, isIdentifierByte(bytes[pos]) {
            throw error(.invalidLiteral("\(word)"), at: start)
        }
    }

    func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    mutating func enter(_ offset: Int) throws(JSONError) {
        depth += 1
        if depth > JSON.maximumDepth {
            throw error(.tooDeep(JSON.maximumDepth), at: offset)
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
        if cur == 0x7D {
            pos += 1
            return value(.object([]), start)
        }
        while true {
            skipWhitespace()
            guard cur == 0x22 else {
                if pos >= bytes.count { throw error(.unterminatedObject(), at: start, hint: "add the closing '}'") }
                throw error(
                    .expectedKey(describe(cur)), at: pos,
                    hint: cur == 0x7D ? "remove the trailing comma" : "object keys are double-quoted strings")
            }
            let keyStart = pos
            keys += 1
            if keys > maximumKeys {
                throw error(
                    .tooManyKeys(maximumKeys), at: keyStart, hint: "a metrics file holds metrics, not data; keep large results elsewhere")
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
                throw error(
                    .duplicateKey(key, firstLine: location(firstOffset).line), at: keyStart,
                    hint: "remove one of the two entries")
            }
            seen?[key] = keyStart
            skipWhitespace()
            guard cur == 0x3A else {
                throw error(.expectedColon(pos < bytes.count ? describe(cur) : "end of file"), at: pos)
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, keyOffset: keyStart, value: value))
            skipWhitespace()
            if cur == 0x2C {
                pos += 1
                continue
            }
            if cur == 0x7D {
                pos += 1
                break
            }
            if pos >= bytes.count { throw error(.unterminatedObject(), at: start, hint: "add the closing '}'") }
            throw error(.expectedCommaOrBrace(describe(cur)), at: pos)
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
        if cur == 0x5D {
            pos += 1
            return value(.array([]), start)
        }
        while true {
            skipWhitespace()
            if cur == 0x5D { throw error(.trailingCommaInArray(), at: pos, hint: "remove the comma before ']'") }
            let item = try parseValue()
            if keepArrayItems { items.append(item) }
            skipWhitespace()
            if cur == 0x2C {
                pos += 1
                continue
            }
            if cur == 0x5D {
                pos += 1
                break
            }
            if pos >= bytes.count { throw error(.unterminatedArray(), at: start, hint: "add the closing ']'") }
            throw error(.expectedCommaOrBracket(describe(cur)), at: pos)
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
                throw error(.unterminatedString(), at: start, hint: "add the closing '\"'")
            }
            let b = bytes[pos]
            if b == 0x22 {
                if out.isEmpty {
                    let s = String(decoding: bytes[runStart..<pos], as: UTF8.self)
                    pos += 1
                    return s
                }
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x0A || b == 0x0D {
                throw error(
                    .unterminatedString(), at: start,
                    hint: "close the quote before the end of the line; write a line break inside a string as \\n")
            }
            if b < 0x20 {
                throw error(
                    .controlCharacter(b), at: pos,
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
                    throw error(.unpairedSurrogate(), at: start)
                }
                pos += 2
                let low = try hex4(start)
                guard low >= 0xDC00 && low < 0xE000 else { throw error(.invalidLowSurrogate(), at: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error(.unpairedSurrogate(), at: start)
            }
            guard let u = Unicode.Scalar(scalar) else { throw error(.invalidUnicodeEscape(), at: start) }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        default:
            throw error(.invalidEscape(), at: start, hint: "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
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
            default: throw error(.shortUnicodeEscape(), at: escapeStart)
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
                throw error(.leadingZero(), at: start)
            }
        } else if cur >= 0x31 && cur <= 0x39 {
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        } else {
            throw error(.expectedDigit(), at: pos)
        }
        if cur == 0x2E {
            pos += 1
            guard cur >= 0x30 && cur <= 0x39 else { throw error(.expectedDigitAfterPoint(), at: pos) }
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        }
        if cur == 0x65 || cur == 0x45 {
            pos += 1
            if cur == 0x2B || cur == 0x2D { pos += 1 }
            guard cur >= 0x30 && cur <= 0x39 else { throw error(.expectedExponentDigit(), at: pos) }
            while cur >= 0x30 && cur <= 0x39 { pos += 1 }
        }
        if pos < bytes.count, isIdentifierByte(bytes[pos]) || bytes[pos] == 0x2E {
            throw error(.invalidNumber(), at: start)
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard let value = Double(text) else { throw error(.invalidNumber(), at: start) }
        return value
    }
}

extension JSONError.Message {
    fileprivate static func invalidUTF8(_ byte: UInt8) -> Self { Self("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))") }
    fileprivate static func emptyDocument() -> Self { Self("empty document: expected a JSON value") }
    fileprivate static func textAfterValue(_ found: String) -> Self { Self("unexpected \(found) after the JSON value") }
    fileprivate static func endInsteadOfValue() -> Self { Self("unexpected end of file: expected a value") }
    fileprivate static func unexpectedInsteadOfValue(_ found: String) -> Self { Self("unexpected \(found): expected a value") }
    fileprivate static func invalidLiteral(_ word: String) -> Self { Self("invalid literal: expected '\(word)'") }
    fileprivate static func tooDeep(_ levels: Int) -> Self { Self("nesting is deeper than \(levels) levels") }
    fileprivate static func unterminatedObject() -> Self { Self("unterminated object") }
    fileprivate static func expectedKey(_ found: String) -> Self { Self("expected a string key, found \(found)") }
    fileprivate static func tooManyKeys(_ limit: Int) -> Self { Self("more than \(limit) keys") }
    fileprivate static func duplicateKey(_ key: String, firstLine: Int) -> Self {
        Self("duplicate key \(Sanitize.quoted(key)) (first defined at line \(firstLine))")
    }
    fileprivate static func expectedColon(_ found: String) -> Self { Self("expected ':' after the key, found \(found)") }
    fileprivate static func expectedCommaOrBrace(_ found: String) -> Self { Self("expected ',' or '}' in object, found \(found)") }
    fileprivate static func trailingCommaInArray() -> Self { Self("trailing comma in array") }
    fileprivate static func unterminatedArray() -> Self { Self("unterminated array") }
    fileprivate static func expectedCommaOrBracket(_ found: String) -> Self { Self("expected ',' or ']' in array, found \(found)") }
    fileprivate static func unterminatedString() -> Self { Self("unterminated string") }
    fileprivate static func controlCharacter(_ byte: UInt8) -> Self {
        Self("control character 0x\(String(byte, radix: 16, uppercase: true)) in string")
    }
    fileprivate static func unpairedSurrogate() -> Self { Self("unpaired surrogate in \\u escape") }
    fileprivate static func invalidLowSurrogate() -> Self { Self("invalid low surrogate in \\u escape") }
    fileprivate static func invalidUnicodeEscape() -> Self { Self("invalid \\u escape") }
    fileprivate static func invalidEscape() -> Self { Self("invalid escape sequence in string") }
    fileprivate static func shortUnicodeEscape() -> Self { Self("\\u escape needs 4 hex digits") }
    fileprivate static func leadingZero() -> Self { Self("invalid number: leading zeros are not allowed") }
    fileprivate static func expectedDigit() -> Self { Self("invalid number: expected a digit") }
    fileprivate static func expectedDigitAfterPoint() -> Self { Self("invalid number: expected a digit after '.'") }
    fileprivate static func expectedExponentDigit() -> Self { Self("invalid number: expected a digit in the exponent") }
    fileprivate static func invalidNumber() -> Self { Self("invalid number") }
}
