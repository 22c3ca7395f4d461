#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// PSI, KL divergence and Jensen–Shannon distance between two binned
/// distributions, natural log. PSI and KL use shares smoothed with
/// `epsilon` (s = (p + ε) / (1 + kε)) so an empty bin is never infinite; JS is
/// finite without smoothing and uses the raw shares. Checked against
/// numpy/scipy in Tests/Fixtures/drift.
public enum DriftStatistics {
    public static let epsilon = 1e-4

    public static func shares(_ counts: [Int]) -> [Double] {
        let n = counts.reduce(0, +)
        guard n > 0 else { return counts.map { _ in 0 } }
        return counts.map { Double($0) / Double(n) }
    }

    static func smoothed(_ p: [Double]) -> [Double] {
        let k = Double(p.count)
        return p.map { ($0 + epsilon) / (1 + k * epsilon) }
    }

    /// Σ (c − r) · ln(c / r) on smoothed shares.
    public static func psi(reference r: [Double], current c: [Double]) -> Double {
        let sr = smoothed(r)
        let sc = smoothed(c)
        var total = 0.0
        for i in sr.indices { total += (sc[i] - sr[i]) * log(sc[i] / sr[i]) }
        return total
    }

    /// KL(current ‖ reference) = Σ c · ln(c / r) on smoothed shares
    /// (as `scipy.stats.entropy(c, r)`).
    public static func kl(reference r: [Double], current c: [Double]) -> Double {
        let sr = smoothed(r)
        let sc = smoothed(c)
        var total = 0.0
        for i in sr.indices where sc[i] > 0 { total += sc[i] * log(sc[i] / sr[i]) }
        return total
    }

    /// √(½ KL(c‖m) + ½ KL(r‖m)), m = (c + r) / 2 (as `scipy.spatial.distance.jensenshannon`).
    public static func js(reference r: [Double], current c: [Double]) -> Double {
        var a = 0.0
        var b = 0.0
        for i in r.indices {
            let m = (r[i] + c[i]) / 2
            if c[i] > 0 { a += c[i] * log(c[i] / m) }
            if r[i] > 0 { b += r[i] * log(r[i] / m) }
        }
        return sqrt(max(0, (a + b) / 2))
    }

    /// The distance `method` names (the tests' statistics come from their tests: nil).
    public static func value(_ method: DriftConfig.Method, reference r: [Double], current c: [Double]) -> Double? {
        switch method {
        case .psi: return psi(reference: r, current: c)
        case .kl: return kl(reference: r, current: c)
        case .js: return js(reference: r, current: c)
        case .ks, .chi2: return nil
        }
    }
}
