// The words of a synth-test run: why a case misbehaved, and which conditions
// no case can probe alone. The cases record both as data.

extension PolicyTestCase {
    /// Why the case misbehaved, in one line; nil when it behaved as expected.
    public var problem: String? {
        misbehaviours.isEmpty ? nil : misbehaviours.map(Self.text).joined(separator: "; ")
    }

    static func text(_ m: Misbehaviour) -> String {
        switch m {
        case .evaluationFailed(let error): return "evaluation failed: \(Sanitize.inline(error))"
        case .verdict(let expected, let got): return "expected \(expected.rawValue), got \(got.rawValue)"
        case .didNotFail(let gate): return "gate \(Sanitize.quoted(gate)) did not fail"
        case .targetDidNotFail: return "the violated condition did not fail"
        case .alsoFailed(let others):
            return "also failed: " + others.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key)" }.joined(separator: ", ")
        case .failed(let failed):
            return "failed: " + failed.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key): \($0.message)" }.joined(separator: "; ")
        }
    }
}

extension UnprobedCondition {
    /// `p.yaml:4:5: acc min 0.9 never decides alone: acc is already held to [0.95, 1] by its other conditions`.
    public var text: String {
        let fmt: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 10) }
        let label = "\(Sanitize.name(gate)) \(kind.key) \(NumberFormatting.exact(threshold))"
        return
            "\(location): \(label) never decides alone\(usesBaseline ? " with this baseline" : ""): \(Sanitize.name(metric)) is already held to [\(fmt(heldLower)), \(fmt(heldUpper))] by its other conditions"
    }
}

extension PolicyTestReport {
    /// The conditions no synthetic case could probe alone, one line each.
    public var notes: [String] { unprobed.map(\.text) }
}
