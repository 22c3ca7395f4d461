/// HMAC-SHA256 (RFC 2104) on qgate's own SHA-256: signs the baseline history
/// with a secret (`QGATE_HISTORY_KEY`) so that someone who can write the store
/// but does not hold the secret cannot append, alter or truncate it unnoticed.
/// Checked against the RFC 4231 test vectors.
public enum HMACSHA256 {
    static let blockSize = 64

    public static func mac<C: Collection>(key: [UInt8], message: C) -> [UInt8] where C.Element == UInt8 {
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var block =
            key.count > blockSize
            ? {
                var h = SHA256()
                h.update(key)
                return h.finalize()
            }() : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func hex(key: [UInt8], message: String) -> String {
        SHA256.hexEncoded(mac(key: key, message: Array(message.utf8)))
    }

    /// Compares two MACs (as hex) in time independent of where they differ, so
    /// timing does not reveal how much of a forged MAC was right.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
