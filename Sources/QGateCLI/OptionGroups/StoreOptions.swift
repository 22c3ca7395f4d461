import QualityGateCore

/// The options every `baseline` subcommand shares: the model, the policy that
/// names it by default, and the store.
struct StoreOptions: OptionValues {
    var model: String?
    var config = PolicyFile()
    var store: String?

    static var model: CommandOption<Self> {
        .value("model", "NAME", \.model, .text, help: "The model (default: the policy's `model:`).")
    }

    /// `--config` and `--store`, last on each page.
    static var configAndStore: [CommandOption<Self>] {
        [
            .value("config", "FILE", \.config, .policyFile, help: "The policy file, for the default model name."),
            .value(
                "store", "DIR", \.store, .text,
                help:
                    "The baseline store: a directory, or git:BRANCH for a branch of the remote origin (default: $QGATE_STORE, else .qgate)."
            )
        ]
    }

    func resolvedStore(_ console: Console) throws -> BaselineStore {
        try BaselineStore.open(option: store, environment: console.environment, clock: console.clock)
    }

    /// `--model`, else the policy's `model:`.
    func modelName(_ console: Console) throws -> ModelName {
        if let model { return try ModelName(model) }
        guard let name = try config.load(today: console.clock.today()).model else {
            throw BaselineError(.noModelName(policy: config.path))
        }
        return try ModelName(name)
    }

    /// A write after the commit point failed: the change stands, so this is a
    /// warning and exit 0 (a CI retry would otherwise make the change twice).
    static func warn(_ console: Console) -> (String) -> Void {
        { console.writeErr("qgate: warning: \($0)\n") }
    }
}
