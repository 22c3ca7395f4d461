#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Multiclass metrics as scikit-learn defines them: the classes are those that
/// occur among the labels or the predictions of the sample, precision, recall
/// and F1 use `zero_division=0`, and the averages are macro (unweighted mean
/// over classes), micro (from pooled counts) and weighted (by support).
enum MulticlassMetrics {
    static let intervalMetrics = [
        "accuracy", "precision_macro", "recall_macro", "f1_macro", "precision_micro", "recall_micro", "f1_micro",
        "precision_weighted", "recall_weighted", "f1_weighted", "log_loss"
    ]

    /// `probabilities[k]` holds the probability of class `probabilityClasses[k]` for each row.
    static func compute(
        y: [Int32], predicted: [Int32], classNames: [String], probabilityClasses: [Int32], probabilities: [[Double]],
        weights: [Double]?, perClass: Bool
    ) -> MetricList {
        let k = classNames.count
        var tp = [Double](repeating: 0, count: k)
        var truth = [Double](repeating: 0, count: k)
        var predictedCount = [Double](repeating: 0, count: k)
        for i in y.indices {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            truth[Int(y[i])] += w
            predictedCount[Int(predicted[i])] += w
            if y[i] == predicted[i] { tp[Int(y[i])] += w }
        }
        // sklearn's labels: those of the sample, plus the classes of the probability columns.
        var isProbabilityClass = [Bool](repeating: false, count: k)
        for c in probabilityClasses { isProbabilityClass[Int(c)] = true }
        let present = (0..<k).filter { truth[$0] > 0 || predictedCount[$0] > 0 || isProbabilityClass[$0] }
        let ratio = BinaryMetrics.Confusion.ratio
        var precision = [Double](repeating: 0, count: k)
        var recall = precision
        var f1 = precision
        for c in present {
            precision[c] = ratio(tp[c], predictedCount[c])
            recall[c] = ratio(tp[c], truth[c])
            f1[c] = ratio(2 * tp[c], truth[c] + predictedCount[c])
        }
        let n = present.reduce(0.0) { $0 + truth[$1] }
        let correct = present.reduce(0.0) { $0 + tp[$1] }
        var m = MetricList()
        if perClass { m.add("n", Int(n)) }
        m.add("accuracy", correct / n)
        func macro(_ v: [Double]) -> Double { present.reduce(0.0) { $0 + v[$1] } / Double(present.count) }
        func weighted(_ v: [Double]) -> Double { present.reduce(0.0) { $0 + v[$1] * truth[$1] } / n }
        // Single-label data: pooled precision and recall both equal accuracy.
        let pooled = ratio(correct, n)
        m.add("precision_macro", macro(precision))
        m.add("recall_macro", macro(recall))
        m.add("f1_macro", macro(f1))
        m.add("precision_micro", pooled)
        m.add("recall_micro", pooled)
        m.add("f1_micro", pooled)
        m.add("precision_weighted", weighted(precision))
        m.add("recall_weighted", weighted(recall))
        m.add("f1_weighted", weighted(f1))
        if !probabilities.isEmpty {
            // The column holding each class's probability (every label is one of them: checked on load).
            var column = [Int](repeating: -1, count: k)
            for (j, c) in probabilityClasses.enumerated() { column[Int(c)] = j }
            let eps = Double.ulpOfOne
            var loss = CompensatedSum()
            for i in y.indices {
                let w = weights?[i] ?? 1
                if w == 0 { continue }
                loss.add(-w * log(min(max(probabilities[column[Int(y[i])]][i], eps), 1 - eps)))
            }
            m.add("log_loss", loss.value / n)
        }
        if perClass {
            for c in present.sorted(by: { classNames[$0] < classNames[$1] }) {
                let name = "per_class." + MetricList.segment(classNames[c])
                m.add(name + ".precision", precision[c])
                m.add(name + ".recall", recall[c])
                m.add(name + ".f1", f1[c])
                m.add(name + ".support", Int(truth[c]))
            }
        }
        return m
    }
}
