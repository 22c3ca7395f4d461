/// SHA-256 (FIPS 180-4), written here so qgate needs no crypto package. Used for
/// the history hash chain and for metrics/artifact fingerprints; checked against
/// the NIST vectors and `sha256sum` in the tests.
///
/// This type only buffers and pads; whole 64-byte blocks go straight from the
/// caller's bytes to the compression function (`Engine`: the x86 SHA extensions
/// where the CPU has them, else SHA256Portable), without a copy and without
/// allocating.
public struct SHA256: Sendable {
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    private var state: State = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// The bytes of an unfinished block (the first `pending` of these 64).
    private var partial: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pending = 0
    private var length: UInt64 = 0
    private let engine: Engine

    public init() { engine = .preferred }

    /// A hasher on a given engine (tests compare the engines); `engine` must be available.
    init(engine: Engine) {
        precondition(engine.isAvailable, "SHA-256 engine \(engine.rawValue) is not available on this CPU")
        self.engine = engine
    }

    /// The hex digest of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex($0) }
    }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { self.update(buffer: $0) }
        if handled == nil { Array(bytes).withUnsafeBufferPointer { self.update(buffer: $0) } }
    }

    private mutating func update(buffer input: UnsafeBufferPointer<UInt8>) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        length &+= UInt64(input.count)
        var offset = 0
        if pending > 0 {
            let take = min(64 - pending, input.count)
            let at = pending
            withUnsafeMutableBytes(of: &partial) { $0.baseAddress!.advanced(by: at).copyMemory(from: base, byteCount: take) }
            pending += take
            offset = take
            if pending < 64 { return }
            let block = partial
            withUnsafeBytes(of: block) { engine.compress(&state, $0.baseAddress!, blocks: 1) }
            pending = 0
        }
        let blocks = (input.count - offset) / 64
        if blocks > 0 {
            engine.compress(&state, UnsafeRawPointer(base + offset), blocks: blocks)
            offset += blocks * 64
        }
        let rest = input.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &partial) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: rest) }
            pending = rest
        }
    }

    public mutating func finalize() -> [UInt8] {
        // The padding: 0x80, zeros up to 56 mod 64, the length in bits (big-endian);
        // one block, or two when fewer than 9 bytes are left in this one.
        var tail: (SIMD64<UInt8>, SIMD64<UInt8>) = (.zero, .zero)
        let count = pending < 56 ? 64 : 128
        let bitLength = (length &* 8).bigEndian
        let block = partial
        let used = pending
        withUnsafeMutableBytes(of: &tail) { t in
            withUnsafeBytes(of: block) { t.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: used) }
            t[used] = 0x80
            t.storeBytes(of: bitLength, toByteOffset: count - 8, as: UInt64.self)
        }
        withUnsafeBytes(of: tail) { engine.compress(&state, $0.baseAddress!, blocks: count / 64) }
        pending = 0
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { o in
            for (i, word) in words.enumerated() { o.storeBytes(of: word.bigEndian, toByteOffset: i * 4, as: UInt32.self) }
        }
        return out
    }

    public mutating func finalizeHex() -> String { Self.hexEncoded(finalize()) }

    /// Lower-case hex of a digest's bytes.
    public static func hexEncoded(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
