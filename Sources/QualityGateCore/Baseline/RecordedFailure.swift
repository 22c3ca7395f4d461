/// One condition that did not pass, as a version-2 evaluation record keeps it
/// (an object of its `failed` list): the facts as typed values, so statistics
/// and readers never parse `message`, which is prose for people.
public struct RecordedFailure: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Failed at `severity`.
        case failed
        /// Failed, but the gate has a valid waiver: never blocks, never warns.
        case waived
        /// Failed, but the baseline fails it too and this model is no worse
        /// (`new_failures_only`): `severity` is already the downgraded one.
        case preExisting = "pre_existing"
    }

    public var gate: String
    public var metric: String
    public var kind: ConditionKind
    /// The severity the failure counted with.
    public var severity: Severity
    public var status: Status
    public var reason: ConditionResult.Reason
    public var value: Double?
    public var baseline: Double?
    /// The effective bound the value was compared against, when there was one.
    public var bound: Double?
    /// The report's explanation, shown by `qgate baseline history`; never read back.
    public var message: String

    public init(
        gate: String, metric: String, kind: ConditionKind, severity: Severity, status: Status,
        reason: ConditionResult.Reason, value: Double?, baseline: Double?, bound: Double?, message: String
    ) {
        self.gate = gate
        self.metric = metric
        self.kind = kind
        self.severity = severity
        self.status = status
        self.reason = reason
        self.value = value
        self.baseline = baseline
        self.bound = bound
        self.message = message
    }

    /// The failure of a condition result, or nil for one that passed or was skipped.
    init?(_ r: ConditionResult) {
        let status: Status
        switch r.status {
        case .passed, .skipped: return nil
        case .waived: status = .waived
        case .failed: status = r.preExisting ? .preExisting : .failed
        }
        // Every failing path of the evaluator sets a reason (a test checks each);
        // should one not, the failure is still recorded, as its bound's side.
        assert(r.reason != nil, "a failed condition without a reason")
        let reason = r.reason ?? (r.comparison == .atMost ? .aboveBound : .belowBound)
        self.init(
            gate: r.gate.displayName, metric: r.metric, kind: r.kind, severity: r.severity, status: status,
            reason: reason, value: r.value, baseline: r.baseline, bound: r.bound, message: r.message)
    }

    /// Whether it counts against the release (as a blocker or warning, by severity).
    public var counts: Bool { status != .waived }

    /// The line `qgate baseline history` shows, as version-1 records wrote it.
    public var line: String {
        "\(status == .waived ? "waived" : severity.rawValue): \(gate) \(kind.key) — \(message)"
    }

    func json() -> JSONOutput {
        .object([
            ("gate", .string(gate)), ("metric", .string(metric)), ("kind", .string(kind.key)),
            ("severity", .string(severity.rawValue)), ("status", .string(status.rawValue)), ("reason", .string(reason.rawValue)),
            ("value", .optional(value)), ("baseline", .optional(baseline)), ("bound", .optional(bound)),
            ("message", .string(message))
        ])
    }

    /// Parses one object of a version-2 `failed` list; nil if it is not one qgate writes.
    static func parse(_ value: JSONValue) -> RecordedFailure? {
        guard case .object(let members) = value.kind else { return nil }
        var fields: [String: JSONValue.Kind] = [:]
        for m in members { fields[m.key] = m.value.kind }
        func text(_ k: String) -> String? {
            if case .string(let s)? = fields[k] { return s }
            return nil
        }
        // Numbers JSON cannot hold are written as the strings "NaN", "Infinity", "-Infinity".
        func number(_ k: String) -> Double?? {
            switch fields[k] {
            case nil, .null?: return .some(nil)
            case .number(let d)?: return .some(d)
            case .string("NaN")?: return .some(.nan)
            case .string("Infinity")?: return .some(.infinity)
            case .string("-Infinity")?: return .some(-.infinity)
            default: return nil
            }
        }
        guard let gate = text("gate"), let metric = text("metric"), let message = text("message"),
            let kind = text("kind").flatMap(ConditionKind.init(rawValue:)),
            let severity = text("severity").flatMap(Severity.init(rawValue:)),
            let status = text("status").flatMap(Status.init(rawValue:)),
            let reason = text("reason").flatMap(ConditionResult.Reason.init(rawValue:)),
            let value = number("value"), let baseline = number("baseline"), let bound = number("bound")
        else { return nil }
        return RecordedFailure(
            gate: gate, metric: metric, kind: kind, severity: severity, status: status,
            reason: reason, value: value, baseline: baseline, bound: bound, message: message)
    }
}
