#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two-sample Kolmogorov–Smirnov test (two-sided) on the raw values, for
/// `method: ks`. The statistic D is the largest gap between the two empirical
/// distribution functions. Its p-value is exact, as scipy.stats.ks_2samp's
/// `method='exact'` (the lattice-path count of Hodges 1958, in Viehmann's 2021
/// recursion for 1 − p, which does not cancel), whenever the count takes at
/// most `exactWork` steps: always for equal sizes and for samples of up to
/// 10,000 values (where scipy's default `'auto'` is exact too), and beyond
/// while the band of paths is narrow. Otherwise it is the asymptotic Kolmogorov
/// distribution Q(√(nm/(n+m)) · D), as scipy.special.kolmogorov. Checked
/// against scipy in Tests/Fixtures/drift-stats/ks-chi2.json (dev/ks_chi2_fixture.py).
public enum KolmogorovSmirnov {
    /// Steps of the exact count allowed per column: 10,000 columns of 10,001 rows (about 0.1 s).
    public static let exactWork = 10_000 * 10_001

    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var pValue: Double
        /// The p-value is exact (not the asymptotic distribution).
        public var exact: Bool
    }

    /// The test of two non-empty samples, each sorted ascending.
    public static func test(sorted a: [Double], _ b: [Double]) -> Result {
        precondition(!a.isEmpty && !b.isEmpty, "KS needs two non-empty samples")
        let n = a.count
        let m = b.count
        // The gap in units of 1/(n·m), exactly: |i·m − j·n| after the i and j values ≤ x.
        var gap = 0
        var i = 0
        var j = 0
        while i < n && j < m {
            let x = min(a[i], b[j])
            while i < n && a[i] <= x { i += 1 }
            while j < m && b[j] <= x { j += 1 }
            gap = max(gap, abs(i * m - j * n))
        }
        return result(n, m, lcmGap: gap / gcd(n, m))
    }

    /// The test's result for samples of n and m values whose largest gap is D = h / lcm(n, m).
    public static func result(_ n: Int, _ m: Int, lcmGap h: Int) -> Result {
        let g = gcd(n, m)
        let d = Double(h) / (Double(n / g) * Double(m))
        // The band holds about 2h/lcm · min(n, m) rows (at most all of them) of each of max(n, m) columns.
        let band = min(2 * Double(h) / Double(max(n, m) / g) + 1, Double(min(n, m) + 1))
        if n == m || Double(max(n, m)) * band <= Double(exactWork) {
            let p = h == 0 ? 1 : (n == m ? outsideSquare(n, h) : outsideBand(n, m, g, h))
            if p >= 0 && p <= 1 { return Result(statistic: d, pValue: p, exact: true) }
        }
        let en = Double(n) * Double(m) / Double(n + m)
        return Result(statistic: d, pValue: kolmogorovSurvival(en.squareRoot() * d), exact: false)
    }

    /// P(D ≥ h/n) for two samples of n values: 2 Σ_k (−1)^(k+1) C(2n, n − kh) / C(2n, n),
    /// evaluated from the innermost term outwards (Horner) so nothing cancels.
    static func outsideSquare(_ n: Int, _ h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            // C(2n, n − kh) / C(2n, n) as a product of h ratios.
            var ratio = 1.0
            for j in 0..<h { ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1) }
            p = ratio * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// P(D ≥ h/lcm) for n ≠ m: the share of monotone lattice paths from (0, 0)
    /// to (m, n) (m the larger) that leave the band |x/m − y/n| < h/lcm. Column
    /// by column, q(x, y) is the share of paths to (x, y) that have left it:
    /// 1 outside the band, (x·q(x−1, y) + y·q(x, y−1)) / (x + y) inside.
    static func outsideBand(_ n0: Int, _ m0: Int, _ g: Int, _ h: Int) -> Double {
        let (m, n) = n0 >= m0 ? (n0, m0) : (m0, n0)
        let mg = m / g
        let ng = n / g
        // Inside the band at column x: the y with |ng·x − mg·y| < h.
        func window(_ x: Int) -> Range<Int> {
            let low = max(floorDivide(ng * x - h, mg) + 1, 0)
            let high = min((ng * x + h + mg - 1) / mg, n + 1)
            return min(low, n)..<high
        }
        var q = [Double](repeating: 1, count: n + 1)
        for y in window(0) { q[y] = 0 }
        // The band only moves up: a row it reaches was never written (still 1, outside),
        // and a row it has left is never read again.
        for x in 1...m {
            let w = window(x)
            if w.isEmpty { return 1 }
            var below = w.lowerBound == 0 ? 0.0 : 1.0
            for y in w {
                below = (q[y] * Double(x) + below * Double(y)) / Double(x + y)
                q[y] = below
            }
        }
        return q[n]
    }

    /// Q(z) = P(K > z) for the Kolmogorov distribution: the theta-function
    /// form below z = 1 (where the alternating series converges slowly), the
    /// alternating series 2 Σ (−1)^(k−1) e^(−2k²z²) above.
    public static func kolmogorovSurvival(_ z: Double) -> Double {
        guard z > 0 else { return 1 }
        if z < 1 {
            let w = -Double.pi * Double.pi / (8 * z * z)
            var sum = 0.0
            for k in 1...100 {
                let odd = Double(2 * k - 1)
                let term = exp(w * odd * odd)
                sum += term
                if term <= 1e-17 * sum { break }
            }
            return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / z * sum))
        }
        var sum = 0.0
        var sign = 1.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * z * z)
            sum += sign * term
            sign = -sign
            if term <= 1e-17 * abs(sum) { break }
        }
        return min(1, max(0, 2 * sum))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
