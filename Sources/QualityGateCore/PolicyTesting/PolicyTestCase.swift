/// One case of `qgate synth-test`: metrics (and a baseline) to evaluate, the
/// behaviour the policy must show on them, and what it actually did.
public struct PolicyTestCase: Sendable {
    public enum Kind: String, Sendable {
        /// Every condition passes with margin: must pass.
        case good
        /// One metric exactly on one condition's bound: must pass (bounds are inclusive).
        case boundary
        /// One condition violated alone: must fail, with its gate's severity.
        case violation
        /// Written by the team in a cases file.
        case declared
    }

    public var name: String
    public var kind: Kind
    public var expectedVerdict: Evaluation.Verdict
    /// Gates (by name or metric) that must have failed.
    public var mustFail: [String]
    public var metrics: MetricSet
    public var baseline: MetricSet?
    /// Where the case comes from: the condition it probes, or its entry in the cases file.
    public var location: SourceLocation?
    /// For violation cases: the condition that must fail alone.
    var target: (gate: Int, condition: SourceLocation)?

    public var evaluation: Evaluation?
    /// Why the case misbehaved; nil when it behaved as expected.
    public var problem: String?

    public var behaved: Bool { evaluation != nil && problem == nil }

    /// Runs the real evaluator and checks the outcome against the expectation.
    mutating func run(_ policy: Policy, today: Int) {
        let e: Evaluation
        do {
            e = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline, options: .init(today: today))
        } catch {
            problem = "evaluation failed: \(Sanitize.inline(String(describing: error)))"
            return
        }
        evaluation = e
        var problems: [String] = []
        if e.verdict != expectedVerdict {
            problems.append("expected \(expectedVerdict.rawValue), got \(e.verdict.rawValue)")
        }
        let failed = e.results.filter { $0.status == .failed || $0.status == .waived }
        for name in mustFail where !failed.contains(where: { $0.gate.displayName == name || $0.metric == name }) {
            problems.append("gate \(Sanitize.quoted(name)) did not fail")
        }
        if let target {
            if !failed.contains(where: { $0.gateIndex == target.gate && $0.location == target.condition }) {
                problems.append("the violated condition did not fail")
            }
            let others = failed.filter { !($0.gateIndex == target.gate && $0.location == target.condition) }
            if !others.isEmpty {
                problems.append("also failed: " + others.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key)" }.joined(separator: ", "))
            }
        } else if kind == .good || kind == .boundary {
            let failing = failed.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key): \($0.message)" }
            if !failing.isEmpty { problems.append("failed: " + failing.joined(separator: "; ")) }
        }
        problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
