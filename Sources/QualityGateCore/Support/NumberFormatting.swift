/// Formats numbers for people: the shortest text that reads back as the same
/// double, rounded to 6 significant digits for computed differences so that
/// 0.884 − 0.871 prints as 0.013 and not 0.013000000000000012.
public enum NumberFormatting {
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func rounded(_ x: Double, significantDigits: Int = 6) -> String {
        guard x.isFinite, x != 0 else { return exact(x) }
        let magnitude = Int((abs(x)).log10Floor)
        let scale = significantDigits - 1 - magnitude
        if scale > 300 || scale < -300 { return exact(x) }
        let r: Double
        if scale >= 0 {
            let f = powPositive(scale)
            r = (x * f).rounded() / f
        } else {
            let f = powPositive(-scale)
            r = (x / f).rounded() * f
        }
        return exact(r)
    }

    private static func powPositive(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
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
