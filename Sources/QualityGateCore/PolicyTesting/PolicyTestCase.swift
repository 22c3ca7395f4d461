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
    /// The release history `max_regression_sigma` learns from (synthetic cases only).
    public var history: ReleaseHistory?
    /// Where the case comes from: the condition it probes, or its entry in the cases file.
    public var location: SourceLocation?
    /// For violation cases: the condition that must fail alone.
    var target: (gate: Int, condition: SourceLocation)?

    public var evaluation: Evaluation?
    /// How the case misbehaved, in the order checked; empty when it behaved as
    /// expected. The report phrases them (`problem`).
    public var misbehaviours: [Misbehaviour] = []

    public var behaved: Bool { evaluation != nil && misbehaviours.isEmpty }

    public enum Misbehaviour: Sendable {
        /// The evaluator threw: the error, as it describes itself.
        case evaluationFailed(String)
        case verdict(expected: Evaluation.Verdict, got: Evaluation.Verdict)
        /// A gate (by name or metric) the case requires to fail did not.
        case didNotFail(gate: String)
        /// A violation case: the condition it violates did not fail.
        case targetDidNotFail
        /// A violation case: these conditions failed besides the violated one.
        case alsoFailed([ConditionResult])
        /// A good or boundary case: these conditions failed.
        case failed([ConditionResult])
    }

    /// Runs the real evaluator and checks the outcome against the expectation.
    mutating func run(_ policy: Policy, today: Int) {
        let e: Evaluation
        do {
            e = try GateEvaluator.evaluate(policy, metrics: metrics, baseline: baseline, history: history, options: .init(today: today))
        } catch {
            misbehaviours = [.evaluationFailed(String(describing: error))]
            return
        }
        evaluation = e
        var problems: [Misbehaviour] = []
        if e.verdict != expectedVerdict {
            problems.append(.verdict(expected: expectedVerdict, got: e.verdict))
        }
        let failed = e.results.filter { $0.status == .failed || $0.status == .waived }
        for name in mustFail where !failed.contains(where: { $0.gate.displayName == name || $0.metric == name }) {
            problems.append(.didNotFail(gate: name))
        }
        if let target {
            if !failed.contains(where: { $0.gateIndex == target.gate && $0.location == target.condition }) {
                problems.append(.targetDidNotFail)
            }
            let others = failed.filter { !($0.gateIndex == target.gate && $0.location == target.condition) }
            if !others.isEmpty { problems.append(.alsoFailed(others)) }
        } else if kind == .good || kind == .boundary {
            if !failed.isEmpty { problems.append(.failed(failed)) }
        }
        misbehaviours = problems
    }
}
