/// Group fairness checks for a binary classifier over one protected
/// attribute, as Fairlearn names them:
/// - demographic parity difference / ratio: spread of the positive-prediction
///   rate between groups (max − min, and min / max);
/// - equal opportunity difference: spread of the true-positive rate;
/// - equalized odds difference: the larger of the TPR and FPR spreads.
/// A group without positive labels has no TPR (and one without negatives no
/// FPR); it is left out of that spread rather than counted as 0. Fewer than
/// two comparable groups give null, not 0.
enum FairnessMetrics {
    static let names = [
        "demographic_parity_difference", "demographic_parity_ratio", "equal_opportunity_difference", "equalized_odds_difference"
    ]

    static func compute(_ groups: [BinaryMetrics.Confusion]) -> [String: Double?] {
        // A spread needs two groups to compare; with one there is nothing to say (not "0").
        func spread(_ values: [Double]) -> Double? { values.count < 2 ? nil : (values.max() ?? 0) - (values.min() ?? 0) }
        let rates = groups.map(\.positiveRate)
        let tpr = groups.filter { $0.positives > 0 }.map(\.recall)
        let fpr = groups.filter { $0.negatives > 0 }.map { $0.fp / $0.negatives }
        let maxRate = rates.max() ?? 0
        let tprSpread = spread(tpr)
        let fprSpread = spread(fpr)
        let odds: Double? = [tprSpread, fprSpread].compactMap { $0 }.max()
        return [
            "demographic_parity_difference": spread(rates),
            "demographic_parity_ratio": rates.count >= 2 && maxRate > 0 ? (rates.min() ?? 0) / maxRate : nil,
            "equal_opportunity_difference": tprSpread,
            "equalized_odds_difference": odds
        ]
    }

    /// The worst value over several attributes: the largest difference, the smallest ratio.
    static func worst(_ name: String, _ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        if present.isEmpty { return nil }
        return name.hasSuffix("_ratio") ? present.min() : present.max()
    }
}
