/// Regression metrics as scikit-learn defines them. R² follows
/// `r2_score(force_finite=True)`: with constant labels it is 1 for a perfect
/// prediction and 0 otherwise; MAPE divides by max(|y|, machine epsilon).
enum RegressionMetrics {
    static let intervalMetrics = ["mae", "mse", "rmse", "r2", "mape", "max_error"]

    static func compute(y: [Double], predicted: [Double], weights: [Double]?, counts: Bool) -> MetricList {
        var total = CompensatedSum()
        var absolute = CompensatedSum()
        var squared = CompensatedSum()
        var percentage = CompensatedSum()
        var labelSum = CompensatedSum()
        var maxError = 0.0
        for i in y.indices {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            let e = y[i] - predicted[i]
            total.add(w)
            absolute.add(w * abs(e))
            squared.add(w * e * e)
            percentage.add(w * abs(e) / max(abs(y[i]), Double.ulpOfOne))
            labelSum.add(w * y[i])
            maxError = max(maxError, abs(e))
        }
        let n = total.value
        let mean = labelSum.value / n
        var spread = CompensatedSum()
        for i in y.indices {
            let w = weights?[i] ?? 1
            let d = y[i] - mean
            spread.add(w * d * d)
        }
        let mse = squared.value / n
        // sklearn: undefined (NaN) for fewer than two samples; else force_finite.
        let r2: Double?
        if n < 2 { r2 = nil } else if spread.value != 0 { r2 = 1 - squared.value / spread.value } else { r2 = squared.value == 0 ? 1 : 0 }
        var m = MetricList()
        if counts { m.add("n", Int(n)) }
        m.add("mae", absolute.value / n)
        m.add("mse", mse)
        m.add("rmse", mse.squareRoot())
        m.add("r2", r2)
        m.add("mape", percentage.value / n)
        m.add("max_error", maxError)
        return m
    }
}
