#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a CSV cell holds: missing, a number, or text — the one classification
/// every CSV consumer (drift, score, profile) uses.
enum CellValue {
    /// `""`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`, `None`.
    static func isMissing<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
        switch b.count {
        case 0: return true
        case 2: return b.elementsEqual("NA".utf8)
        case 3: return b.elementsEqual("N/A".utf8) || b.elementsEqual("NaN".utf8) || b.elementsEqual("nan".utf8)
        case 4: return b.elementsEqual("null".utf8) || b.elementsEqual("NULL".utf8) || b.elementsEqual("None".utf8)
        default: return false
        }
    }

    /// `isMissing` for a cell in place: a number is told apart by its first byte, without comparing words.
    @inline(__always) static func isMissing(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.isEmpty { return true }
        if b.count > 4 || (b[0] != 0x4E && b[0] != 0x6E) { return false }  // every word starts with N or n
        return isMissing(b[...])
    }

    /// A number too large for a double (`1e999`) counts as missing in any column.
    @inline(__always) static func isOverflow(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, (first >= 0x30 && first <= 0x39) || first == 0x2B || first == 0x2D || first == 0x2E else { return false }
        return number(b)?.isInfinite ?? false
    }

    /// `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?` converted with strtod
    /// (correctly rounded, like Python's float()); nil if the cell is not a number.
    @inline(__always) static func number(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if let v = plainDecimal(b)?.value { return v }
        return anyNumber(b)
    }

    /// The common number cell, `[-+]?[0-9]+(\.[0-9]*)?` with at most 19 digits,
    /// as its digits and decimal places: `±mantissa / 10^scale`.
    struct PlainDecimal {
        let mantissa: UInt64
        /// Digits after the point, at most 19.
        let scale: Int
        let negative: Bool

        /// The cell's double, as `number` gives it, when the mantissa is exact in
        /// a double (at most 2^53): one division; nil otherwise (then strtod decides).
        @inline(__always) var value: Double? { ClingerFastPath.value(mantissa, exponent: -scale, negative: negative) }
    }

    /// The cell as a `PlainDecimal`, read with no check per digit (19 digits
    /// cannot overflow); nil for anything else, which `anyNumber` decides.
    @inline(__always) static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> PlainDecimal? {
        guard let base = b.baseAddress, b.count > 0 else { return nil }
        let end = b.count
        var i = 0
        let negative = base[0] == 0x2D
        if negative || base[0] == 0x2B { i = 1 }
        var mantissa: UInt64 = 0
        let intStart = i
        accumulateDigits(base, &i, end, &mantissa)
        var digits = i - intStart
        var scale = 0
        if i < end && base[i] == 0x2E {
            i += 1
            let fracStart = i
            accumulateDigits(base, &i, end, &mantissa)
            scale = i - fracStart
            digits += scale
        }
        guard i == end, digits > 0, digits <= 19 else { return nil }
        return PlainDecimal(mantissa: mantissa, scale: scale, negative: negative)
    }

    /// Appends the decimal digits from `i` on to `mantissa` (wrapping: the caller
    /// counts them) and leaves `i` at the first byte that is not one.
    @inline(__always) private static func accumulateDigits(
        _ base: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ mantissa: inout UInt64
    ) {
        // Two digits a step halve the chain of multiply-adds; the single-digit loop takes the last one.
        while i &+ 1 < end, case let d0 = base[i] &- 0x30, d0 < 10, case let d1 = base[i &+ 1] &- 0x30, d1 < 10 {
            mantissa = mantissa &* 100 &+ UInt64(d0 &* 10 &+ d1)
            i &+= 2
        }
        while i < end, case let d = base[i] &- 0x30, d < 10 {
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
    }

    /// Any number the grammar above allows, exponent and long mantissas included.
    private static func anyNumber(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = b.startIndex
        let end = b.endIndex
        var negative = false
        if i < end && (b[i] == 0x2B || b[i] == 0x2D) {
            negative = b[i] == 0x2D
            i += 1
        }
        var digits = 0
        var mantissa: UInt64 = 0
        var significant = 0  // digits accumulated into `mantissa` (leading zeros skipped)
        var scale = 0  // decimal places after the point
        var exact = true  // false once a digit did not fit in `mantissa`
        while i < end && b[i] >= 0x30 && b[i] <= 0x39 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
                if mantissa > 0 { significant += 1 }
            } else {
                scale -= 1
                exact = false
            }
            i += 1
            digits += 1
        }
        if i < end && b[i] == 0x2E {
            i += 1
            while i < end && b[i] >= 0x30 && b[i] <= 0x39 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
                    if mantissa > 0 { significant += 1 }
                    scale += 1
                } else {
                    exact = false
                }
                i += 1
                digits += 1
            }
        }
        if digits == 0 { return nil }
        var exponent = 0
        if i < end && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < end && (b[i] == 0x2B || b[i] == 0x2D) {
                expNegative = b[i] == 0x2D
                i += 1
            }
            var expDigits = 0
            while i < end && b[i] >= 0x30 && b[i] <= 0x39 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(b[i] - 0x30) }
                i += 1
                expDigits += 1
            }
            if expDigits == 0 { return nil }
            if expNegative { exponent = -exponent }
        }
        if i != end { return nil }
        if exact, let v = ClingerFastPath.value(mantissa, exponent: exponent - scale, negative: negative) { return v }
        return correctlyRounded(b)
    }

    /// strtod on the cell: the slow path, kept out of line so that the fast one needs no stack buffer.
    @inline(never) private static func correctlyRounded(_ b: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { buf -> Double in
            var k = 0
            for byte in b {
                buf[k] = CChar(bitPattern: byte)
                k += 1
            }
            buf[k] = 0
            return strtod(buf.baseAddress!, nil)
        }
    }
}
