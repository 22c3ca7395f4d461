/// Percentiles exactly as `numpy.percentile(a, q)` computes them with its
/// default `method="linear"` (Hyndman & Fan type 7): the virtual index is
/// (q/100)·(n−1) and neighbours are interpolated with numpy's `_lerp`, which
/// switches to `b − (b−a)(1−t)` for t ≥ 0.5 so the result is monotone in q.
enum Percentile {
    /// The q-th percentile (0…100) of `sorted` (ascending, non-empty).
    static func linear(_ sorted: [Double], _ q: Double) -> Double {
        linear(count: sorted.count, q) { sorted[$0] }
    }

    /// The two ranks (0-based, ascending order) the q-th percentile of `count` values interpolates between.
    static func ranks(count n: Int, _ q: Double) -> (lower: Int, upper: Int) {
        let index = (q / 100) * Double(n - 1)
        let lower = min(max(Int(index.rounded(.down)), 0), n - 1)
        return (lower, min(lower + 1, n - 1))
    }

    /// The q-th percentile of `count` values (non-zero) given the value at a rank
    /// of their ascending order: only the two ranks of `ranks(count:_:)` are asked for.
    static func linear(count n: Int, _ q: Double, at value: (Int) -> Double) -> Double {
        let index = (q / 100) * Double(n - 1)
        let (lower, upper) = ranks(count: n, q)
        let t = index - Double(lower)
        let a = value(lower)
        let b = value(upper)
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
