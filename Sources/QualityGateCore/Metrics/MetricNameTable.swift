/// A set of flattened metric names kept as bytes: one byte array for all the
/// names and an open-addressing table of indices, so that adding or finding a
/// name allocates no `String` and no node. `JSONMetricsScan` uses it to find a
/// duplicate name among keys it does not materialise, and `MetricSelection` to
/// say whether a name is wanted.
///
/// The hash is FNV-1a over the bytes, which can be continued: the hash of
/// `prefix + key` starts from the hash of `prefix`, so a key costs its own bytes.
struct MetricNameTable: Sendable {
    static let emptyHash: UInt64 = 0xCBF2_9CE4_8422_2325

    /// `hash` continued over `bytes[range]`.
    @inline(__always)
    static func hash(_ hash: UInt64, _ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var h = hash
        for i in range { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01B3 }
        return h
    }

    static func hash(_ name: [UInt8]) -> UInt64 { hash(emptyHash, name, 0..<name.count) }

    /// Every name, back to back; name `i` ends at `ends[i]` and starts where name `i - 1` ends.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// A name's index + 1 in the low half and the top of its hash in the high
    /// half (most probes compare no bytes), 0 for an empty slot; a power of
    /// two long, at most half full.
    private var slots: [UInt64]
    private var shift: UInt64

    init(capacity: Int = 16) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
        ends.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { ends.count }

    /// Adds `name[0..<length]` (whose hash is `hash`); false when it was already there.
    mutating func insert(_ name: [UInt8], length: Int, hash: UInt64) -> Bool {
        if find(name, length: length, hash: hash) != nil { return false }
        if (count + 1) * 2 > slots.count { grow() }
        name.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<length])) }
        ends.append(bytes.count)
        hashes.append(hash)
        place(count - 1)
        return true
    }

    /// The index of `name[0..<length]`, or nil.
    func find(_ name: [UInt8], length: Int, hash: UInt64) -> Int? {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                if entry >> 32 == tag {
                    let i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if equal(i, name, length) { return i }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func equal(_ i: Int, _ name: [UInt8], _ length: Int) -> Bool {
        let start = i == 0 ? 0 : ends[i - 1]
        guard ends[i] - start == length else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            name.withUnsafeBufferPointer { name in
                for k in 0..<length where stored[start + k] != name[k] { return false }
                return true
            }
        }
    }

    private mutating func place(_ i: Int) {
        let hash = hashes[i]
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = slots.count - 1
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(i + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        shift -= 1
        for i in 0..<count { place(i) }
    }
}
