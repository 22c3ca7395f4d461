/// A warning about the policy itself: a condition that can never fail, two that
/// can never both pass, a metric never produced. (A direction the metric's name
/// contradicts is not a warning here: the loader refuses it unless the gate
/// writes its direction, and a direction written on the gate is the author's.)
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable {
        case neverFails = "never-fails"
        case contradiction
        case unknownMetric = "unknown-metric"
        case meaninglessBound = "meaningless-bound"
        case cannotBlock = "cannot-block"
    }

    public var rule: Rule
    public var message: String
    public var location: SourceLocation

    public var description: String { rendered(asError: false) }

    /// `file:line:col: warning: … [rule]`; `--strict` shows findings as errors.
    public func rendered(asError: Bool) -> String {
        "\(location): \(asError ? "error" : "warning"): \(message) [\(rule.rawValue)]"
    }
}

enum PolicyLint {
    /// A bound at or beyond ±1e100 is a way of writing "no bound": no metric
    /// (latencies in nanoseconds, counts of anything, losses) comes within
    /// dozens of orders of magnitude of it, while a double reaches 1.8e308.
    static let meaninglessMagnitude = 1e100

    static func run(_ policy: Policy, baselines: [String: Double], known: MetricSet?, today: Int) -> [LintFinding] {
        var findings: [LintFinding] = []
        // Only a critical gate without a valid waiver can block: a policy with
        // none passes every model, however bad.
        let canBlock = policy.gates.contains { gate in
            gate.severity == .critical && !(gate.waiver.map { today <= $0.untilDay } ?? false)
        }
        if !canBlock, let first = policy.gates.first {
            let waived = policy.gates.contains { $0.severity == .critical }
            findings.append(
                LintFinding(
                    rule: .cannotBlock,
                    message:
                        "no gate can block a release: \(waived ? "every critical gate is waived" : "no gate is critical") (severities: \(Set(policy.gates.map(\.severity.rawValue)).sorted().joined(separator: ", ")))",
                    location: first.location))
        }
        for gate in policy.gates {
            let unit = MetricNames.isUnitInterval(gate.metric)
            let name = Sanitize.quoted(gate.metric)
            for c in gate.conditions {
                let t = NumberFormatting.exact(c.threshold)
                if c.kind.learnsFromHistory {
                    // σ is learned when evaluating; only k can be judged here. At most 1/k² of
                    // changes lie k·σ from their mean (Chebyshev): 10σ practically never happens.
                    if c.threshold >= 10 {
                        findings.append(
                            LintFinding(
                                rule: .neverFails,
                                message:
                                    "`\(c.kind.key): \(t)` allows a regression of \(t) standard deviations of the release history: it can practically never fail",
                                location: c.location))
                    }
                    continue
                }
                var never: String?
                let unbounded = unit && neverFailsOnUnitInterval(c, direction: gate.direction)
                // A required improvement of 10× the baseline is the meaningless-bound case turned round: leave it to the interval lints.
                if c.kind.thresholdIsFraction && c.kind.side != .better && (c.threshold >= 10 || unbounded) {
                    never =
                        "`\(c.kind.key): \(t)` allows a change of \(NumberFormatting.rounded(c.threshold * 100))% of the baseline: it can practically never fail"
                } else if unbounded {
                    never = "`\(c.kind.key): \(t)` on \(name), a metric in [0, 1], can never fail"
                }
                if let never { findings.append(LintFinding(rule: .neverFails, message: never, location: c.location)) }
                if never == nil && abs(c.threshold) >= meaninglessMagnitude {
                    // Such a bound admits 0 (with any baseline near it) when it lets everything pass.
                    let admitsZero = c.kind.bound(threshold: c.threshold, baseline: 0, direction: gate.direction).admits(0)
                    let effect = admitsZero ? "can never fail" : "can never pass"
                    findings.append(
                        LintFinding(
                            rule: .meaninglessBound,
                            message: "`\(c.kind.key): \(t)` on \(name) is beyond ±1e100, where no real metric lies: it \(effect)",
                            location: c.location))
                }
            }
            if let known, known[gate.metric] == nil, !SliceExpansion.matchesAny(gate.metric, in: known) {
                findings.append(
                    LintFinding(
                        rule: .unknownMetric,
                        message:
                            "the policy reads \(name), which \(known.files.map(Sanitize.inline).joined(separator: ", ")) does not contain",
                        location: gate.location))
            }
        }
        // Contradictions: all conditions on one metric, across gates.
        var reported = Set<String>()
        for gate in policy.gates where !reported.contains(gate.metric) {
            let b = baselines[gate.metric] ?? 0
            var interval = ValueInterval()
            var first: Condition?
            for g in policy.gates where g.metric == gate.metric {
                // `max_spread` bounds the gap between slices, not the value: no contradiction with `min`.
                for c in g.conditions where !c.kind.judgesSlices {
                    if c.kind.isRelative && baselines[gate.metric] == nil { continue }
                    interval = interval.intersecting(c, direction: g.direction, baseline: b)
                    if first == nil { first = c }
                    if interval.isEmpty {
                        reported.insert(gate.metric)
                        findings.append(
                            LintFinding(
                                rule: .contradiction,
                                message:
                                    "the conditions on \(Sanitize.quoted(gate.metric)) can never all pass\(c.kind.isRelative ? " with baseline \(NumberFormatting.exact(b))" : ""): nothing is both >= \(NumberFormatting.rounded(interval.lower, significantDigits: 10)) and <= \(NumberFormatting.rounded(interval.upper, significantDigits: 10))",
                                location: c.location))
                        break
                    }
                }
                if reported.contains(gate.metric) { break }
            }
        }
        return findings
    }

    /// On a metric in [0, 1], the condition passes every value for every baseline:
    /// its bound admits 0 and 1 with the baseline at either end (bounds move
    /// monotonically with the baseline, so the ends are the strictest cases).
    static func neverFailsOnUnitInterval(_ c: Condition, direction: Direction) -> Bool {
        [0.0, 1.0].allSatisfy { b in
            let bound = c.kind.bound(threshold: c.threshold, baseline: b, direction: direction)
            return bound.admits(0) && bound.admits(1)
        }
    }
}
