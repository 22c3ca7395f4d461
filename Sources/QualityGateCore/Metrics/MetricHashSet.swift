/// The 64-bit hashes (`MetricNameTable.hash`) of the names a selective scan
/// has read, to find a name read twice without storing any name: with a
/// selection, `JSONMetricsScan` keeps 200 names of 10,000 and needs the other
/// 9,800 only to tell whether one repeats.
///
/// A repeated hash is taken as a repeated name. Two different names with one
/// hash (about one chance in 10¹¹ for a file of 20,000 names, or a file made
/// to collide) make the scan decline, and the tree path, which compares
/// names, decides: the answer is the same, only slower.
struct MetricHashSet {
    /// Open addressing, a power of two long, at most three quarters full (the
    /// hashes are stored whole, so a probe is one compare); 0 marks an empty slot.
    private var slots: [UInt64]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 16) {
        var bits: UInt64 = 4
        while (1 << bits) * 3 < capacity * 4 { bits += 1 }
        slots = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
    }

    /// Adds `hash`; false when it was already there.
    mutating func insert(_ hash: UInt64) -> Bool {
        // 0 marks an empty slot, so hash 0 is stored as 1 (a collision of the two declines, as any other).
        let stored = hash == 0 ? 1 : hash
        if (count + 1) * 4 > slots.count * 3 { grow() }
        var slot = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            while true {
                let entry = slots[slot]
                if entry == stored { return false }
                if entry == 0 {
                    slots[slot] = stored
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
        if inserted { count += 1 }
        return inserted
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: slots.count * 2)
        shift -= 1
        count = 0
        for entry in old where entry != 0 { _ = insert(entry) }
    }
}
