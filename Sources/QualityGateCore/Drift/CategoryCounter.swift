#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts categorical values straight from CSV bytes. Most categorical columns
/// have a handful of values, so the first 32 are kept as byte arrays and found
/// by one hashed probe (no String per cell); beyond that a dictionary takes over.
struct CategoryCounter {
    private struct Entry {
        /// The key's bytes in one word when it has at most 8 (see `word(of:)`), else its first 8.
        var word: UInt64
        var length: Int
        var count: Int
    }
    private var keys: [[UInt8]] = []
    private var entries: [Entry] = []
    /// Open addressing over `entries` (index + 1; 0: empty), made at the first key:
    /// 64 slots for at most 32 keys, so a probe sequence always meets an empty slot.
    private var slots: [UInt8] = []
    private var overflow: [String: Int] = [:]
    static let linearLimit = 32

    /// Counts `cell` if it is one of the first 32 keys, the usual case: false (nothing counted) otherwise.
    @inline(__always) mutating func increment(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let i = find(cell) else { return false }
        entries[i].count += 1
        return true
    }

    /// Counts `cell` (`count` times); returns false if the bytes are not valid UTF-8 (nothing is counted then).
    mutating func add(_ cell: UnsafeBufferPointer<UInt8>, count: Int = 1) -> Bool {
        if let i = find(cell) {
            entries[i].count += count
            return true
        }
        if cell.contains(where: { $0 >= 0x80 }) && UTF8Validation.firstInvalidOffset(Array(cell)) != nil { return false }
        if keys.count < Self.linearLimit {
            if slots.isEmpty { slots = [UInt8](repeating: 0, count: 2 * Self.linearLimit) }
            var h = Self.slot(Self.word(of: cell), cell.count)
            while slots[h] != 0 { h = (h + 1) & (slots.count - 1) }
            keys.append(Array(cell))
            entries.append(Entry(word: Self.word(of: cell), length: cell.count, count: count))
            slots[h] = UInt8(entries.count)
        } else {
            overflow[String(decoding: cell, as: UTF8.self), default: 0] += count
        }
        return true
    }

    /// Adds the counts of `other` (the same column in another part of a file).
    /// A value may then be both a key and in `overflow`: `dictionary` sums the two.
    mutating func add(_ other: CategoryCounter) {
        for (key, entry) in zip(other.keys, other.entries) {
            _ = key.withUnsafeBufferPointer { add($0, count: entry.count) }
        }
        overflow.merge(other.overflow, uniquingKeysWith: +)
    }

    /// The index of `cell` among the keys.
    @inline(__always) private func find(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        if slots.isEmpty { return nil }
        let word = Self.word(of: cell)
        let n = cell.count
        var h = Self.slot(word, n)
        while true {
            let s = Int(slots[h])
            if s == 0 { return nil }
            let e = entries[s - 1]
            if e.word == word && e.length == n && (n <= 8 || Self.same(keys[s - 1], cell)) { return s - 1 }
            h = (h + 1) & (slots.count - 1)
        }
    }

    @inline(__always) private static func slot(_ word: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((word &+ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// A word that, with the length, tells apart any two cells of at most 8
    /// bytes: every byte is in it (two overlapping loads of 4 for 4 to 8 bytes;
    /// first, middle and last for 1 to 3). Longer cells: their first 8 bytes.
    @inline(__always) private static func word(of cell: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = cell.count
        guard let p = UnsafeRawPointer(cell.baseAddress), n > 0 else { return 0 }
        if n >= 8 { return p.loadUnaligned(as: UInt64.self) }
        if n >= 4 {
            return UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        }
        return UInt64(cell[0]) | UInt64(cell[n >> 1]) << 8 | UInt64(cell[n - 1]) << 16
    }

    /// A key longer than 8 bytes, compared in full.
    private static func same(_ key: [UInt8], _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        key.withUnsafeBufferPointer { memcmp($0.baseAddress!, cell.baseAddress!, cell.count) == 0 }
    }

    var dictionary: [String: Int] {
        var d = overflow
        for (k, e) in zip(keys, entries) { d[String(decoding: k, as: UTF8.self), default: 0] += e.count }
        return d
    }
}
