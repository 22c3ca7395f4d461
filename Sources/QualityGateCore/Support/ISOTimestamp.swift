/// ISO 8601 timestamps as data files write them: `2026-11-24`,
/// `2026-11-24T08:30:00`, `2026-11-24 08:30:00.123Z`, `2026-11-24T23:30:00-02:00`.
/// Freshness uses the UTC calendar day; release statistics the instant.
enum ISOTimestamp {
    /// Days since 1970-01-01 (UTC) of the instant, or nil if the text is not such a timestamp.
    static func utcDay(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        epochSeconds(b).map(Clock.day(ofEpochSeconds:))
    }

    /// Seconds since 1970-01-01T00:00:00Z (fractions dropped).
    static func epochSeconds(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { epochSeconds($0) }
    }

    static func epochSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 10,
            let day = Clock.days(
                fromISODate: String(decoding: UnsafeBufferPointer(rebasing: b[b.startIndex..<b.startIndex + 10]), as: UTF8.self))
        else { return nil }
        let bytes = Array(b)
        var i = 10
        if i == bytes.count { return day * 86400 }
        func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = bytes[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        guard bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), hour < 24, i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = digits(2), minute < 60 else { return nil }
        var second = 0
        if i < bytes.count && bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(2), s <= 60 else { return nil }
            second = s
            if i < bytes.count && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",")) {
                i += 1
                let start = i
                while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        var offset = 0
        if i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "Z"): i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), oh < 24 else { return nil }
                if i < bytes.count && bytes[i] == UInt8(ascii: ":") { i += 1 }
                guard let om = digits(2), om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            default: return nil
            }
        }
        guard i == bytes.count else { return nil }
        return day * 86400 + hour * 3600 + minute * 60 + second - offset
    }
}
