/// Resolves a plain scalar's text to a value with the YAML 1.2 core schema.
/// Unlike YAML 1.1 readers (PyYAML), `yes`/`no`/`on`/`off` stay strings,
/// `1e3` is a float and `0777` is the decimal integer 777.
enum YAMLScalarResolver {
    /// The core schema's words, each with its value. Matched on bytes: most
    /// plain scalars of a policy are keys, and a `String` compared against
    /// each word cost more than the rest of their parse.
    private static let words: [(word: StaticString, value: YAMLNode.Value)] = [
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        (".inf", .double(.infinity)), (".Inf", .double(.infinity)), (".INF", .double(.infinity)),
        ("+.inf", .double(.infinity)), ("+.Inf", .double(.infinity)), ("+.INF", .double(.infinity)),
        ("-.inf", .double(-.infinity)), ("-.Inf", .double(-.infinity)), ("-.INF", .double(-.infinity)),
        (".nan", .double(.nan)), (".NaN", .double(.nan)), (".NAN", .double(.nan))
    ]

    static func resolvePlain(_ text: ArraySlice<UInt8>) -> YAMLNode.Value {
        let n = text.count
        if n == 0 { return .null }
        let first = text[text.startIndex]
        if n <= 6
            && (first == 0x7E || first == 0x6E || first == 0x4E || first == 0x74 || first == 0x54 || first == 0x66 || first == 0x46
                || first == Byte.dot || first == Byte.plus || first == Byte.minus)
        {
            for (word, value) in words where word.utf8CodeUnitCount == n {
                if word.withUTF8Buffer({ $0.elementsEqual(text) }) { return value }
            }
        }
        guard first == Byte.minus || first == Byte.plus || first == Byte.dot || (first >= Byte.zero && first <= Byte.nine) else {
            return .string(String(decoding: text, as: UTF8.self))
        }
        if let v = decimalInteger(text) ?? resolveInteger(text) { return v }
        if isFloat(text) {
            if let d = simpleFloat(text) ?? Double(String(decoding: text, as: UTF8.self)) { return .double(d) }
        }
        return .string(String(decoding: text, as: UTF8.self))
    }

    /// `[-+]?[0-9]+` that fits an `Int`, on bytes: what `Int(String)` gives
    /// (nil for anything else, which the general path then reads).
    static func decimalInteger(_ text: ArraySlice<UInt8>) -> YAMLNode.Value? {
        var i = text.startIndex
        let negative = text[i] == Byte.minus
        if negative || text[i] == Byte.plus { i += 1 }
        guard i < text.endIndex, text.endIndex - i <= 18 else { return nil }
        var v = 0
        while i < text.endIndex {
            let b = text[i]
            guard b >= Byte.zero && b <= Byte.nine else { return nil }
            v = v * 10 + Int(b - Byte.zero)
            i += 1
        }
        return .int(negative ? -v : v)
    }

    /// A float of at most 19 digits whose value Clinger's fast path gives
    /// exactly (`ClingerFastPath`), on bytes; nil sends it to `Double(String)`.
    /// `text` already matched `isFloat`.
    static func simpleFloat(_ text: ArraySlice<UInt8>) -> Double? {
        var i = text.startIndex
        let end = text.endIndex
        let negative = text[i] == Byte.minus
        if negative || text[i] == Byte.plus { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var afterDot = false
        while i < end {
            let b = text[i]
            if b == Byte.dot {
                afterDot = true
            } else if b >= Byte.zero && b <= Byte.nine {
                mantissa = mantissa &* 10 &+ UInt64(b - Byte.zero)
                digits += 1
                if afterDot { exponent -= 1 }
            } else {
                break
            }
            i += 1
        }
        guard digits <= 19 else { return nil }
        if i < end {
            // An exponent: `e`, an optional sign and 1–4 digits (longer ones take the general path).
            i += 1
            var sign = 1
            if text[i] == Byte.minus || text[i] == Byte.plus {
                if text[i] == Byte.minus { sign = -1 }
                i += 1
            }
            guard end - i <= 4 else { return nil }
            var e = 0
            while i < end {
                e = e * 10 + Int(text[i] - Byte.zero)
                i += 1
            }
            exponent += sign * e
        }
        return ClingerFastPath.value(mantissa, exponent: exponent, negative: negative)
    }

    /// Hexadecimal (`0x`), octal (`0o`) and the decimal integers `decimalInteger` leaves (out of its range).
    private static func resolveInteger(_ text: ArraySlice<UInt8>) -> YAMLNode.Value? {
        let b = text.startIndex
        if text.count > 2 && text[b] == Byte.zero && (text[b + 1] == 0x6F || text[b + 1] == 0x78) {
            let radix = text[b + 1] == 0x6F ? 8 : 16
            let digits = String(decoding: text[(b + 2)...], as: UTF8.self)
            guard digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
            if let v = Int(digits, radix: radix) { return .int(v) }
            return Double(exactly: parseBig(digits, radix: radix)).map { .double($0) }
        }
        var i = b
        if text[b] == Byte.minus || text[b] == Byte.plus { i += 1 }
        guard i < text.endIndex, text[i...].allSatisfy({ isDigit($0, radix: 10) }) else { return nil }
        let s = String(decoding: text, as: UTF8.self)
        if let v = Int(s) { return .int(v) }
        // Out of Int range: keep the magnitude as a double rather than failing.
        return Double(s).map { .double($0) }
    }

    private static func parseBig(_ digits: String, radix: Int) -> Double {
        var v = 0.0
        for b in digits.utf8 { v = v * Double(radix) + Double(digitValue(b)) }
        return v
    }

    private static func digitValue(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        default: return Int(b - 0x61 + 10)
        }
    }

    private static func isDigit(_ b: UInt8, radix: Int) -> Bool {
        switch radix {
        case 8: return b >= 0x30 && b <= 0x37
        case 10: return b >= 0x30 && b <= 0x39
        default: return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
        }
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    static func isFloat(_ text: ArraySlice<UInt8>) -> Bool {
        var i = text.startIndex
        let end = text.endIndex
        if i < end && (text[i] == Byte.minus || text[i] == Byte.plus) { i += 1 }
        var intDigits = 0
        while i < end && isDigit(text[i], radix: 10) {
            i += 1
            intDigits += 1
        }
        var fracDigits = 0
        if i < end && text[i] == Byte.dot {
            i += 1
            while i < end && isDigit(text[i], radix: 10) {
                i += 1
                fracDigits += 1
            }
        }
        if intDigits == 0 && fracDigits == 0 { return false }
        if i < end && (text[i] == 0x65 || text[i] == 0x45) {
            i += 1
            if i < end && (text[i] == Byte.minus || text[i] == Byte.plus) { i += 1 }
            var expDigits = 0
            while i < end && isDigit(text[i], radix: 10) {
                i += 1
                expDigits += 1
            }
            if expDigits == 0 { return false }
        }
        return i == end
    }
}
