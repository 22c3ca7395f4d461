#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The χ² distribution with k degrees of freedom: its upper tail (p-values)
/// and its quantile (critical values), for `threshold: auto`. Built on the
/// regularized incomplete gamma function, P(X ≤ x) = P(k/2, x/2); checked
/// against scipy.stats.chi2 in Tests/Fixtures/drift-stats/chi2.json
/// (dev/chi2_fixture.py) to a relative 1e-9.
public enum ChiSquared {
    /// P(X > x): the p-value of a statistic x.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard x > 0 else { return 1 }
        return regularizedGamma(k / 2, x / 2).upper
    }

    /// P(X ≤ x).
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard x > 0 else { return 0 }
        return regularizedGamma(k / 2, x / 2).lower
    }

    /// The x with P(X ≤ x) = p, for 0 < p < 1: Newton's method from the
    /// Wilson–Hilferty approximation, kept inside a bracket by bisection.
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        precondition(p > 0 && p < 1 && k > 0, "χ² quantile needs 0 < p < 1 and k > 0")
        // Solve on the smaller tail: 1 − P loses digits when P is near 1.
        let upper = p > 0.5
        let target = upper ? 1 - p : p
        func f(_ x: Double) -> Double {
            let g = regularizedGamma(k / 2, x / 2)
            return upper ? target - g.upper : g.lower - target
        }
        // f rises with x; find hi with f(hi) ≥ 0.
        var lo = 0.0
        var hi = max(wilsonHilferty(p, k), 1e-300)
        while f(hi) < 0 {
            lo = hi
            hi *= 2
        }
        var x = hi
        for _ in 0..<200 {
            let fx = f(x)
            if fx == 0 { return x }
            if fx < 0 { lo = x } else { hi = x }
            let density = self.density(x, k)
            var next = density > 0 ? x - fx / density : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= 1e-14 * x || hi - lo <= 1e-15 * hi { return next }
            x = next
        }
        return x
    }

    /// The density of χ²(k) at x > 0.
    static func density(_ x: Double, _ k: Double) -> Double {
        let a = k / 2
        return exp((a - 1) * log(x) - x / 2 - a * log(2.0) - lgamma(a))
    }

    /// Wilson–Hilferty: χ²_p(k) ≈ k (1 − 2/(9k) + z √(2/(9k)))³, z the normal quantile of p.
    static func wilsonHilferty(_ p: Double, _ k: Double) -> Double {
        let v = 2 / (9 * k)
        let c = 1 - v + normalQuantile(p) * v.squareRoot()
        return c > 0 ? k * c * c * c : k * 1e-3
    }

    /// The standard normal quantile to about 4.5e-4 (Abramowitz & Stegun 26.2.23):
    /// only a starting point, Newton does the rest.
    static func normalQuantile(_ p: Double) -> Double {
        let q = min(p, 1 - p)
        let t = (-2 * log(q)).squareRoot()
        let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        return p < 0.5 ? -z : z
    }

    /// P(a, x) and Q(a, x) = 1 − P(a, x): the series below x = a + 1, the
    /// continued fraction (modified Lentz) above, each where it converges fast
    /// and without cancelling (Numerical Recipes §6.2).
    static func regularizedGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
        let prefix = exp(-x + a * log(x) - lgamma(a))
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var n = a
            for _ in 0..<100_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            let lower = min(1, sum * prefix)
            return (lower, 1 - lower)
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        let upper = min(1, prefix * h)
        return (1 - upper, upper)
    }
}
