/// The latency column summarised for gates on tail latency: count, mean and
/// the 50th/90th/95th/99th percentiles and maximum, in milliseconds, with
/// numpy's default (linear) percentile interpolation.
enum LatencySummary {
    static func compute(_ values: [Double]) -> MetricList {
        let sorted = RadixSort.ascending(values)
        var sum = CompensatedSum()
        for v in values { sum.add(v) }
        var m = MetricList()
        m.add("latency.count", values.count)
        m.add("latency.mean_ms", sum.value / Double(values.count))
        for q in [50, 90, 95, 99] { m.add("latency.p\(q)_ms", Percentile.linear(sorted, Double(q))) }
        m.add("latency.max_ms", sorted[sorted.count - 1])
        return m
    }
}
