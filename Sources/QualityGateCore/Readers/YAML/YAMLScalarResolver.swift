/// Resolves a plain scalar's text to a value with the YAML 1.2 core schema.
/// Unlike YAML 1.1 readers (PyYAML), `yes`/`no`/`on`/`off` stay strings,
/// `1e3` is a float and `0777` is the decimal integer 777.
enum YAMLScalarResolver {
    static func resolvePlain(_ text: ArraySlice<UInt8>) -> YAMLNode.Value {
        let n = text.count
        if n == 0 { return .null }
        let s = String(decoding: text, as: UTF8.self)
        switch s {
        case "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        let first = text[text.startIndex]
        guard first == Byte.minus || first == Byte.plus || first == Byte.dot || (first >= Byte.zero && first <= Byte.nine) else {
            return .string(s)
        }
        if let v = resolveInteger(text, s) { return v }
        if isFloat(text), let d = Double(s) { return .double(d) }
        return .string(s)
    }

    private static func resolveInteger(_ text: ArraySlice<UInt8>, _ s: String) -> YAMLNode.Value? {
        let bytes = Array(text)
        if bytes.count > 2 && bytes[0] == Byte.zero && (bytes[1] == 0x6F || bytes[1] == 0x78) {
            let radix = bytes[1] == 0x6F ? 8 : 16
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            guard digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
            if let v = Int(digits, radix: radix) { return .int(v) }
            return Double(exactly: parseBig(digits, radix: radix)).map { .double($0) }
        }
        var i = 0
        if bytes[0] == Byte.minus || bytes[0] == Byte.plus { i = 1 }
        guard i < bytes.count, bytes[i...].allSatisfy({ isDigit($0, radix: 10) }) else { return nil }
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
