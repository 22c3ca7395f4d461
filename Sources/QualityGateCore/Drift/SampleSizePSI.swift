/// Whether a column's PSI is more than sampling noise: Pearson's χ² test of
/// homogeneity on the bins compared (HomogeneityChiSquared, the test `method:
/// chi2` uses; bins with a value on either side),
/// X² = Σ (m·rᵢ − n·cᵢ)² / (n·m·(rᵢ + cᵢ)) for n reference and m current
/// values, which under no drift follows χ²(B − 1) once about 5 values are
/// expected per bin (Cochran).
///
/// PSI is X²·(1/n + 1/m) to first order (Yurdakul 2018), so for a smooth change
/// the critical PSI is χ²_confidence(B − 1)·(1/n + 1/m). Small windows break
/// that: an empty current bin adds r·ln(r/ε) ≈ 0.69 to the ε-smoothed PSI but
/// only r·n·m/(n + m) to X², and PSI compared against the χ² critical value
/// itself false-alarmed on 16–20 % of no-drift columns at n = m = 50
/// (dev/drift_auto_simulation.py). So the test is X²'s, and the critical PSI
/// reported is its critical value in this column's PSI units,
/// χ²_confidence(B − 1)·PSI/X²: PSI exceeds it exactly when the test rejects.
public struct SampleSizePSI: Sendable, Equatable {
    /// B − 1.
    public var degreesOfFreedom: Int
    /// 1/n + 1/m.
    public var scale: Double
    /// Pearson's X² on the bins compared.
    public var chiSquared: Double
    /// The PSI above which the test rejects at the confidence given; 0 with a single bin (PSI is 0 there).
    public var critical: Double
    /// P(χ²(B − 1) ≥ X²): how often noise alone gives bins this different.
    public var pValue: Double
    /// X² above χ²_confidence(B − 1): the bins differ by more than noise.
    public var rejects: Bool

    public init(reference: [Int], current: [Int], psi: Double, confidence: Double) {
        let n = Double(reference.reduce(0, +))
        let m = Double(current.reduce(0, +))
        scale = n > 0 && m > 0 ? 1 / n + 1 / m : 0
        let test = HomogeneityChiSquared.test(reference: reference, current: current)
        degreesOfFreedom = test.degreesOfFreedom
        guard degreesOfFreedom > 0, scale > 0 else {
            chiSquared = 0
            critical = 0
            pValue = 1
            rejects = false
            return
        }
        chiSquared = test.statistic
        let quantile = ChiSquared.quantile(confidence, degreesOfFreedom: Double(degreesOfFreedom))
        // Identical shares: X² and PSI are both 0; the smooth-change ratio stands in for PSI/X².
        critical = quantile * (chiSquared > 0 && psi > 0 ? psi / chiSquared : scale)
        pValue = test.pValue
        rejects = chiSquared > quantile
    }
}
