/// Pearson's χ² test of homogeneity on the 2 × k table of reference and
/// current counts per bin or category, for `method: chi2` (and categorical
/// columns under `method: ks`). As scipy.stats.chi2_contingency with
/// `correction=False`: scipy's default applies Yates' continuity correction
/// when the table has one degree of freedom (two bins); qgate never does, so
/// that two-bin columns are judged by the same test as wider ones.
/// Bins empty on both sides are dropped (their expected count is 0; scipy
/// refuses such a table). Checked in Tests/Fixtures/drift-stats/ks-chi2.json.
public enum HomogeneityChiSquared {
    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    public static func test(reference: [Int], current: [Int]) -> Result {
        let kept = zip(reference, current).filter { $0 + $1 > 0 }
        let n = Double(kept.reduce(0) { $0 + $1.0 })
        let m = Double(kept.reduce(0) { $0 + $1.1 })
        // One bin left (or one side empty): nothing distinguishes the two samples.
        guard kept.count >= 2, n > 0, m > 0 else { return Result(statistic: 0, degreesOfFreedom: 0, pValue: 1) }
        var statistic = 0.0
        for (r, c) in kept {
            let total = Double(r + c)
            let expectedR = n * total / (n + m)
            let expectedC = m * total / (n + m)
            statistic += (Double(r) - expectedR) * (Double(r) - expectedR) / expectedR
            statistic += (Double(c) - expectedC) * (Double(c) - expectedC) / expectedC
        }
        let df = kept.count - 1
        return Result(statistic: statistic, degreesOfFreedom: df, pValue: ChiSquared.survival(statistic, degreesOfFreedom: Double(df)))
    }
}
