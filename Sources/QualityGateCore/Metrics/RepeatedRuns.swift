/// How `--aggregate` combines repeated runs (seeds) of one candidate into one
/// value per metric.
public enum AggregateMethod: String, Sendable, CaseIterable {
    case median, mean, min, max
    /// The worst run in the direction the metric's gates judge it (README, "Repeated runs").
    case pessimistic
}

/// What a metric's value was aggregated from, for reports and the significance
/// test: the runs' range, their sample standard deviation and the standard
/// error it gives the aggregate.
public struct RunSpread: Sendable, Equatable {
    public var method: AggregateMethod
    /// `pessimistic`: the direction whose worst run was taken (`higher` takes the
    /// lowest run); nil for the other methods and for a metric no gate judges
    /// (its median is taken).
    public var worstFor: Direction?
    public var runs: Int
    public var low: Double
    public var high: Double
    /// Sample standard deviation (k − 1 in the denominator).
    public var sd: Double
    /// sd / √k: the candidate's standard error for `significance`.
    public var stderr: Double
}

/// Combines the metric sets of several runs of one candidate (`--metrics` given
/// k ≥ 2 times with `--aggregate`). Fails closed: every run must hold the same
/// metrics, each a finite number in every run (or the same non-number, such as
/// a `version` string, kept from the first run). The runs' own `n`, `stderr` and
/// intervals are not carried over: the aggregate's only uncertainty is the
/// standard error of the spread across runs, so a run cannot excuse itself by
/// claiming noise, and that standard error is held to the gate's
/// `UncertaintyLimits` like any claim (Gates/ClaimCheck.swift).
public enum RepeatedRuns {
    /// `worstFor(name)`: for `pessimistic`, the direction in which the metric's
    /// gates judge it (nil when no gate does); it may throw when they disagree.
    public static func combine(
        _ runs: [MetricSet], method: AggregateMethod, worstFor: (String) throws -> Direction?
    ) throws -> MetricSet {
        guard runs.count >= 2, let first = runs.first else {
            // The hint names `--metrics`: the command line's (FlagHints).
            throw MetricsError(.tooFewRuns(runs.count))
        }
        // One file given twice would count one run twice: a spread that is not there, and a smaller standard error.
        var seen: [String: String] = [:]
        for run in runs {
            for (hash, file) in zip(run.fileHashes, run.files) {
                if let first = seen.updateValue(file, forKey: hash) {
                    throw MetricsError(.sameRunTwice(file, first: first), hint: "pass each run's metrics file once")
                }
            }
        }
        for run in runs.dropFirst() {
            if let name = first.names.first(where: { run[$0] == nil }), let metric = first[name] {
                throw MetricsError(.metricMissingFromRun(name, run: run.files.first ?? "?"), at: metric.location, hint: sameMetrics)
            }
            if let name = run.names.first(where: { first[$0] == nil }), let metric = run[name] {
                throw MetricsError(.metricMissingFromRun(name, run: first.files.first ?? "?"), at: metric.location, hint: sameMetrics)
            }
        }
        var combined = MetricSet()
        combined.reserveCapacity(first.count)
        for name in first.names {
            guard let metric = first[name] else { continue }
            let all = runs.compactMap { $0[name] }
            var values: [Double] = []
            values.reserveCapacity(all.count)
            for m in all {
                switch (metric.value, m.value) {
                case (.number, .number(let d)):
                    guard d.isFinite else { throw MetricsError(.nonFiniteRun(name, d), at: m.location, hint: rerun) }
                    values.append(d)
                case (.undefined, .undefined), (.notANumber, .notANumber): break
                default:
                    throw MetricsError(
                        .runsDisagreeOnKind(name, first: describe(metric.value), other: describe(m.value)), at: m.location, hint: rerun)
                }
            }
            var out = Metric(name: name, value: metric.value, origin: metric.origin)
            if case .number = metric.value {
                let direction = try method == .pessimistic ? worstFor(name) : nil
                let spread = self.spread(values, method: method, worstFor: direction)
                out.value = .number(spread.value)
                out.uncertainty = Uncertainty(stderr: spread.runs.stderr)
                out.runs = spread.runs
            }
            try combined.add(out)
        }
        combined.aggregate = method
        combined.setRunFiles(runs)
        return combined
    }

    static let sameMetrics = "every run must hold the same metrics; rerun the evaluation that wrote the other file"
    static let rerun = "every run must give every metric a finite number; rerun the evaluation, or drop the run"

    static func describe(_ value: MetricValue) -> String {
        switch value {
        case .number: return "a number"
        case .undefined: return "null"
        case .notANumber(let found): return found
        }
    }

    /// The aggregate of finite values (k ≥ 2) and their spread. Sums are taken
    /// of v/k and halves, so finite inputs give a finite value.
    static func spread(_ values: [Double], method: AggregateMethod, worstFor: Direction?) -> (value: Double, runs: RunSpread) {
        let k = Double(values.count)
        let sorted = values.sorted()
        let low = sorted[0]
        let high = sorted[sorted.count - 1]
        let mean = values.reduce(0) { $0 + $1 / k }
        let median: Double = {
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2
        }()
        let value: Double
        switch method {
        case .median: value = median
        case .mean: value = mean
        case .min: value = low
        case .max: value = high
        case .pessimistic:
            switch worstFor {
            case .higher?: value = low
            case .lower?: value = high
            case nil: value = median
            }
        }
        // Two passes (mean first): no cancellation between large squares. Overflow gives +inf, which no limit accepts.
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1)
        let sd = variance.squareRoot()
        let runs = RunSpread(
            method: method, worstFor: method == .pessimistic ? worstFor : nil, runs: values.count,
            low: low, high: high, sd: sd, stderr: sd / k.squareRoot())
        return (value, runs)
    }
}

extension MetricsError.Message {
    fileprivate static func tooFewRuns(_ count: Int) -> Self {
        Self("aggregating repeated runs needs at least 2 metrics files, got \(count)")
    }
    fileprivate static func sameRunTwice(_ file: String, first: String) -> Self {
        Self(
            "the run \(Sanitize.quoted(file)) has the same bytes as the run \(Sanitize.quoted(first)) (same SHA-256): one run counted twice"
        )
    }
    fileprivate static func metricMissingFromRun(_ name: String, run: String) -> Self {
        Self("metric \(Sanitize.quoted(name)) is missing from the run \(Sanitize.quoted(run))")
    }
    fileprivate static func nonFiniteRun(_ name: String, _ value: Double) -> Self {
        Self(
            "metric \(Sanitize.quoted(name)) is \(NumberFormatting.exact(value)) in this run: repeated runs are aggregated only from finite numbers"
        )
    }
    fileprivate static func runsDisagreeOnKind(_ name: String, first: String, other: String) -> Self {
        Self("metric \(Sanitize.quoted(name)) is \(other) in this run but \(first) in the first run")
    }
}
