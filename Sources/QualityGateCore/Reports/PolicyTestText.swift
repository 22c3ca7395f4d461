// The words of a synth-test run: why a case misbehaved, and which conditions
// no case can probe alone. The cases record both as data.

extension PolicyTestCase {
    /// Why the case misbehaved, in one line; nil when it behaved as expected.
    public var problem: String? { problem(.full) }

    /// The same, with measured numbers at a human report's precision.
    public func problem(_ precision: ReportPrecision) -> String? {
        misbehaviours.isEmpty ? nil : misbehaviours.map { Self.text($0, precision) }.joined(separator: "; ")
    }

    static func text(_ m: Misbehaviour, _ precision: ReportPrecision) -> String {
        switch m {
        case .evaluationFailed(let error): return "evaluation failed: \(Sanitize.inline(error))"
        case .verdict(let expected, let got): return "expected \(expected.rawValue), got \(got.rawValue)"
        case .didNotFail(let gate): return "gate \(Sanitize.quoted(gate)) did not fail"
        case .targetDidNotFail: return "the violated condition did not fail"
        case .alsoFailed(let others):
            return "also failed: " + others.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key)" }.joined(separator: ", ")
        case .failed(let failed):
            return "failed: "
                + failed.map { "\(Sanitize.name($0.gate.displayName)) \($0.kind.key): \($0.message(precision))" }.joined(separator: "; ")
        }
    }
}

extension UnprobedCondition {
    /// `p.yaml:4:5: acc min 0.9 never decides alone: acc is already held to [0.95, 1] by its other conditions`.
    /// As JSON's `not_probed` has it: 10 significant digits hide the noise of the arithmetic that found the range.
    public var text: String { text(ReportPrecision(significantDigits: 10)) }

    /// The same at a human report's precision: the held range's ends are computed
    /// from the other bounds, so rounding never moves them across this threshold.
    public func text(_ precision: ReportPrecision) -> String {
        let fmt: (Double) -> String = { precision.number($0, against: threshold) }
        let label = "\(Sanitize.name(gate)) \(kind.key) \(NumberFormatting.exact(threshold))"
        return
            "\(location): \(label) never decides alone\(usesBaseline ? " with this baseline" : ""): \(Sanitize.name(metric)) is already held to [\(fmt(heldLower)), \(fmt(heldUpper))] by its other conditions"
    }
}

extension PolicyTestReport {
    /// The conditions no synthetic case could probe alone, one line each.
    public var notes: [String] { unprobed.map(\.text) }
}
