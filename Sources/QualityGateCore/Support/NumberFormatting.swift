/// Formats numbers for people: the shortest text that reads back as the same
/// double, rounded to 6 significant digits for computed differences so that
/// 0.884 − 0.871 prints as 0.013 and not 0.013000000000000012.
public enum NumberFormatting {
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    public static func rounded(_ x: Double, significantDigits: Int = 6) -> String {
        exact(roundedValue(x, significantDigits: significantDigits))
    }

    /// `value` and `bound` rounded to the same number of significant digits, with
    /// one more digit at a time while the rounded pair does not `agree` (as the
    /// exact pair did): 0.91999999 against min 0.92 prints as 0.91999999, not as
    /// 0.92, which would read as a pass. At 17 digits both print exactly.
    public static func rounded(
        _ value: Double, against bound: Double, significantDigits: Int, agreeing agrees: (Double, Double) -> Bool
    ) -> (value: String, bound: String) {
        var digits = significantDigits
        while digits < maximumDigits {
            let v = roundedValue(value, significantDigits: digits)
            let b = roundedValue(bound, significantDigits: digits)
            if agrees(v, b) { return (exact(v), exact(b)) }
            digits += 1
        }
        return (exact(value), exact(bound))
    }

    /// 17 significant digits tell every two doubles apart: `exact` never needs more.
    public static let maximumDigits = 17

    static func roundedValue(_ x: Double, significantDigits: Int) -> Double {
        guard x.isFinite, x != 0, significantDigits < maximumDigits else { return x }
        let magnitude = Int((abs(x)).log10Floor)
        let scale = significantDigits - 1 - magnitude
        if scale > 300 || scale < -300 { return x }
        // The kept digits as an integer, read back as `<digits>e<-scale>`: Double(String)
        // gives the nearest double, which scaling by an inexact power of ten does not.
        let digits = scale >= 0 ? (x * powPositive(scale)).rounded() : (x / powPositive(-scale)).rounded()
        return decimal(digits, exponent: -scale) ?? Double("\(Int64(digits))e\(-scale)") ?? x
    }

    /// `digits`·10^`exponent` read back as `Double(String)` would, without
    /// text, where `ClingerFastPath` gives that double; nil elsewhere.
    static func decimal(_ digits: Double, exponent: Int) -> Double? {
        // |digits| < 10^17 here (at most 16 kept digits): the conversion cannot trap.
        ClingerFastPath.value(UInt64(abs(digits)), exponent: exponent, negative: digits < 0)
    }

    private static func powPositive(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

/// How many significant digits a human report prints (`--precision N`, 6 by
/// default). Display only: verdicts are decided on the exact numbers, and the
/// bounds a policy writes print as written. Machine formats (JSON, JUnit,
/// Prometheus, GitHub outputs and annotations) use `full`.
public struct ReportPrecision: Sendable, Equatable {
    public static let defaultDigits = 6
    public static let digitsRange = 1...NumberFormatting.maximumDigits

    /// nil: measured values print exactly (shortest round-trip text).
    public let significantDigits: Int?

    public init(significantDigits: Int) { self.significantDigits = significantDigits }
    private init() { significantDigits = nil }

    public static let human = ReportPrecision(significantDigits: defaultDigits)
    public static let full = ReportPrecision()

    /// A measured or derived number: a metric's value, a baseline, a bound computed from one.
    public func number(_ x: Double) -> String {
        significantDigits.map { NumberFormatting.rounded(x, significantDigits: $0) } ?? NumberFormatting.exact(x)
    }

    /// A computed difference (short by, worse by): rounded even in `full`, where
    /// 6 digits hide the floating-point noise of a subtraction.
    public func difference(_ x: Double) -> String {
        NumberFormatting.rounded(x, significantDigits: significantDigits ?? ReportPrecision.defaultDigits)
    }

    /// `value` and `bound` as `NumberFormatting.rounded(_:against:significantDigits:agreeing:)` prints them.
    public func compared(_ value: Double, against bound: Double, agreeing agrees: (Double, Double) -> Bool) -> (
        value: String, bound: String
    ) {
        NumberFormatting.rounded(
            value, against: bound, significantDigits: significantDigits ?? NumberFormatting.maximumDigits, agreeing: agrees)
    }
}

extension Double {
    fileprivate var log10Floor: Int {
        var m = 0
        var v = self
        if v >= 1 {
            while v >= 10 {
                v /= 10
                m += 1
            }
        } else {
            while v < 1 {
                v *= 10
                m -= 1
            }
        }
        return m
    }
}
