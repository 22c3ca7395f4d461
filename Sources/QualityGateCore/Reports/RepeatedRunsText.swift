/// The sentences that say a value is the aggregate of repeated runs
/// (`--aggregate`): how it was taken, over how many runs, and their spread.
enum RepeatedRunsText {
    /// `median of 3 runs`, `pessimistic of 3 runs (the lowest: higher is better)`.
    static func method(_ method: AggregateMethod, runs: Int, worstFor: Direction?) -> String {
        let head = "\(method.rawValue) of \(runs) runs"
        guard method == .pessimistic else { return head }
        switch worstFor {
        case .higher?: return head + " (the lowest: higher is better)"
        case .lower?: return head + " (the highest: lower is better)"
        case nil: return head + " (the median: no gate judges it)"
        }
    }

    /// The provenance line: `metrics aggregated: median of 3 runs; …`.
    static func provenance(_ method: AggregateMethod, runs: Int) -> String {
        "metrics aggregated: \(method.rawValue) of \(runs) runs; each value's standard error is the runs' sample sd / √\(runs)"
    }

    /// One result's value: `median of 3 runs: range 0.9 … 0.92, sd 0.01, stderr 0.00577`.
    static func spread(_ s: RunSpread, _ precision: ReportPrecision) -> String {
        "\(method(s.method, runs: s.runs, worstFor: s.worstFor)): range \(precision.number(s.low)) … \(precision.number(s.high)), sd \(precision.number(s.sd)), stderr \(precision.number(s.stderr))"
    }

    /// `--explain`: the same with the standard error's arithmetic.
    static func explain(_ s: RunSpread, _ precision: ReportPrecision) -> String {
        "\(method(s.method, runs: s.runs, worstFor: s.worstFor)), range \(precision.number(s.low)) … \(precision.number(s.high)); stderr = sd / √k = \(precision.number(s.sd)) / √\(s.runs) = \(precision.number(s.stderr))"
    }

    static func json(_ s: RunSpread) -> JSONOutput {
        .object([
            ("method", .string(s.method.rawValue)), ("worst_for", .optional(s.worstFor?.rawValue)), ("runs", .number(Double(s.runs))),
            ("low", .number(s.low)), ("high", .number(s.high)), ("sd", .number(s.sd)), ("stderr", .number(s.stderr))
        ])
    }
}
