/// Turns `quality-gates.yaml` into a `Policy`, collecting every problem in the
/// file (not just the first) so that `qgate validate` can list them all.
public enum PolicyLoader {
    /// Policies are hand-written: a few kilobytes. Larger files are refused unread.
    public static let maximumFileSize = 16 << 20
    static let topLevelKeys = ["version", "extends", "model", "description", "defaults", "max_waiver_days", "gates", "drift", "data"]
    /// How far ahead of today a waiver's `until` may lie, unless the policy's
    /// `max_waiver_days` says otherwise; never more than `waiverDaysLimit`, so
    /// that no policy can hold a permanent waiver.
    public static let defaultMaxWaiverDays = 90
    public static let waiverDaysLimit = 365
    static let defaultsKeys =
        ["severity", "on_missing_metric", "on_missing_baseline", "direction"] + UncertaintyLimits.keys + HistoryWindow.keys
    /// A waiver's reason is its audit trail: it must show at least one
    /// character a reader can see, not only spaces, zero-width or format
    /// characters, controls or blank-looking letters (U+2800, U+3164).
    static func isVisible(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isWhitespace || p.isDefaultIgnorableCodePoint || s.value == 0x2800 { return false }
        switch p.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
        default: return true
        }
    }

    static let gateKeys =
        [
            "metric", "name", "description", "severity", "on_missing_metric", "on_missing_baseline", "direction",
            "stage", "owner", "mitigation", "significance", "waiver", "new_failures_only", "min_count"
        ]
        + ConditionKind.allCases.map(\.key) + UncertaintyLimits.keys + HistoryWindow.keys
    /// `gateKeys` hashed: every key of every gate is looked up.
    static let gateKeySet = Set(gateKeys)

    /// `today` (days since 1970) bounds how far ahead waivers may run.
    public static func load(path: String, today: Int) throws -> Policy {
        let bytes = try FileSystem.readBytes(path, maximumSize: maximumFileSize)
        return try parse(bytes, file: path, today: today)
    }

    /// Throws the YAML error, or `QGateErrors` with every policy problem found.
    /// The files an `extends` names are read relative to `file`.
    public static func parse(_ bytes: [UInt8], file: String, today: Int = Clock.system.today()) throws -> Policy {
        let root = try YAML.parse(bytes, file: file)
        let chain = try PolicyExtends.resolve(root, file: file, sha256: SHA256.hex(bytes))
        var reader = Reader(file: file, today: today)
        for version in chain.baseVersions { _ = reader.readVersion(version) }
        let policy = reader.readPolicy(chain.merged)
        guard reader.errors.isEmpty, var policy else {
            throw QGateErrors(
                reader.errors.isEmpty
                    ? [PolicyError(.policyInvalid, at: root.location)] : reader.errors)
        }
        policy.files = chain.files
        return policy
    }

    /// Walks the YAML tree, recording errors and carrying on where it can.
    struct Reader {
        let file: String
        var today: Int
        var maxWaiverDays = PolicyLoader.defaultMaxWaiverDays
        var errors: [any QGateError] = []

        mutating func error(_ message: PolicyError.Message, at location: SourceLocation, hint: String? = nil) {
            errors.append(PolicyError(message, at: location, hint: hint))
        }

        mutating func readPolicy(_ root: YAMLNode) -> Policy? {
            guard case .mapping(let pairs) = root.value else {
                if case .null = root.value {
                    error(
                        .emptyPolicy, at: root.location,
                        hint: "start with `version: 1` and a `gates:` list")
                } else {
                    error(.policyNotAMapping(found: root.kindDescription), at: root.location)
                }
                return nil
            }
            var version: Int?
            var model: String?
            var description: String?
            var defaults = PolicyDefaults()
            var gatesNode: YAMLNode?
            var drift: DriftConfig?
            var data: DataChecks?
            // Read first: gates above it in the file are held to it too.
            if let pair = pairs.first(where: { if case .string("max_waiver_days") = $0.key.value { return true } else { return false } }) {
                readMaxWaiverDays(pair.value)
            }
            for pair in pairs {
                guard let key = checkedKey(pair.key, allowed: PolicyLoader.topLevelKeys, context: "the policy") else { continue }
                switch key {
                case "version": version = readVersion(pair.value)
                case "extends": break  // merged before reading (PolicyExtends)
                case "model":
                    model = string(pair.value, key: "model")
                    if let m = model, (try? ModelName(m)) == nil {
                        error(
                            .invalidModelName(m), at: pair.value.location,
                            hint: "use letters, digits, '.', '_' and '-' (not first): the name is a file name in the baseline store")
                    }
                case "description": description = string(pair.value, key: "description")
                case "defaults": defaults = readDefaults(pair.value)
                case "drift": drift = DriftConfig.read(pair.value, reader: &self)
                case "data": data = DataChecks.read(pair.value, reader: &self)
                case "max_waiver_days": break
                default: gatesNode = pair.value
                }
            }
            if version == nil {
                error(.missingVersion, at: root.location, hint: "add `version: 1` at the top of the policy")
            }
            var gates: [Gate] = []
            if let gatesNode {
                if case .sequence(let items) = gatesNode.value {
                    if items.isEmpty {
                        error(
                            .emptyGates, at: gatesNode.location,
                            hint: "add at least one gate, e.g. `- metric: accuracy` with `min: 0.9`")
                    }
                    for item in items {
                        if let gate = readGate(item, defaults: defaults) { gates.append(gate) }
                    }
                } else {
                    error(
                        .gatesNotAList(found: gatesNode.kindDescription), at: gatesNode.location,
                        hint: "write each gate as `- metric: NAME` followed by its conditions")
                }
            } else {
                error(.missingGates, at: root.location, hint: "add a `gates:` list; a policy without gates would pass every model")
            }
            checkUniqueNames(gates)
            guard errors.isEmpty else { return nil }
            return Policy(
                version: version ?? 1, model: model, description: description, defaults: defaults, gates: gates,
                drift: drift, data: data, maxWaiverDays: maxWaiverDays, file: file)
        }

        mutating func readVersion(_ node: YAMLNode) -> Int {
            guard case .int(let v) = node.value else {
                error(.versionNotAnInteger(found: node.kindDescription), at: node.location, hint: "use `version: 1`")
                return Policy.supportedVersion
            }
            if v > Policy.supportedVersion || v < 1 {
                error(.unsupportedVersion(v), at: node.location, hint: v > Policy.supportedVersion ? "upgrade qgate" : "use `version: 1`")
            }
            return v
        }

        /// Reports, outputs and statistics tell gates apart by name, and a gate
        /// without `name` is named after its metric.
        mutating func checkUniqueNames(_ gates: [Gate]) {
            var seen: [String: Int] = [:]
            seen.reserveCapacity(gates.count)
            for (i, gate) in gates.enumerated() {
                let name = gate.displayName
                // One hash per gate; on a duplicate, the first gate is put back (later messages name it too).
                if let firstIndex = seen.updateValue(i, forKey: name) {
                    seen[name] = firstIndex
                    let first = gates[firstIndex]
                    let named = first.name != nil && gate.name != nil
                    error(
                        .duplicateGateName(name, first: first.location, here: gate.location, named: named), at: gate.location,
                        hint: named
                            ? "gate names identify gates in reports; make them unique"
                            : "gate names identify gates in reports, outputs and statistics; give one of them a `name:`")
                }
            }
        }

        /// The key as a string if it is one of `allowed`; otherwise records an
        /// "unknown key" error with a did-you-mean suggestion.
        /// `known`, when given, holds the same keys as `allowed`, hashed.
        mutating func checkedKey(_ node: YAMLNode, allowed: [String], known: Set<String>? = nil, context: String) -> String? {
            guard case .string(let key) = node.value else {
                error(.keyNotAString(in: context, found: node.kindDescription), at: node.location)
                return nil
            }
            if known?.contains(key) ?? allowed.contains(key) { return key }
            var hint = "allowed keys: " + allowed.joined(separator: ", ")
            if let suggestion = Suggestion.closest(to: key, in: allowed) { hint = "did you mean `\(suggestion)`?" }
            error(.unknownKey(key, in: context), at: node.location, hint: hint)
            return nil
        }

        mutating func string(_ node: YAMLNode, key: String) -> String? {
            if case .string(let s) = node.value { return s }
            error(.notAString(key, found: node.kindDescription), at: node.location, hint: "quote the value")
            return nil
        }

        mutating func enumValue<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, key: String, as type: E.Type) -> E?
        where E.RawValue == String {
            let allowed = E.allCases.map(\.rawValue)
            guard case .string(let s) = node.value else {
                error(.notOneOf(key, allowed, found: node.kindDescription), at: node.location)
                return nil
            }
            if let v = E(rawValue: s) { return v }
            var hint = "use one of: " + allowed.joined(separator: ", ")
            if let suggestion = Suggestion.closest(to: s, in: allowed) { hint = "did you mean `\(suggestion)`?" }
            error(.invalidChoice(key, s), at: node.location, hint: hint)
            return nil
        }

        mutating func readDefaults(_ node: YAMLNode) -> PolicyDefaults {
            var defaults = PolicyDefaults()
            guard case .mapping(let pairs) = node.value else {
                error(.defaultsNotAMapping(found: node.kindDescription), at: node.location)
                return defaults
            }
            for pair in pairs {
                guard let key = checkedKey(pair.key, allowed: PolicyLoader.defaultsKeys, context: "`defaults`") else { continue }
                if UncertaintyLimits.keys.contains(key) {
                    readUncertaintyLimit(pair, into: &defaults.uncertaintyLimits)
                    continue
                }
                if HistoryWindow.keys.contains(key) {
                    readHistorySetting(pair, into: &defaults.history)
                    continue
                }
                switch key {
                case "severity": defaults.severity = enumValue(pair.value, key: key, as: Severity.self) ?? defaults.severity
                case "on_missing_metric":
                    defaults.onMissingMetric = enumValue(pair.value, key: key, as: MissingPolicy.self) ?? defaults.onMissingMetric
                case "direction": defaults.direction = enumValue(pair.value, key: key, as: Direction.self)
                default:
                    defaults.onMissingBaseline = enumValue(pair.value, key: key, as: MissingPolicy.self) ?? defaults.onMissingBaseline
                }
            }
            return defaults
        }

        mutating func readMaxWaiverDays(_ node: YAMLNode) {
            guard case .int(let days) = node.value, (1...PolicyLoader.waiverDaysLimit).contains(days) else {
                let found = if case .int(let n) = node.value { "\(n)" } else { node.kindDescription }
                error(
                    .invalidMaxWaiverDays(found: found),
                    at: node.location, hint: "e.g. `max_waiver_days: 90`; a waiver is a temporary exception, never a permanent one")
                return
            }
            maxWaiverDays = days
        }

        mutating func readGate(_ node: YAMLNode, defaults: PolicyDefaults) -> Gate? {
            guard case .mapping(let pairs) = node.value else {
                error(
                    .gateNotAMapping(found: node.kindDescription),
                    at: node.location)
                return nil
            }
            let errorsBefore = errors.count
            var metric: String?
            var name: String?
            var description: String?
            var severity = defaults.severity
            var onMissingMetric = defaults.onMissingMetric
            var onMissingBaseline = defaults.onMissingBaseline
            var direction = defaults.direction ?? .higher
            var directionWritten = false
            var stage: ReviewStage?
            var owner: String?
            var mitigation: String?
            var significance: Double?
            var significanceKey: YAMLNode?
            var waiver: Waiver?
            var newFailuresOnly = false
            var conditions: [Condition] = []
            var limits = UncertaintyLimits()
            var limitKey: YAMLNode?
            var minCount: Int?
            var minCountKey: YAMLNode?
            var history = HistoryWindow()
            var historyKey: YAMLNode?
            for pair in pairs {
                guard let key = checkedKey(pair.key, allowed: PolicyLoader.gateKeys, known: PolicyLoader.gateKeySet, context: "a gate")
                else { continue }
                if UncertaintyLimits.keys.contains(key) {
                    readUncertaintyLimit(pair, into: &limits)
                    limitKey = limitKey ?? pair.key
                    continue
                }
                if HistoryWindow.keys.contains(key) {
                    readHistorySetting(pair, into: &history)
                    historyKey = pair.key
                    continue
                }
                switch key {
                case "metric":
                    if let m = string(pair.value, key: key) {
                        if m.isEmpty {
                            error(.emptyMetricName, at: pair.value.location, hint: "name the metric, e.g. `accuracy` or `latency.p95_ms`")
                        }
                        checkMetricPattern(pair.value, m)
                        metric = m
                    }
                case "min_count":
                    minCountKey = pair.key
                    minCount = readMinCount(pair.value)
                case "name": name = string(pair.value, key: key)
                case "description": description = string(pair.value, key: key)
                case "severity": severity = enumValue(pair.value, key: key, as: Severity.self) ?? severity
                case "on_missing_metric": onMissingMetric = enumValue(pair.value, key: key, as: MissingPolicy.self) ?? onMissingMetric
                case "on_missing_baseline": onMissingBaseline = enumValue(pair.value, key: key, as: MissingPolicy.self) ?? onMissingBaseline
                case "direction":
                    direction = enumValue(pair.value, key: key, as: Direction.self) ?? direction
                    directionWritten = true
                case "stage": stage = enumValue(pair.value, key: key, as: ReviewStage.self)
                case "owner": owner = string(pair.value, key: key)
                case "mitigation": mitigation = string(pair.value, key: key)
                case "significance":
                    significanceKey = pair.key
                    if let a = pair.value.number, a > 0, a < 1 {
                        significance = a
                    } else {
                        error(.invalidSignificance(found: pair.value.kindDescription), at: pair.value.location)
                    }
                case "waiver": waiver = readWaiver(pair.value)
                case "new_failures_only":
                    if case .bool(let b) = pair.value.value {
                        newFailuresOnly = b
                    } else {
                        error(.newFailuresOnlyNotABool(found: pair.value.kindDescription), at: pair.value.location)
                    }
                default:
                    guard let kind = ConditionKind(rawValue: key) else { continue }
                    if let t = threshold(pair.value, kind: kind) {
                        conditions.append(Condition(kind: kind, threshold: t, location: pair.key.location))
                    }
                }
            }
            checkMinCountHasPattern(minCountKey, metric: metric)
            checkSpreadHasPattern(conditions, metric: metric)
            if metric == nil && errors.count == errorsBefore {
                error(.gateWithoutMetric, at: node.location, hint: "add `metric: NAME` to the gate")
            }
            if conditions.isEmpty && errors.count == errorsBefore {
                error(
                    .gateWithoutCondition(name ?? metric ?? "?"), at: node.location,
                    hint: "add at least one of: " + ConditionKind.allCases.map(\.key).joined(separator: ", "))
            }
            let mins = conditions.filter { !$0.kind.isRelative && $0.kind.side == .atLeast }
            let maxs = conditions.filter { !$0.kind.isRelative && !$0.kind.judgesSlices && $0.kind.side == .atMost }
            if let lo = mins.first, let hi = maxs.first, lo.threshold > hi.threshold {
                error(
                    .contradictoryBounds(lo, hi),
                    at: lo.location, hint: "swap or correct the bounds")
            }
            if significance != nil && !conditions.contains(where: { $0.kind.isRelative }) && errors.count == errorsBefore {
                error(
                    .significanceWithoutRelativeCondition, at: node.location,
                    hint:
                        "add \(ConditionKind.allCases.filter(\.isRelative).map(\.key).dropLast().joined(separator: ", ")) or \(ConditionKind.allCases.last { $0.isRelative }?.key ?? ""), or remove `significance`"
                )
            }
            checkSigmaGate(
                conditions, history: history, resolved: history.overriding(defaults.history), historyKey: historyKey,
                significanceKey: significance == nil ? nil : significanceKey, errorsBefore: errorsBefore)
            if let limitKey, significance == nil && errors.count == errorsBefore {
                error(
                    .uncertaintyLimitWithoutSignificance(limitKey.string ?? ""),
                    at: limitKey.location, hint: "add `significance: 0.05` to the gate, or remove the bound")
            }
            // The training job writes its own uncertainty: without limits, a
            // claimed `stderr: 0.5` would excuse any regression of a rate.
            if let significanceKey, significance != nil, limits.overriding(defaults.uncertaintyLimits).isEmpty,
                errors.count == errorsBefore
            {
                error(
                    .significanceWithoutUncertaintyLimit,
                    at: significanceKey.location,
                    hint:
                        "add `min_n`, `max_stderr` or `max_ci_width` to the gate or to `defaults` (e.g. min_n: 1000), the claims you would believe"
                )
            }
            if let metric, !directionWritten {
                checkInheritedDirection(direction, fromDefaults: defaults.direction != nil, metric: metric, conditions: conditions)
            }
            guard let metric, errors.count == errorsBefore else { return nil }
            var gate = Gate(
                name: name, metric: metric, description: description, severity: severity,
                onMissingMetric: onMissingMetric, onMissingBaseline: onMissingBaseline,
                direction: direction, conditions: conditions, stage: stage, owner: owner, mitigation: mitigation,
                significance: significance, waiver: waiver, newFailuresOnly: newFailuresOnly, location: node.location)
            gate.uncertaintyLimits = limits.overriding(defaults.uncertaintyLimits)
            gate.minCount = minCount
            gate.history = history.overriding(defaults.history)
            return gate
        }

        /// `history_window` (releases, >= 2) or `min_history` (changes, >= 2): whole numbers.
        mutating func readHistorySetting(_ pair: YAMLPair, into window: inout HistoryWindow) {
            let key = pair.key.string ?? ""
            // Two changes are the fewest a sample standard deviation needs: three releases.
            guard case .int(let n) = pair.value.value, n >= (key == "history_window" ? 3 : 2) else {
                let found = pair.value.number.map(NumberFormatting.exact) ?? pair.value.kindDescription
                error(
                    key == "history_window" ? .invalidHistoryWindow(found) : .invalidMinHistory(found), at: pair.value.location,
                    hint: key == "history_window"
                        ? "e.g. `history_window: \(HistoryWindow.defaultReleases)`: the last \(HistoryWindow.defaultReleases) promotions, \(HistoryWindow.defaultReleases - 1) changes"
                        : "e.g. `min_history: \(HistoryWindow.defaultMinChanges)`: a standard deviation needs at least two changes")
                return
            }
            if key == "history_window" { window.releases = n } else { window.minChanges = n }
        }

        /// Checked per gate, on the settings it ends up with (a gate may widen the default window).
        /// `history_window` promotions hold `history_window − 1` changes: asking for more could never be met.
        mutating func checkHistoryWindow(_ w: HistoryWindow, at location: SourceLocation) {
            guard w.minimum > w.window - 1 else { return }
            error(
                .minHistoryBeyondWindow(minimum: w.minimum, window: w.window), at: location,
                hint: "raise `history_window` to at least \(w.minimum + 1), or lower `min_history` to at most \(w.window - 1)")
        }

        /// A `max_regression_sigma` gate: its history settings fit, and it carries no
        /// `significance` (σ is its noise model); history settings without one are refused.
        mutating func checkSigmaGate(
            _ conditions: [Condition], history: HistoryWindow, resolved: HistoryWindow, historyKey: YAMLNode?, significanceKey: YAMLNode?,
            errorsBefore: Int
        ) {
            guard errors.count == errorsBefore else { return }
            let sigma = conditions.first { $0.kind.learnsFromHistory }
            guard let sigma else {
                if let historyKey {
                    error(
                        .historyWithoutSigma(historyKey.string ?? ""), at: historyKey.location,
                        hint: "add `\(ConditionKind.maxRegressionSigma.key): 3` to the gate, or remove the key")
                }
                return
            }
            // At the gate's own key, else at the condition (the settings came from `defaults`).
            checkHistoryWindow(resolved, at: historyKey?.location ?? sigma.location)
            if let significanceKey {
                error(
                    .significanceWithSigma(sigma.kind.key), at: significanceKey.location,
                    hint: "remove `significance`, or put `\(sigma.kind.key)` in a gate of its own")
            }
        }

        /// `min_n` (a whole number >= 1), `max_stderr` or `max_ci_width` (finite, >= 0).
        mutating func readUncertaintyLimit(_ pair: YAMLPair, into limits: inout UncertaintyLimits) {
            let key = pair.key.string ?? ""
            let example = key == "min_n" ? "1000" : "0.01"
            guard let x = pair.value.number else {
                var hint = "write a number, e.g. `\(key): \(example)`"
                if case .string(let s) = pair.value.value, Double(s) != nil { hint = "remove the quotes: a quoted number is a string" }
                error(.notANumber(key, found: pair.value.kindDescription), at: pair.value.location, hint: hint)
                return
            }
            let f = NumberFormatting.exact(x)
            switch key {
            case "min_n":
                guard x >= 1, x.isFinite, x == x.rounded() else {
                    error(.invalidMinN(f), at: pair.value.location, hint: "write the smallest sample size you trust, e.g. `min_n: 1000`")
                    return
                }
                limits.minN = x
            default:
                guard x >= 0, x.isFinite else {
                    error(
                        .invalidUncertaintyLimit(key, f), at: pair.value.location,
                        hint: "write the largest uncertainty you accept, e.g. `\(key): \(example)`")
                    return
                }
                if key == "max_stderr" { limits.maxStderr = x } else { limits.maxCIWidth = x }
            }
        }

        mutating func readWaiver(_ node: YAMLNode) -> Waiver? {
            guard case .mapping(let pairs) = node.value else {
                error(.waiverNotAMapping, at: node.location)
                return nil
            }
            var reason: String?
            var until: String?
            var owner: String?
            var untilNode = node
            var reasonNode = node
            for pair in pairs {
                guard let key = checkedKey(pair.key, allowed: ["reason", "until", "owner"], context: "a waiver") else { continue }
                switch key {
                case "reason":
                    reason = string(pair.value, key: key)
                    reasonNode = pair.value
                case "until":
                    until = string(pair.value, key: key)
                    untilNode = pair.value
                default: owner = string(pair.value, key: key)
                }
            }
            guard let reason, reason.unicodeScalars.contains(where: PolicyLoader.isVisible) else {
                error(
                    .waiverWithoutReason(blank: reason != nil), at: reasonNode.location,
                    hint: "say why the failure is accepted, for the audit trail")
                return nil
            }
            guard let until else {
                error(.waiverWithoutUntil, at: node.location, hint: "waivers expire: add `until: YYYY-MM-DD`")
                return nil
            }
            guard let day = Clock.days(fromISODate: until) else {
                error(.invalidWaiverDate(until), at: untilNode.location, hint: "write a real date as YYYY-MM-DD")
                return nil
            }
            if day - today > maxWaiverDays {
                error(
                    .waiverTooLong(until: until, days: day - today, today: today, maximum: maxWaiverDays),
                    at: untilNode.location,
                    hint:
                        "pick an earlier `until` and renew the waiver when it expires, or raise `max_waiver_days` (at most \(PolicyLoader.waiverDaysLimit)) at the top of the policy"
                )
                return nil
            }
            return Waiver(reason: reason, until: until, untilDay: day, owner: owner)
        }

        mutating func threshold(_ node: YAMLNode, kind: ConditionKind) -> Double? {
            guard let t = node.number else {
                var hint: String? = "write a number, e.g. `\(kind.key): 0.9`"
                if case .string(let s) = node.value, Double(s) != nil { hint = "remove the quotes: a quoted number is a string" }
                error(.notANumber(kind.key, found: node.kindDescription), at: node.location, hint: hint)
                return nil
            }
            guard t.isFinite else {
                error(
                    .nonFiniteThreshold(kind.key, t), at: node.location,
                    hint: "a NaN or infinite threshold could never fail or never pass")
                return nil
            }
            if kind.learnsFromHistory && t <= 0 {
                error(
                    .nonPositiveSigma(kind.key, t), at: node.location,
                    hint: "e.g. `\(kind.key): 3`; use `max_regression: 0` to forbid any regression")
                return nil
            }
            if kind.side == .better && t < 0 {
                error(
                    .negativeImprovement(kind.key, t), at: node.location,
                    hint: "use 0 to demand no regression, or `max_regression` to allow one")
                return nil
            }
            if kind.isTolerance && t < 0 {
                error(
                    .negativeTolerance(kind.key, t), at: node.location,
                    hint: kind.judgesSlices ? "use 0 to demand that every slice scores the same" : "use 0 to forbid any regression")
                return nil
            }
            return t
        }
    }
}

extension PolicyError.Message {
    fileprivate static var policyInvalid: Self { Self("the policy is invalid") }
    fileprivate static var emptyPolicy: Self { Self("the policy file is empty") }
    fileprivate static func policyNotAMapping(found: String) -> Self {
        Self("the policy must be a mapping with `version` and `gates`, found \(found)")
    }
    fileprivate static func unsupportedVersion(_ version: Int) -> Self {
        Self("policy version \(version) is not supported by this qgate (supports version \(Policy.supportedVersion))")
    }
    fileprivate static func versionNotAnInteger(found: String) -> Self { Self("`version` must be an integer, found \(found)") }
    fileprivate static func invalidModelName(_ name: String) -> Self { Self("invalid model name \(Sanitize.quoted(name))") }
    fileprivate static var missingVersion: Self { Self("missing `version`") }
    fileprivate static var emptyGates: Self { Self("`gates` is empty: a policy without gates would pass every model") }
    fileprivate static func gatesNotAList(found: String) -> Self { Self("`gates` must be a list of gates, found \(found)") }
    fileprivate static var missingGates: Self { Self("missing `gates`") }
    /// The first gate's line, with its file when `extends` put it in another file.
    fileprivate static func duplicateGateName(_ name: String, first: SourceLocation, here: SourceLocation, named: Bool) -> Self {
        let place = first.file == here.file ? "line \(first.line)" : Sanitize.inline("\(first.file):\(first.line)")
        return Self(
            "two gates are named \(Sanitize.quoted(name)) (first at \(place))"
                + (named ? "" : "; a gate without `name` is named after its metric"))
    }
    fileprivate static func keyNotAString(in context: String, found: String) -> Self {
        Self("keys in \(context) must be strings, found \(found)")
    }
    fileprivate static func unknownKey(_ key: String, in context: String) -> Self {
        Self("unknown key \(Sanitize.quoted(key)) in \(context)")
    }
    fileprivate static func notAString(_ key: String, found: String) -> Self { Self("`\(key)` must be a string, found \(found)") }
    fileprivate static func notOneOf(_ key: String, _ allowed: [String], found: String) -> Self {
        Self("`\(key)` must be one of \(allowed.joined(separator: ", ")), found \(found)")
    }
    fileprivate static func invalidChoice(_ key: String, _ value: String) -> Self { Self("invalid \(key) \(Sanitize.quoted(value))") }
    fileprivate static func defaultsNotAMapping(found: String) -> Self { Self("`defaults` must be a mapping, found \(found)") }
    fileprivate static func invalidMaxWaiverDays(found: String) -> Self {
        Self("`max_waiver_days` must be a whole number of days from 1 to \(PolicyLoader.waiverDaysLimit), found \(found)")
    }
    fileprivate static func gateNotAMapping(found: String) -> Self {
        Self("each gate must be a mapping such as `- metric: accuracy` / `  min: 0.9`, found \(found)")
    }
    fileprivate static var emptyMetricName: Self { Self("`metric` is empty") }
    fileprivate static func invalidSignificance(found: String) -> Self {
        Self("`significance` must be a number between 0 and 1 (e.g. 0.05), found \(found)")
    }
    fileprivate static func newFailuresOnlyNotABool(found: String) -> Self {
        Self("`new_failures_only` must be true or false, found \(found)")
    }
    fileprivate static var gateWithoutMetric: Self { Self("gate has no `metric`") }
    fileprivate static func gateWithoutCondition(_ gate: String) -> Self { Self("gate \(Sanitize.quoted(gate)) has no condition") }
    fileprivate static func contradictoryBounds(_ lo: Condition, _ hi: Condition) -> Self {
        Self(
            "`\(lo.kind.key)` (\(NumberFormatting.exact(lo.threshold))) is greater than `\(hi.kind.key)` (\(NumberFormatting.exact(hi.threshold))): no value can pass"
        )
    }
    fileprivate static var significanceWithoutRelativeCondition: Self {
        Self("`significance` applies to relative conditions, and this gate has none")
    }
    fileprivate static func uncertaintyLimitWithoutSignificance(_ key: String) -> Self {
        Self("`\(key)` bounds the uncertainty a significance test accepts, and this gate has no `significance`")
    }
    fileprivate static var significanceWithoutUncertaintyLimit: Self {
        Self("`significance` trusts the uncertainty the candidate claims about itself, and this gate sets no limit on it")
    }
    fileprivate static func notANumber(_ key: String, found: String) -> Self { Self("`\(key)` must be a number, found \(found)") }
    fileprivate static func invalidMinN(_ found: String) -> Self { Self("`min_n` must be a whole number >= 1, found \(found)") }
    fileprivate static func invalidUncertaintyLimit(_ key: String, _ found: String) -> Self {
        Self("`\(key)` must be a finite number >= 0, found \(found)")
    }
    fileprivate static var waiverNotAMapping: Self { Self("`waiver` must be a mapping with reason, until and owner") }
    fileprivate static func waiverWithoutReason(blank: Bool) -> Self {
        Self("a waiver needs a `reason`" + (blank ? " that is not blank" : ""))
    }
    fileprivate static var waiverWithoutUntil: Self { Self("a waiver needs an `until` date") }
    fileprivate static func invalidWaiverDate(_ until: String) -> Self { Self("invalid waiver date \(Sanitize.quoted(until))") }
    fileprivate static func waiverTooLong(until: String, days: Int, today: Int, maximum: Int) -> Self {
        Self(
            "waiver runs until \(until), \(days) days from today (\(Clock.isoDate(day: today))); this policy allows at most \(maximum) days"
        )
    }
    fileprivate static func nonFiniteThreshold(_ key: String, _ threshold: Double) -> Self {
        Self("`\(key)` must be a finite number, found \(NumberFormatting.exact(threshold))")
    }
    fileprivate static func nonPositiveSigma(_ key: String, _ threshold: Double) -> Self {
        Self("`\(key)` is a number of standard deviations and must be greater than 0, found \(NumberFormatting.exact(threshold))")
    }
    fileprivate static func invalidHistoryWindow(_ found: String) -> Self {
        Self("`history_window` must be a whole number of promotions, at least 3, found \(found)")
    }
    fileprivate static func invalidMinHistory(_ found: String) -> Self {
        Self("`min_history` must be a whole number of changes, at least 2, found \(found)")
    }
    fileprivate static func minHistoryBeyondWindow(minimum: Int, window: Int) -> Self {
        Self(
            "`min_history` is \(minimum) changes, but `history_window: \(window)` promotions hold at most \(window - 1): the condition could never be judged"
        )
    }
    fileprivate static func historyWithoutSigma(_ key: String) -> Self {
        Self("`\(key)` sets the release history of `max_regression_sigma`, and this gate has none")
    }
    fileprivate static func significanceWithSigma(_ key: String) -> Self {
        Self("`significance` cannot be combined with `\(key)`: σ from the release history is already its noise model")
    }
    fileprivate static func negativeImprovement(_ key: String, _ threshold: Double) -> Self {
        Self("`\(key)` is a required improvement and cannot be negative (\(NumberFormatting.exact(threshold)))")
    }
    fileprivate static func negativeTolerance(_ key: String, _ threshold: Double) -> Self {
        Self("`\(key)` is a tolerance and cannot be negative (\(NumberFormatting.exact(threshold)))")
    }
}
