#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One column's distribution, binned: from a CSV (reference bins computed
/// here) or from a pre-binned histogram JSON produced by Spark, SQL, etc.
public struct ColumnHistogram: Sendable {
    public enum Kind: String, Sendable { case numeric, categorical }

    public var name: String
    public var kind: Kind
    /// Numeric: interior bin edges; a value's bin is the number of edges below it.
    public var edges: [Double] = []
    /// Numeric reference with a single distinct value c: three bins, v < c, v = c, v > c.
    public var constant: Double?
    /// Numeric: counts per bin. Categorical: counts per category.
    public var counts: [Int] = []
    public var categoryCounts: [String: Int] = [:]
    /// Current data only: values of a numeric column that are not numbers.
    public var nonNumeric = 0
    public var missing = 0
    public var rows = 0
    /// Numeric reference read from a CSV: its values look like an integer ID (`DistinctIntegers`).
    public var distinctIntegers = false

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    public var binCount: Int { constant != nil ? 3 : edges.count + 1 }

    /// Non-missing values counted.
    public var present: Int { kind == .numeric ? counts.reduce(0, +) + nonNumeric : categoryCounts.values.reduce(0, +) }

    @inline(__always) func bin(of v: Double) -> Int {
        if let c = constant { return v < c ? 0 : (v == c ? 1 : 2) }
        return Binning.bin(of: v, edges: edges)
    }

    /// An empty histogram with this (reference) histogram's bins, for counting current data.
    func emptyLike() -> ColumnHistogram {
        var h = ColumnHistogram(name: name, kind: kind)
        h.edges = edges
        h.constant = constant
        h.counts = [Int](repeating: 0, count: kind == .numeric ? binCount : 0)
        return h
    }
}
