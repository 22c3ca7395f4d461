/// The value a metrics file gives a name: a number, an undefined value, or
/// something else that a gate cannot compare (kept so the error can say what
/// was found).
public enum MetricValue: Sendable, Equatable {
    case number(Double)
    /// Written as `null` (JSON) or `null`/`~`/empty (YAML): the metric is
    /// undefined for the data, as `qgate score` and `qgate profile` write it
    /// (ROC AUC with one class). A gate treats it like a missing metric
    /// (`on_missing_metric`), never as a number and never as an input error.
    case undefined
    case notANumber(String)
}

/// One metric with the file position that defined it.
public struct Metric: Sendable {
    /// Where a metric was written: a byte offset into its JSON source (the
    /// position is computed only if a message needs it), or a YAML location.
    enum Origin: Sendable {
        case offset(Int, SourceText)
        // Boxed: a location is four words, and a metric (one of 10,000 in a large file) stays small.
        indirect case location(SourceLocation)
    }

    /// What few metrics carry, kept out of line for the same reason.
    private final class Extras: Sendable {
        let uncertainty: Uncertainty?
        let runs: RunSpread?

        init(uncertainty: Uncertainty?, runs: RunSpread?) {
            self.uncertainty = uncertainty
            self.runs = runs
        }

        static func make(uncertainty: Uncertainty?, runs: RunSpread?) -> Extras? {
            uncertainty == nil && runs == nil ? nil : Extras(uncertainty: uncertainty, runs: runs)
        }
    }

    public var name: String
    public var value: MetricValue
    private var extras: Extras?
    let origin: Origin

    public var uncertainty: Uncertainty? {
        get { extras?.uncertainty }
        set { extras = Extras.make(uncertainty: newValue, runs: runs) }
    }

    /// Aggregated from repeated runs (`--aggregate`): how, and their spread.
    public var runs: RunSpread? {
        get { extras?.runs }
        set { extras = Extras.make(uncertainty: uncertainty, runs: newValue) }
    }

    init(name: String, value: MetricValue, origin: Origin, uncertainty: Uncertainty? = nil) {
        self.name = name
        self.value = value
        self.origin = origin
        self.extras = Extras.make(uncertainty: uncertainty, runs: nil)
    }

    public var location: SourceLocation { origin.location }
}

/// All metrics of one evaluation (or of a baseline), keyed by flattened dotted
/// path: `{"latency": {"p95_ms": 110}}` gives `latency.p95_ms`. Objects keep an
/// entry of their own so that gating on `latency` says "is an object".
public struct MetricSet: Sendable {
    public private(set) var metrics: [String: Metric] = [:]
    /// Names in the order they were read, for stable output.
    public private(set) var names: [String] = []
    /// The files the metrics came from, in order.
    public private(set) var files: [String] = []
    /// How repeated runs were combined (`--aggregate`), when they were: then
    /// `files` are the runs.
    public internal(set) var aggregate: AggregateMethod?

    public init() {}

    /// A set of plain numbers, e.g. synthetic metrics; positions point at `file`.
    public init(numbers: [(String, Double)], file: String, uncertainty: [String: Uncertainty] = [:]) {
        let at = SourceLocation(file: file, line: 1, column: 1)
        files = [file]
        for (name, value) in numbers where metrics[name] == nil {
            metrics[name] = Metric(name: name, value: .number(value), origin: .location(at), uncertainty: uncertainty[name])
            names.append(name)
        }
    }

    public subscript(name: String) -> Metric? { metrics[name] }

    public var count: Int { names.count }

    /// Every finite number by name: what a store keeps of a metrics file, and
    /// what tells two files apart whatever their formatting.
    public var finiteNumbers: [String: Double] {
        var numbers: [String: Double] = [:]
        for (name, metric) in metrics {
            if case .number(let d) = metric.value, d.isFinite { numbers[name] = d }
        }
        return numbers
    }

    /// SHA-256 of each file's bytes, in `files` order (provenance in reports).
    public var fileHashes: [String] = []

    /// Adds a metric; the same name twice (in one file or across files) is an error.
    mutating func add(_ metric: Metric) throws(MetricsError) {
        // One hash per metric: insert, and undo if the name was taken.
        if let existing = metrics.updateValue(metric, forKey: metric.name) {
            metrics[metric.name] = existing
            throw MetricsError.duplicate(metric.name, first: existing.location, second: metric.location)
        }
        names.append(metric.name)
    }

    /// Makes an object entry a number with its uncertainty, once its members
    /// are read (`JSONMetricsScan` adds the entry before them, in file order).
    mutating func setMeasured(_ name: String, value: Double, uncertainty: Uncertainty) {
        metrics[name]?.value = .number(value)
        metrics[name]?.uncertainty = uncertainty
    }

    /// Merges several sets (several `--metrics` files). A metric in two files is
    /// an error when `isGated` says a gate reads it; otherwise the first file's
    /// value is kept (a shared `n` or `version` key decides nothing).
    public mutating func merge(_ other: MetricSet, isGated: (String) -> Bool = { _ in true }) throws(MetricsError) {
        if names.isEmpty {
            let files = self.files
            let hashes = self.fileHashes
            self = other
            self.files = files + other.files
            self.fileHashes = hashes + other.fileHashes
            return
        }
        metrics.reserveCapacity(metrics.count + other.count)
        for name in other.names {
            guard let metric = other.metrics[name] else { continue }
            if metrics[name] != nil, !isGated(name) { continue }
            try add(metric)
        }
        files.append(contentsOf: other.files)
        fileHashes.append(contentsOf: other.fileHashes)
    }

    /// `<name>_ci.low` / `<name>_ci.high` siblings (as a bootstrap writes them)
    /// become the interval of `<name>` unless the metric carries its own. Siblings
    /// of a numeric metric are checked like a nested interval, even when unused:
    /// the training job writes them, and a bad one must not pass silently.
    mutating func attachSiblingIntervals() throws(MetricsError) {
        // Only `…_ci.low`/`…_ci.high` names can form a pair; checking the suffix first keeps this linear and allocation-free.
        for sibling in names where sibling.hasSuffix("_ci.low") || sibling.hasSuffix("_ci.high") {
            let isLow = sibling.hasSuffix("_ci.low")
            let name = String(sibling.dropLast(isLow ? "_ci.low".count : "_ci.high".count))
            let lowName = name + "_ci.low"
            let highName = name + "_ci.high"
            // A pair is handled once, from its low end (or its high end when the low one is missing).
            guard isLow || metrics[lowName] == nil,
                let metric = metrics[name], case .number(let value) = metric.value
            else { continue }
            var claim = Uncertainty()
            var found = UncertaintyCheck.Found()
            for (key, siblingName) in [(UncertaintyCheck.Key.ciLow, lowName), (.ciHigh, highName)] {
                // A null end is an interval no resample defined (`qgate score --bootstrap`
                // writes both ends null): no claim, so the gate compares plainly.
                guard let bound = metrics[siblingName], bound.value != .undefined else { continue }
                guard case .number(let d) = bound.value else {
                    throw MetricsError(
                        .intervalEndNotANumber(siblingName, of: name),
                        at: bound.location, hint: "write `low` and `high` as finite numbers, or remove `\(Sanitize.inline(name))_ci`")
                }
                if key == .ciLow { claim.ciLow = d } else { claim.ciHigh = d }
                found.origins[key] = bound.origin
            }
            try UncertaintyCheck.check(claim, value: value, metric: name, found: found, style: .siblings)
            var own = metric.uncertainty ?? Uncertainty()
            if own.ciLow == nil && own.ciHigh == nil {
                own.ciLow = claim.ciLow
                own.ciHigh = claim.ciHigh
            }
            if !own.isEmpty { metrics[name]?.uncertainty = own }
        }
    }

    mutating func noteFile(_ file: String) { files.append(file) }

    /// Provenance of an aggregate: every run's file and hash.
    mutating func setRunFiles(_ runs: [MetricSet]) {
        files = runs.flatMap(\.files)
        fileHashes = runs.flatMap(\.fileHashes)
    }

    mutating func reserveCapacity(_ n: Int) {
        metrics.reserveCapacity(n)
        names.reserveCapacity(n)
    }
}

extension MetricsError.Message {
    fileprivate static func intervalEndNotANumber(_ end: String, of metric: String) -> Self {
        Self("`\(Sanitize.inline(end))` is not a number: the interval of metric \(Sanitize.quoted(metric)) must be numbers")
    }
}
