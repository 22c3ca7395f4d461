/// The latency column summarised for gates on tail latency: count, mean and
/// the 50th/90th/95th/99th percentiles and maximum, in milliseconds, with
/// numpy's default (linear) percentile interpolation.
enum LatencySummary {
    static let percentiles = [50, 90, 95, 99]
    /// Memory for the values of the select's buckets (32 MiB), as drift's select has.
    static let selectBudget = 32 << 20

    static func compute(_ values: [Double]) -> MetricList {
        let n = values.count
        // Only a handful of ranks are needed: a radix select finds them in two
        // passes over the values, where sorting all of them took six.
        var ranks = Set([n - 1])
        for q in percentiles {
            let r = Percentile.ranks(count: n, Double(q))
            ranks.formUnion([r.lower, r.upper])
        }
        let found = select(values, ranks: ranks.sorted())
        var sum = CompensatedSum()
        for v in values { sum.add(v) }
        var m = MetricList()
        m.add("latency.count", n)
        m.add("latency.mean_ms", sum.value / Double(n))
        for q in percentiles { m.add("latency.p\(q)_ms", Percentile.linear(count: n, Double(q)) { found[$0]! }) }
        m.add("latency.max_ms", found[n - 1]!)
        return m
    }

    /// The values at `ranks` (ascending) of `values`' ascending order, as a sort would place them.
    static func select(_ values: [Double], ranks: [Int]) -> [Int: Double] {
        var select = QuantileSelect(topBits: min(16, max(1, Int.bitWidth - values.count.leadingZeroBitCount)))
        select.add(contentsOf: values)
        select.want(ranks)
        while !select.isDone {
            var budget = selectBudget
            select.plan(budget: &budget)
            select.visit(contentsOf: values)
            select.endPass()
        }
        return select.found
    }
}
