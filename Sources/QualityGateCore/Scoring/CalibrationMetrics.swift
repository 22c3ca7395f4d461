#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Probability-quality metrics for a binary classifier: log loss and Brier
/// score as scikit-learn computes them, and the expected and maximum
/// calibration error on equal-width bins.
///
/// ECE bins follow `sklearn.calibration.calibration_curve(strategy="uniform")`:
/// edges `linspace(0, 1, B+1)`, a probability equal to an inner edge falls in
/// the lower bin. ECE = Σ_b (n_b / n) · |mean(y)_b − mean(p)_b| over non-empty
/// bins; MCE is the largest of those gaps.
enum CalibrationMetrics {
    /// nil when some score lies outside [0, 1]: it is then not a probability
    /// (a margin or a logit) and these metrics have no meaning.
    static func compute(y: [UInt8], probabilities p: [Double], weights: [Double]?, bins: Int)
        -> (logLoss: Double, brier: Double, ece: Double, mce: Double)?
    {
        // sklearn clips to [eps, 1 − eps] with eps = float64 machine epsilon.
        let eps = Double.ulpOfOne
        var edges = (0...bins).map { Double($0) * (1.0 / Double(bins)) }
        edges[bins] = 1
        var logLoss = CompensatedSum()
        var brier = CompensatedSum()
        var total = CompensatedSum()
        var binWeight = [Double](repeating: 0, count: bins)
        var binTrue = [Double](repeating: 0, count: bins)
        var binScore = [CompensatedSum](repeating: CompensatedSum(), count: bins)
        for i in p.indices {
            let v = p[i]
            if !(v >= 0 && v <= 1) { return nil }
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            let positive = y[i] == 1
            let chosen = positive ? min(max(v, eps), 1 - eps) : min(max(1 - v, eps), 1 - eps)
            logLoss.add(-w * log(chosen))
            let d = v - (positive ? 1 : 0)
            brier.add(w * d * d)
            total.add(w)
            // Bin: the number of inner edges strictly below v (numpy searchsorted, side="left").
            var b = min(max(Int(v * Double(bins)), 0), bins - 1)
            while b > 0 && v <= edges[b] { b -= 1 }
            while b < bins - 1 && v > edges[b + 1] { b += 1 }
            binWeight[b] += w
            if positive { binTrue[b] += w }
            binScore[b].add(w * v)
        }
        let n = total.value
        var ece = CompensatedSum()
        var mce = 0.0
        for b in 0..<bins where binWeight[b] > 0 {
            let gap = abs(binTrue[b] / binWeight[b] - binScore[b].value / binWeight[b])
            ece.add(binWeight[b] / n * gap)
            mce = max(mce, gap)
        }
        return (logLoss.value / n, brier.value / n, ece.value, mce)
    }
}
