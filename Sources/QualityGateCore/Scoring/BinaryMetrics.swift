/// Binary classification metrics, defined as scikit-learn defines them (the
/// positive class is 1). Every function takes optional per-row weights: a
/// bootstrap resample is the same rows weighted by how often each was drawn,
/// which costs one pass instead of a copy and a re-sort.
enum BinaryMetrics {
    /// Weighted counts of the confusion matrix.
    struct Confusion: Equatable {
        var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
        var n: Double { tp + fp + tn + fn }
        var positives: Double { tp + fn }
        var negatives: Double { tn + fp }

        /// sklearn's `zero_division=0`: a ratio with an empty denominator is 0.
        static func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }

        var accuracy: Double { (tp + tn) / n }
        var precision: Double { Self.ratio(tp, tp + fp) }
        var recall: Double { Self.ratio(tp, tp + fn) }
        var specificity: Double { Self.ratio(tn, tn + fp) }
        var f1: Double { Self.ratio(2 * tp, (tp + fn) + (tp + fp)) }
        var positiveRate: Double { (tp + fp) / n }
        /// Mean recall over the classes present in the labels, as sklearn's
        /// `balanced_accuracy_score` does when one class is absent.
        var balancedAccuracy: Double {
            switch (positives > 0, negatives > 0) {
            case (true, true): return (recall + specificity) / 2
            case (true, false): return recall
            case (false, true): return specificity
            case (false, false): return .nan
            }
        }
    }

    static func confusion(y: [UInt8], predicted: [UInt8], weights: [Double]?) -> Confusion {
        // Counted as integers when unweighted: exact, and the common case.
        if weights == nil {
            var counts = [Int](repeating: 0, count: 4)
            y.withUnsafeBufferPointer { yy in
                predicted.withUnsafeBufferPointer { pp in
                    for i in 0..<yy.count { counts[Int(yy[i]) << 1 | Int(pp[i])] += 1 }
                }
            }
            return Confusion(tp: Double(counts[3]), fp: Double(counts[1]), tn: Double(counts[0]), fn: Double(counts[2]))
        }
        var c = Confusion()
        for i in y.indices {
            let w = weights![i]
            switch (y[i], predicted[i]) {
            case (1, 1): c.tp += w
            case (0, 1): c.fp += w
            case (0, _): c.tn += w
            default: c.fn += w
            }
        }
        return c
    }

    /// The names of the binary metrics that get bootstrap intervals.
    static let intervalMetrics = [
        "accuracy", "balanced_accuracy", "precision", "recall", "f1", "specificity", "positive_rate",
        "roc_auc", "pr_auc", "log_loss", "brier_score", "ece", "mce"
    ]

    /// Every binary metric of one sample. `order` is the rows by decreasing score.
    static func compute(
        y: [UInt8], predicted: [UInt8], scores: [Double]?, order: RadixSort.Order?, weights: [Double]?,
        calibrationBins: Int, counts: Bool
    ) -> MetricList {
        var m = MetricList()
        let c = confusion(y: y, predicted: predicted, weights: weights)
        if counts {
            m.add("n", Int(c.n))
            m.add("confusion.tp", Int(c.tp))
            m.add("confusion.fp", Int(c.fp))
            m.add("confusion.tn", Int(c.tn))
            m.add("confusion.fn", Int(c.fn))
        }
        m.add("accuracy", c.accuracy)
        m.add("balanced_accuracy", c.balancedAccuracy)
        m.add("precision", c.precision)
        m.add("recall", c.recall)
        m.add("f1", c.f1)
        m.add("specificity", c.specificity)
        m.add("positive_rate", c.positiveRate)
        if let scores, let order {
            let ranking = RankingMetrics.compute(y: y, order: order, weights: weights)
            m.add("roc_auc", ranking.rocAUC)
            m.add("pr_auc", ranking.averagePrecision)
            let calibration = CalibrationMetrics.compute(y: y, probabilities: scores, weights: weights, bins: calibrationBins)
            m.add("log_loss", calibration?.logLoss)
            m.add("brier_score", calibration?.brier)
            m.add("ece", calibration?.ece)
            m.add("mce", calibration?.mce)
        }
        return m
    }
}
