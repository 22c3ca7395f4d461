/// What a model's history says about its gate (`qgate baseline history
/// --stats`): how often evaluations were blocked, which gates block most, how
/// much gated metrics move between releases and how often releases happen —
/// the evidence that gating keeps low-quality models out.
public struct ReleaseStatistics: Sendable {
    public struct GateCount: Sendable, Equatable {
        public var gate: String
        public var metric: String
        /// Evaluations where a critical condition of the gate failed (and so blocked).
        public var blocking = 0
        /// Evaluations where a warning condition failed.
        public var warnings = 0
    }

    public struct MetricChange: Sendable, Equatable {
        public var metric: String
        public var direction: Direction
        public var changes: Int
        public var median: Double
        /// The change furthest in the bad direction (the largest drop of a
        /// higher-is-better metric); the best change if none went the wrong way.
        public var worst: Double
    }

    public struct Week: Sendable, Equatable {
        /// Monday of the ISO week, `YYYY-MM-DD`.
        public var start: String
        public var evaluations = 0
        public var blocked = 0
        public var promotions = 0
    }

    public var model: String
    public var since: String?
    public var evaluations = 0
    public var passed = 0
    public var passedWithWarnings = 0
    public var blocked = 0
    public var promotions = 0
    public var rollbacks = 0
    public var gates: [GateCount] = []
    public var metrics: [MetricChange] = []
    /// Days between consecutive promotions.
    public var releaseIntervals: [Double] = []
    public var weeks: [Week] = []

    public var blockedShare: Double? { evaluations > 0 ? Double(blocked) / Double(evaluations) : nil }

    /// Statistics of `records` (one model's history) from `since` (`YYYY-MM-DD`) on.
    /// `policy`, when given, says which metric each gate checks and which way is better.
    public static func compute(_ records: [HistoryRecord], model: String, since: String?, policy: Policy?) throws -> ReleaseStatistics {
        var s = ReleaseStatistics(model: model, since: since)
        var sinceSeconds: Int?
        if let since {
            guard let day = Clock.days(fromISODate: since) else {
                throw BaselineError(.invalidSinceDate(since), hint: "use YYYY-MM-DD")
            }
            sinceSeconds = day * 86400
        }
        let gatesByName = Dictionary(policy?.gates.map { ($0.displayName, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        var gateIndex: [String: Int] = [:]
        var previousPromotion: (time: Int, metrics: [String: Double])?
        var changes: [String: [Double]] = [:]
        var weekIndex: [Int: Int] = [:]
        // In time order (ties in history order): a hand-merged or replayed history may not be.
        let timed = records.enumerated().compactMap { i, r in ISOTimestamp.epochSeconds(r.time).map { (i, $0, r) } }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        for (_, time, r) in timed {
            if let sinceSeconds, time < sinceSeconds {
                if r.event == .promote { previousPromotion = (time, Dictionary(r.metrics, uniquingKeysWith: { a, _ in a })) }
                continue
            }
            // ISO weeks start on Monday; 1970-01-01 was a Thursday.
            let day = Clock.day(ofEpochSeconds: time)
            let monday = day - ((day + 3) % 7 + 7) % 7
            let w: Int
            if let i = weekIndex[monday] {
                w = i
            } else {
                w = s.weeks.count
                weekIndex[monday] = w
                s.weeks.append(Week(start: Clock.isoDate(day: monday)))
            }
            switch r.event {
            case .evaluation:
                s.evaluations += 1
                s.weeks[w].evaluations += 1
                switch r.verdict {
                case Evaluation.Verdict.blocked.rawValue:
                    s.blocked += 1
                    s.weeks[w].blocked += 1
                case Evaluation.Verdict.passedWithWarnings.rawValue: s.passedWithWarnings += 1
                default: s.passed += 1
                }
                // Each gate counts once per evaluation and severity, however many of its conditions failed.
                var counted = Set<String>()
                for f in Self.failures(of: r) where counted.insert(f.severity.rawValue + " " + f.gate).inserted {
                    let i: Int
                    if let known = gateIndex[f.gate] {
                        i = known
                    } else {
                        i = s.gates.count
                        gateIndex[f.gate] = i
                        s.gates.append(GateCount(gate: f.gate, metric: f.metric ?? gatesByName[f.gate]?.metric ?? f.gate))
                    }
                    switch f.severity {
                    case .critical: s.gates[i].blocking += 1
                    case .warning: s.gates[i].warnings += 1
                    case .info: break
                    }
                }
            case .promote:
                s.promotions += 1
                s.weeks[w].promotions += 1
                let metrics = Dictionary(r.metrics, uniquingKeysWith: { a, _ in a })
                if let previous = previousPromotion {
                    s.releaseIntervals.append(Double(time - previous.time) / 86400)
                    for (name, value) in metrics {
                        guard let old = previous.metrics[name], value.isFinite, old.isFinite else { continue }
                        if policy != nil && !gatesByName.values.contains(where: { $0.metric == name }) { continue }
                        changes[name, default: []].append(value - old)
                    }
                }
                previousPromotion = (time, metrics)
            case .rollback:
                s.rollbacks += 1
            }
        }
        // Weeks without records get an empty entry, so bars and sparklines keep time.
        if let first = weekIndex.keys.min(), let last = weekIndex.keys.max() {
            let byMonday = Dictionary(uniqueKeysWithValues: weekIndex.map { ($0.key, s.weeks[$0.value]) })
            s.weeks = stride(from: first, through: last, by: 7).map {
                byMonday[$0] ?? Week(start: Clock.isoDate(day: $0))
            }
        }
        s.gates.sort { ($0.blocking, $0.warnings, $1.gate) > ($1.blocking, $1.warnings, $0.gate) }
        for (name, deltas) in changes {
            let direction = policy?.gates.first { $0.metric == name }.map(Self.better) ?? .higher
            let sorted = deltas.sorted()
            let worst = direction == .higher ? sorted[0] : sorted[sorted.count - 1]
            s.metrics.append(
                MetricChange(
                    metric: name, direction: direction, changes: deltas.count,
                    median: Self.median(sorted), worst: worst))
        }
        s.metrics.sort { $0.metric < $1.metric }
        return s
    }

    /// Which way is better for a gate's metric: an upper bound (`max`) says
    /// lower, a lower bound (`min`) higher; relative-only gates say it with `direction`.
    static func better(_ gate: Gate) -> Direction {
        let sides = gate.conditions.filter { !$0.kind.isRelative }.map(\.kind.side)
        if sides.contains(.atMost) && !sides.contains(.atLeast) { return .lower }
        if sides.contains(.atLeast) && !sides.contains(.atMost) { return .higher }
        return gate.direction
    }

    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The failures of an evaluation that count against it (not waived): from
    /// version-2 structure; from a version-1 record's prose only for that record.
    static func failures(of r: HistoryRecord) -> [(gate: String, metric: String?, severity: Severity)] {
        switch r.format {
        case .v2:
            return r.failed.filter(\.counts).map { ($0.gate, $0.metric, $0.severity) }
        case .v1:
            return r.v1Failed.compactMap(LegacyFailureText.init).compactMap { f in
                Severity(rawValue: f.severity).map { (f.gate, nil, $0) }
            }
        }
    }
}

extension BaselineError.Message {
    fileprivate static func invalidSinceDate(_ since: String) -> Self { Self("invalid date \(Sanitize.quoted(since)) for --since") }
}
