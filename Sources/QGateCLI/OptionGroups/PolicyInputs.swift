import QualityGateCore

/// The options `evaluate` and `review` share: policy, metrics, and where the
/// baseline comes from (file, git revision or store).
struct PolicyInputs: CommandOptions, Sendable {
    var config = PolicyFile()
    var metrics: [String] = []
    var aggregate: AggregateMethod?
    var baseline: String?
    var baselineRef: String?
    var store: String?

    static var declarations: [CommandOption<Self>] {
        [
            .value("config", "FILE", \.config, .policyFile, help: "The policy file."),
            .values(
                "metrics", "FILE", \.metrics, .text,
                help:
                    "Metrics JSON (or YAML) of the candidate model. Repeat to merge several files; a gated metric in two files is an error (an ungated one keeps the first file's value). Required."
            ),
            .value(
                "aggregate", "HOW", \.aggregate, .choice,
                help:
                    "The --metrics files are repeated runs (seeds) of one candidate: each metric is their median, mean, min, max or pessimistic (the worst run in its gates' direction), with the spread across runs as its standard error for `significance`. At least 2 runs, each with the same metrics as finite numbers."
            ),
            .value(
                "baseline", "FILE", \.baseline, .text, help: "Metrics of the previous release, for relative gates (overrides the store)."),
            .value(
                "baseline-ref", "REF[:PATH]", \.baselineRef, .text,
                help:
                    "Read the baseline from git: the metrics file (PATH, default: the first --metrics path) as it was at revision REF, e.g. the last release tag."
            ),
            .value(
                "store", "DIR", \.store, .text,
                help:
                    "Baseline store (a directory, or git:BRANCH); its current baseline of the policy's model is used when no --baseline is given (default: $QGATE_STORE, else .qgate)."
            )
        ]
    }

    /// The evaluation these inputs ask for, and the store it reads (and `--record` writes).
    func request(_ options: GateEvaluator.Options, console: Console) throws -> (BaselineStore, EvaluationRequest) {
        guard !metrics.isEmpty else {
            throw UsageError.missing("--metrics FILE", hint: "pass the metrics.json written by your evaluation step")
        }
        let store = try BaselineStore.open(option: self.store, environment: console.environment, clock: console.clock)
        let source: EvaluationRequest.BaselineSource
        switch (baseline, baselineRef) {
        case (.some, .some):
            throw UsageError("'--baseline' and '--baseline-ref' cannot be used together")
        case (.some(let file), nil):
            source = .file(file)
        case (nil, .some(let refSpec)):
            let parts = refSpec.split(separator: ":", maxSplits: 1).map(String.init)
            source = .gitRef(ref: parts.first ?? refSpec, path: parts.count > 1 ? parts[1] : metrics[0])
        case (nil, nil):
            // Whether the store exists is checked after the policy and metrics load, so their errors come first.
            source = .store(store)
        }
        var request = EvaluationRequest(configPath: config.path, metricsPaths: metrics, baselineSource: source)
        request.options = options
        request.aggregate = aggregate
        return (store, request)
    }
}
