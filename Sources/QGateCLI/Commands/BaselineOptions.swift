import QualityGateCore

/// The options `evaluate` and `review` share: policy, metrics, and where the
/// baseline comes from (file, git revision or store).
enum BaselineOptions {
    static let config = OptionSpec.value("config", "FILE", help: "The policy file.", default: "quality-gates.yaml")
    static let metrics = OptionSpec.value(
        "metrics", "FILE", repeatable: true,
        help: "Metrics JSON (or YAML) of the candidate model. Repeat to merge several files; a metric in two files is an error. Required.")

    static let options: [OptionSpec] = [
        .value("baseline", "FILE", help: "Metrics of the previous release, for relative gates (overrides the store)."),
        .value("baseline-ref", "REF[:PATH]",
               help: "Read the baseline from git: the metrics file (PATH, default: the first --metrics path) as it was at revision REF, e.g. the last release tag."),
        .value("store", "DIR", help: "Baseline store (a directory, or git:BRANCH); its current baseline of the policy's model is used when no --baseline is given (default: $QGATE_STORE, else .qgate)."),
    ]

    static func requireMetrics(_ args: ParsedArguments, command: String) throws -> [String] {
        let metrics = args.all("metrics")
        guard !metrics.isEmpty else {
            throw UsageError("missing '--metrics FILE'", command: command, hint: "pass the metrics.json written by your evaluation step")
        }
        return metrics
    }

    /// `--baseline FILE`, else `--baseline-ref REF[:PATH]`, else the store when it exists.
    static func source(_ args: ParsedArguments, metrics: [String], command: String, console: Console) throws
        -> (BaselineStore, EvaluationRequest.BaselineSource) {
        let store = try BaselineStore.open(option: args.value("store"), environment: console.environment, clock: console.clock)
        switch (args.value("baseline"), args.value("baseline-ref")) {
        case (.some, .some):
            throw UsageError("'--baseline' and '--baseline-ref' cannot be used together", command: command)
        case (.some(let file), nil):
            return (store, .file(file))
        case (nil, .some(let refSpec)):
            let parts = refSpec.split(separator: ":", maxSplits: 1).map(String.init)
            return (store, .gitRef(ref: parts.first ?? refSpec, path: parts.count > 1 ? parts[1] : metrics[0]))
        case (nil, nil):
            // Whether the store exists is checked after the policy and metrics load, so their errors come first.
            return (store, .store(store))
        }
    }
}
