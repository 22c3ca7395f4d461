/// Reads `gate-cases.yaml`: the team's own unit tests for the policy.
///
///     cases:
///       - name: release 1.4 must pass
///         metrics: {accuracy: 0.95, latency: {p95_ms: 100}}
///         baseline: {accuracy: 0.94}        # optional
///         expect: pass                      # pass | warn | block
///         failing: [p95-latency]            # optional: gates (name or metric) that must fail
enum DeclaredCases {
    static let caseKeys = ["name", "metrics", "baseline", "expect", "failing"]

    static func load(path: String, today: Int) throws -> [PolicyTestCase] {
        let root = try YAML.parse(try FileSystem.readBytes(path), file: path)
        var reader = PolicyLoader.Reader(file: path, today: today)
        var cases: [PolicyTestCase] = []
        guard case .mapping(let top) = root.value, top.count == 1, top[0].key.string == "cases",
            case .sequence(let items) = top[0].value.value
        else {
            throw PolicyError(.notACasesFile, at: root.location)
        }
        for item in items {
            guard case .mapping(let pairs) = item.value else {
                reader.error(.caseNotAMapping, at: item.location)
                continue
            }
            var name: String?
            var metrics: MetricSet?
            var baseline: MetricSet?
            var expect: Evaluation.Verdict?
            var failing: [String] = []
            for pair in pairs {
                guard let key = reader.checkedKey(pair.key, allowed: caseKeys, context: "a case") else { continue }
                switch key {
                case "name": name = reader.string(pair.value, key: key)
                case "metrics": metrics = try MetricsLoader.metricSet(fromYAML: pair.value, file: path)
                case "baseline": baseline = try MetricsLoader.metricSet(fromYAML: pair.value, file: path)
                case "expect":
                    switch pair.value.string {
                    case "pass": expect = .passed
                    case "warn": expect = .passedWithWarnings
                    case "block": expect = .blocked
                    default:
                        reader.error(.invalidExpect(found: pair.value.kindDescription), at: pair.value.location)
                    }
                default:
                    guard case .sequence(let names) = pair.value.value else {
                        reader.error(.failingNotAList, at: pair.value.location)
                        continue
                    }
                    failing = names.compactMap { reader.string($0, key: "failing") }
                }
            }
            guard let name, let metrics, let expect else {
                if name == nil || metrics == nil || expect == nil {
                    reader.error(.incompleteCase, at: item.location)
                }
                continue
            }
            cases.append(
                PolicyTestCase(
                    name: name, kind: .declared, expectedVerdict: expect, mustFail: failing,
                    metrics: metrics, baseline: baseline, location: item.location))
        }
        if !reader.errors.isEmpty { throw QGateErrors(reader.errors) }
        return cases
    }
}

extension PolicyError.Message {
    fileprivate static var notACasesFile: Self { Self("a cases file holds `cases:` followed by a list of cases") }
    fileprivate static var caseNotAMapping: Self { Self("each case must be a mapping with name, metrics and expect") }
    fileprivate static func invalidExpect(found: String) -> Self { Self("`expect` must be pass, warn or block, found \(found)") }
    fileprivate static var failingNotAList: Self { Self("`failing` must be a list of gate names or metrics") }
    fileprivate static var incompleteCase: Self { Self("a case needs `name`, `metrics` and `expect`") }
}
