/// The SplitMix64 generator (Steele, Lea & Flood 2014): pivots for binning and
/// bootstrap resamples. Tiny, fast, and trivially reimplemented in Python, so
/// the oracle script draws exactly the same resamples as qgate.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    @inline(__always) mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index below `n` by Lemire's multiply-shift: the high 64 bits
    /// of next()·n (no modulo bias worth speaking of, and no division).
    @inline(__always) mutating func index(below n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
