/// The PSI that sampling noise alone reaches (Yurdakul 2018): with no drift,
/// PSI ≈ χ²(B − 1) · (1/n + 1/m) for B bins compared, n reference and m
/// current values, so a PSI above χ²_confidence(B − 1) · (1/n + 1/m) is
/// unlikely to be noise. Bins empty on both sides are not compared (they add
/// nothing to PSI). `threshold: auto` drifts a column only above this and the
/// effect size: small windows stop drifting on noise, large ones keep the effect-size cut.
public struct SampleSizePSI: Sendable, Equatable {
    /// B − 1.
    public var degreesOfFreedom: Int
    /// 1/n + 1/m.
    public var scale: Double
    /// χ²_confidence(B − 1) · (1/n + 1/m); 0 with a single bin (PSI is 0 there).
    public var critical: Double

    public init(reference: [Int], current: [Int], confidence: Double) {
        let n = reference.reduce(0, +)
        let m = current.reduce(0, +)
        degreesOfFreedom = zip(reference, current).filter { $0 + $1 > 0 }.count - 1
        scale = n > 0 && m > 0 ? 1 / Double(n) + 1 / Double(m) : 0
        critical =
            degreesOfFreedom > 0 && scale > 0 ? ChiSquared.quantile(confidence, degreesOfFreedom: Double(degreesOfFreedom)) * scale : 0
    }

    /// P(χ²(B − 1) > PSI / (1/n + 1/m)): how often noise alone gives a PSI this large.
    public func pValue(_ psi: Double) -> Double {
        guard degreesOfFreedom > 0, scale > 0 else { return 1 }
        return ChiSquared.survival(psi / scale, degreesOfFreedom: Double(degreesOfFreedom))
    }
}
