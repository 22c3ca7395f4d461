#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts categorical values straight from CSV bytes. Most categorical columns
/// have a handful of values, so the first 32 are kept as byte arrays and found
/// by a linear scan (no String, no hashing per cell); beyond that a dictionary
/// takes over.
struct CategoryCounter {
    private var keys: [[UInt8]] = []
    /// Each key's first 8 bytes, zero-padded: a key of at most 8 bytes is found by one word compare (and its length).
    private var words: [UInt64] = []
    private var lengths: [Int] = []
    private var counts: [Int] = []
    private var overflow: [String: Int] = [:]
    static let linearLimit = 32

    /// Counts `cell` (`count` times); returns false if the bytes are not valid UTF-8 (nothing is counted then).
    mutating func add(_ cell: UnsafeBufferPointer<UInt8>, count: Int = 1) -> Bool {
        let word = Self.prefixWord(cell)
        if cell.count <= 8 {
            for i in words.indices where words[i] == word && lengths[i] == cell.count {
                counts[i] += count
                return true
            }
        } else {
            if let i = find(cell) {
                counts[i] += count
                return true
            }
        }
        if cell.contains(where: { $0 >= 0x80 }) && UTF8Validation.firstInvalidOffset(Array(cell)) != nil { return false }
        if keys.count < Self.linearLimit {
            keys.append(Array(cell))
            words.append(word)
            lengths.append(cell.count)
            counts.append(count)
        } else {
            overflow[String(decoding: cell, as: UTF8.self), default: 0] += count
        }
        return true
    }

    /// Adds the counts of `other` (the same column in another part of a file).
    /// A value may then be both a key and in `overflow`: `dictionary` sums the two.
    mutating func add(_ other: CategoryCounter) {
        for (key, n) in zip(other.keys, other.counts) {
            _ = key.withUnsafeBufferPointer { add($0, count: n) }
        }
        overflow.merge(other.overflow, uniquingKeysWith: +)
    }

    @inline(__always) private static func prefixWord(_ cell: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var w: UInt64 = 0
        for k in 0..<min(8, cell.count) { w |= UInt64(cell[k]) << (8 * k) }
        return w
    }

    /// A key longer than 8 bytes, compared in full.
    private func find(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        for i in keys.indices where keys[i].count == cell.count && (cell.isEmpty || keys[i][0] == cell[0]) {
            let same = cell.isEmpty || keys[i].withUnsafeBufferPointer { memcmp($0.baseAddress!, cell.baseAddress!, cell.count) == 0 }
            if same { return i }
        }
        return nil
    }

    var dictionary: [String: Int] {
        var d = overflow
        for (k, n) in zip(keys, counts) { d[String(decoding: k, as: UTF8.self), default: 0] += n }
        return d
    }
}
