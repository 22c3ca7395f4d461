/// Interns categorical cells (labels, predicted classes, group values) as
/// small integer codes straight from CSV bytes. Columns like these hold a
/// handful of distinct values, so a linear scan beats hashing a String per
/// cell; past 64 values a dictionary takes over. A value of at most 8 bytes
/// (`0`, `cat`, `eu-west`) is compared as one integer, and no key is an
/// array of its own: looking one up touches no reference count.
struct CategoryCodes {
    private(set) var names: [String] = []
    /// Every key's bytes, one after another: key i is `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Each key's length, and its bytes packed little-endian when it is at most 8 long (else 0).
    private var lengths: [Int] = []
    private var packed: [UInt64] = []
    private var dictionary: [[UInt8]: Int32] = [:]
    private var last = -1
    private static let linearLimit = 64

    var count: Int { names.count }

    /// The code of `cell`, or nil if it is not valid UTF-8.
    mutating func code(_ cell: UnsafeBufferPointer<UInt8>) -> Int32? {
        let n = cell.count
        if n <= 8 {
            let p = Self.pack(cell)
            if last >= 0 && lengths[last] == n && packed[last] == p { return Int32(last) }
            if lengths.count <= Self.linearLimit {
                for i in lengths.indices where lengths[i] == n && packed[i] == p {
                    last = i
                    return Int32(i)
                }
                return insertIfValid(cell)
            }
        } else {
            if last >= 0 && equals(last, cell) { return Int32(last) }
            if lengths.count <= Self.linearLimit {
                for i in lengths.indices where equals(i, cell) {
                    last = i
                    return Int32(i)
                }
                return insertIfValid(cell)
            }
        }
        if let c = dictionary[Array(cell)] {
            last = Int(c)
            return c
        }
        return insertIfValid(cell)
    }

    /// The code of `text`, adding it if new.
    mutating func code(_ text: String) -> Int32 {
        existingCode(text) ?? insert(Array(text.utf8))
    }

    func existingCode(_ text: String) -> Int32? {
        let key = Array(text.utf8)
        return lengths.indices.first { bytes[starts[$0]..<starts[$0 + 1]].elementsEqual(key) }.map(Int32.init)
    }

    @inline(__always) private static func pack(_ cell: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var p: UInt64 = 0
        for i in 0..<cell.count { p |= UInt64(cell[i]) << UInt64(8 * i) }
        return p
    }

    private func equals(_ i: Int, _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengths[i] == cell.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            UnsafeBufferPointer(rebasing: b[starts[i]..<starts[i + 1]]).elementsEqual(cell)
        }
    }

    private mutating func insertIfValid(_ cell: UnsafeBufferPointer<UInt8>) -> Int32? {
        if cell.contains(where: { $0 >= 0x80 }) && UTF8Validation.firstInvalidOffset(Array(cell)) != nil { return nil }
        return insert(Array(cell))
    }

    private mutating func insert(_ key: [UInt8]) -> Int32 {
        let c = Int32(lengths.count)
        bytes += key
        starts.append(bytes.count)
        lengths.append(key.count)
        packed.append(key.count <= 8 ? key.withUnsafeBufferPointer(Self.pack) : 0)
        names.append(String(decoding: key, as: UTF8.self))
        if lengths.count > Self.linearLimit {
            if dictionary.isEmpty {
                for i in lengths.indices { dictionary[Array(bytes[starts[i]..<starts[i + 1]])] = Int32(i) }
            } else {
                dictionary[key] = c
            }
        }
        last = Int(c)
        return c
    }
}
