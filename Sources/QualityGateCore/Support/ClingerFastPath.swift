/// Clinger's fast path, the number parsers' shared shortcut (CSV cells, JSON
/// metrics): a decimal mantissa that a double holds exactly (at most 2^53),
/// times or divided by a power of ten a double holds exactly (at most 10^22),
/// is correctly rounded by that one operation — the same `Double` strtod gives.
/// Callers count their digits (at most 19, so accumulating cannot wrap) and
/// take strtod's slow path when this returns nil.
enum ClingerFastPath {
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    ]

    /// `±mantissa × 10^exponent`, when one exact operation rounds it correctly; nil otherwise.
    @inline(__always) static func value(_ mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        let v = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
        return negative ? -v : v
    }
}
