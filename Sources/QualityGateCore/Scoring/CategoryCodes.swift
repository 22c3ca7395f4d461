/// Interns categorical cells (labels, predicted classes, group values) as
/// small integer codes straight from CSV bytes. Columns like these hold a
/// handful of distinct values, so a linear scan of byte arrays beats hashing a
/// String per cell; past 64 values a dictionary takes over.
struct CategoryCodes {
    private(set) var names: [String] = []
    private var keys: [[UInt8]] = []
    private var dictionary: [[UInt8]: Int32] = [:]
    private var last = -1
    private static let linearLimit = 64

    var count: Int { names.count }

    /// The code of `cell`, or nil if it is not valid UTF-8.
    mutating func code(_ cell: UnsafeBufferPointer<UInt8>) -> Int32? {
        if last >= 0 && keys[last].count == cell.count && keys[last].elementsEqual(cell) { return Int32(last) }
        if keys.count <= Self.linearLimit {
            for i in keys.indices where keys[i].count == cell.count && keys[i].elementsEqual(cell) {
                last = i
                return Int32(i)
            }
        } else if let c = dictionary[Array(cell)] {
            last = Int(c)
            return c
        }
        if cell.contains(where: { $0 >= 0x80 }) && UTF8Validation.firstInvalidOffset(Array(cell)) != nil { return nil }
        return insert(Array(cell))
    }

    /// The code of `text`, adding it if new.
    mutating func code(_ text: String) -> Int32 {
        let bytes = Array(text.utf8)
        if let i = keys.firstIndex(of: bytes) { return Int32(i) }
        return insert(bytes)
    }

    func existingCode(_ text: String) -> Int32? {
        keys.firstIndex(of: Array(text.utf8)).map(Int32.init)
    }

    private mutating func insert(_ bytes: [UInt8]) -> Int32 {
        let c = Int32(keys.count)
        keys.append(bytes)
        names.append(String(decoding: bytes, as: UTF8.self))
        if keys.count > Self.linearLimit {
            if dictionary.isEmpty { for (i, k) in keys.enumerated() { dictionary[k] = Int32(i) } }
            dictionary[bytes] = c
        }
        last = Int(c)
        return c
    }
}
