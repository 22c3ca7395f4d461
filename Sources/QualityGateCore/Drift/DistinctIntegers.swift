/// Whether a numeric reference column is an integer ID (`customer_number`
/// 100001, 100002, …): at least `ColumnRoles.minimumDistinctValues` values,
/// every one an integer, no two equal, over a span narrow enough that a
/// feature would have repeated. Compared as a feature, such a column "drifts"
/// whenever the current window's IDs are newer.
///
/// Floats are distinct by nature, so only integers count; an integer feature
/// such as an age repeats. An integer feature over a wide span (an income in
/// whole units on 100 rows) can be all distinct by chance, so the span must be
/// at most n(n − 1)/10: a feature drawn from it would give n(n − 1)/(2·span)
/// ≥ 5 equal pairs on average (all distinct with probability about e⁻⁵ when
/// uniform, less when not). The check is one bit per integer of the span, up
/// to `maximumSpan` (32 MiB); wider (sparse) IDs are left to their name or `--id`.
struct DistinctIntegers {
    static let maximumSpan = 1 << 28

    private let lo: Double
    private var bits: [UInt64]
    /// False from the first non-integer or repeated value on.
    private(set) var holds = true

    /// nil when `count` values in [lo, hi] cannot be an ID by this rule (pigeonhole, span, non-integer ends).
    init?(count: Int, lo: Double, hi: Double) {
        guard count >= ColumnRoles.minimumDistinctValues, lo == lo.rounded(.down), hi == hi.rounded(.down),
            hi - lo < Double(Self.maximumSpan)
        else { return nil }
        let span = Int(hi - lo) + 1
        guard span >= count, Double(span) <= Double(count) * Double(count - 1) / 10 else { return nil }
        self.lo = lo
        bits = [UInt64](repeating: 0, count: (span + 63) / 64)
    }

    /// Bytes the check holds while it runs.
    var bytes: Int { bits.count * 8 }

    @inline(__always) mutating func add(_ x: Double) {
        guard holds else { return }
        let offset = x - lo
        // Inside [lo, hi] by construction; the range test also rejects a file changed between passes.
        guard offset == offset.rounded(.down), offset >= 0, offset < Double(bits.count * 64) else { return fail() }
        let i = Int(offset)
        let mask: UInt64 = 1 << UInt64(i & 63)
        if bits[i >> 6] & mask != 0 { return fail() }
        bits[i >> 6] |= mask
    }

    private mutating func fail() {
        holds = false
        bits = []
    }

    /// The rule applied to values held in memory (in parts, as the parallel read holds them).
    static func check(_ parts: [[Double]], lo: Double, hi: Double) -> Bool {
        guard var check = DistinctIntegers(count: parts.reduce(0) { $0 + $1.count }, lo: lo, hi: hi) else { return false }
        for values in parts {
            for x in values {
                check.add(x)
                if !check.holds { return false }
            }
        }
        return true
    }
}
