/// Adjusted p-values across the columns tested, so that testing many columns
/// does not make some drift by chance: a column drifts when its adjusted
/// p-value is ≤ alpha. Bonferroni (min(1, p·m)) bounds the chance of any
/// false alarm; Benjamini–Hochberg (step-up: min over k ≥ i of p₍ₖ₎·m/k)
/// bounds the expected share of false alarms among the columns flagged, as
/// scipy.stats.false_discovery_control(method='bh'). A p-value that is not a
/// number is adjusted to not a number (which DriftResult counts as drifted,
/// never as a pass) and ranks first under BH, so it cannot lower another's rank.
public enum MultipleTesting {
    public enum Correction: String, Sendable, CaseIterable {
        case bh, bonferroni
    }

    public static func adjusted(_ p: [Double], _ correction: Correction) -> [Double] {
        let m = Double(p.count)
        switch correction {
        case .bonferroni:
            return p.map { $0.isNaN ? .nan : min(1, $0 * m) }
        case .bh:
            // Ties keep their order: equal p-values get equal adjusted ones either way.
            let rankable = p.map { $0.isNaN ? 0 : $0 }
            let order = p.indices.sorted { rankable[$0] < rankable[$1] }
            var out = [Double](repeating: 1, count: p.count)
            var running = 1.0
            for rank in order.indices.reversed() {
                let i = order[rank]
                running = min(running, rankable[i] * m / Double(rank + 1))
                out[i] = p[i].isNaN ? .nan : running
            }
            return out
        }
    }
}
