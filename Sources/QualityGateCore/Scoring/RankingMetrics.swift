/// Threshold-free ranking metrics: ROC AUC and average precision (the area
/// under the precision–recall curve as scikit-learn defines it). Both walk the
/// rows once by decreasing score, treating equal scores (equal sort keys) as one threshold, as
/// sklearn's `_binary_clf_curve` does.
enum RankingMetrics {
    /// nil where sklearn would refuse: ROC AUC needs both classes, average precision a positive.
    static func compute(y: [UInt8], order: RadixSort.Order, weights: [Double]?)
        -> (rocAUC: Double?, averagePrecision: Double?)
    {
        var tps = 0.0
        var fps = 0.0
        var prevTps = 0.0
        var prevFps = 0.0
        var area = CompensatedSum()  // Σ Δfp · (tp + tp_prev), halved at the end
        var precisionSum = CompensatedSum()  // Σ Δtp · precision, divided by P at the end
        order.keys.withUnsafeBufferPointer { keys in
            y.withUnsafeBufferPointer { y in
                order.rows.withUnsafeBufferPointer { order in
                    var k = 0
                    let n = order.count
                    while k < n {
                        let threshold = keys[k]
                        var groupWeight = 0.0
                        while k < n && keys[k] == threshold {
                            let i = Int(order[k])
                            let w = weights?[i] ?? 1
                            if y[i] == 1 { tps += w } else { fps += w }
                            groupWeight += w
                            k += 1
                        }
                        // A threshold no row of the sample sits at is not a point of the curve.
                        if groupWeight == 0 { continue }
                        area.add((fps - prevFps) * (tps + prevTps))
                        precisionSum.add((tps - prevTps) * (tps / (tps + fps)))
                        prevTps = tps
                        prevFps = fps
                    }
                }
            }
        }
        let roc: Double? = tps > 0 && fps > 0 ? area.value / 2 / (tps * fps) : nil
        let ap: Double? = tps > 0 ? precisionSum.value / tps : nil
        return (roc, ap)
    }
}
