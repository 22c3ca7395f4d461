/// The module's small `String` helpers, in one place so that no area grows its
/// own copy of the same one.
extension String {
    var nonEmpty: String? { isEmpty ? nil : self }

    /// `2026-11-24T12:00:00Z` → `2026-11-24T12:00:00` (JUnit's timestamp has no zone).
    func replacingZ() -> String { hasSuffix("Z") ? String(dropLast()) : self }

    func trimmingSuffix(_ suffix: Character) -> String {
        var s = self
        while s.last == suffix { s.removeLast() }
        return s
    }

    func trimmingASCIIWhitespace() -> String {
        var bytes = Array(utf8)
        while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09 {
            start += 1
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
