// What the policy reader checks of a pattern gate (`metric: groups.region.*.recall`,
// `min_count: 30`); what a pattern matches is Gates/MetricPattern.swift.

extension PolicyLoader.Reader {
    /// A metric's wildcards must make one well-formed pattern (or none).
    mutating func checkMetricPattern(_ node: YAMLNode, _ metric: String) {
        switch MetricPattern.problem(metric) {
        case .doubleStar?:
            error(
                .doubleStarPattern(metric), at: node.location,
                hint: "write `*` for one dotted segment, e.g. `groups.region.*.recall`; `**` is not supported")
        case .starInsideSegment(let segment)?:
            error(
                .starInsideSegment(segment), at: node.location,
                hint: "`*` stands for a whole segment between dots, e.g. `groups.region.*.recall`")
        case .severalStars?:
            error(.severalStars(metric), at: node.location, hint: "write one pattern gate per group, e.g. `groups.region.*.recall`")
        case nil: break
        }
    }

    /// `min_count`: a whole number of at least 1.
    mutating func readMinCount(_ node: YAMLNode) -> Int? {
        if case .int(let n) = node.value, n >= 1 { return n }
        error(
            .invalidMinCount(found: node.kindDescription), at: node.location,
            hint: "write the smallest slice you would judge, e.g. `min_count: 30`")
        return nil
    }

    /// `min_count` counts a slice's samples, so it needs a pattern metric.
    mutating func checkMinCountHasPattern(_ key: YAMLNode?, metric: String?) {
        guard let key, let metric, MetricPattern(metric) == nil else { return }
        error(
            .minCountWithoutPattern(metric), at: key.location,
            hint: "use a pattern with one `*` segment, e.g. `metric: groups.region.*.recall`, or remove `min_count`")
    }

    /// `max_spread` is the gap between a pattern's slices, so it needs a pattern metric.
    mutating func checkSpreadHasPattern(_ conditions: [Condition], metric: String?) {
        guard let metric, MetricPattern(metric) == nil, let spread = conditions.first(where: { $0.kind.judgesSlices }) else { return }
        error(
            .spreadWithoutPattern(metric), at: spread.location,
            hint: "use a pattern with one `*` segment, e.g. `metric: groups.region.*.recall`, or remove `max_spread`")
    }
}

extension PolicyError.Message {
    fileprivate static func doubleStarPattern(_ metric: String) -> Self {
        Self("metric pattern \(Sanitize.quoted(metric)) uses `**`; `*` matches exactly one segment")
    }
    fileprivate static func starInsideSegment(_ segment: String) -> Self {
        Self("`*` inside the segment \(Sanitize.quoted(segment)): a wildcard must be a whole segment")
    }
    fileprivate static func severalStars(_ metric: String) -> Self {
        Self("metric pattern \(Sanitize.quoted(metric)) has more than one `*`; a pattern has one")
    }
    fileprivate static func invalidMinCount(found: String) -> Self {
        Self("`min_count` must be a whole number of at least 1, found \(found)")
    }
    fileprivate static func minCountWithoutPattern(_ metric: String) -> Self {
        Self("`min_count` needs a pattern metric with a `*` segment, found \(Sanitize.quoted(metric))")
    }
    fileprivate static func spreadWithoutPattern(_ metric: String) -> Self {
        Self("`max_spread` needs a pattern metric with a `*` segment, found \(Sanitize.quoted(metric))")
    }
}
