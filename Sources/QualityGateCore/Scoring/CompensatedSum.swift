/// Neumaier's compensated summation. Means over ten million rows would
/// otherwise drift from numpy's pairwise sums by more than the 1e-12 the
/// scikit-learn fixtures allow; with compensation both are within a few ulps
/// of the exact sum.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    @inline(__always) mutating func add(_ x: Double) {
        let t = sum + x
        // Past overflow, compensation would turn ±inf into NaN.
        if !t.isFinite {
            sum = t
            return
        }
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    var value: Double { sum.isFinite ? sum + compensation : sum }
}
