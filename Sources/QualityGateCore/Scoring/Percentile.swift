/// Percentiles exactly as `numpy.percentile(a, q)` computes them with its
/// default `method="linear"` (Hyndman & Fan type 7): the virtual index is
/// (q/100)·(n−1) and neighbours are interpolated with numpy's `_lerp`, which
/// switches to `b − (b−a)(1−t)` for t ≥ 0.5 so the result is monotone in q.
enum Percentile {
    /// The q-th percentile (0…100) of `sorted` (ascending, non-empty).
    static func linear(_ sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        let index = (q / 100) * Double(n - 1)
        let lower = min(max(Int(index.rounded(.down)), 0), n - 1)
        let upper = min(lower + 1, n - 1)
        let t = index - Double(lower)
        let a = sorted[lower]
        let b = sorted[upper]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
