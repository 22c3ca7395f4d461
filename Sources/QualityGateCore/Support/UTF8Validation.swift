/// Finds the first byte that is not part of well-formed UTF-8, so a parser can
/// report "invalid UTF-8 at line 3, column 7" instead of mangling the text.
enum UTF8Validation {
    /// The offset of the first invalid byte, or nil when all bytes are valid UTF-8.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            let n = buf.count
            var i = 0
            while i < n {
                // ASCII, the common case, 32 bytes at a time: per byte, the
                // loop below cost more than the parse that follows.
                if i + 32 <= n, let base = buf.baseAddress {
                    let p = UnsafeRawPointer(base + i)
                    let any =
                        p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                        | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                    if any & 0x8080_8080_8080_8080 == 0 {
                        i += 32
                        continue
                    }
                }
                let b0 = buf[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var lowerBound: UInt8 = 0x80
                var upperBound: UInt8 = 0xBF
                switch b0 {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    lowerBound = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED:
                    length = 3
                    upperBound = 0x9F  // no surrogates
                case 0xF0:
                    length = 4
                    lowerBound = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    upperBound = 0x8F
                default: return i
                }
                if i + length > n { return i }
                let b1 = buf[i + 1]
                if b1 < lowerBound || b1 > upperBound { return i }
                var k = 2
                while k < length {
                    if buf[i + k] & 0xC0 != 0x80 { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}
