import QualityGateCore

/// `qgate baseline rollback`: make an earlier promotion the current baseline again.
enum BaselineRollbackCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline rollback", abstract: "Make an earlier promotion the current baseline again.",
        discussion: "Recorded as a new history event; nothing is deleted.",
        examples: ["qgate baseline rollback --to 1.3.0"],
        exitCodes: [(0, "rolled back"), (2, "no such version, or a store error")])

    struct Options: CommandOptions {
        var store = StoreOptions()
        var to: String?

        static var declarations: [CommandOption<Self>] {
            [
                StoreOptions.model.within(\.store),
                .value("to", "VERSION", \.to, .text, help: "The version to restore (default: the promotion before the current one).")
            ]
                + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let r = try o.store.resolvedStore(console).rollback(try o.store.modelName(console), to: o.to, warn: StoreOptions.warn(console))
        console.writeOut(
            "rolled back \(Sanitize.inline(r.model)) to version \(Sanitize.inline(r.version ?? "?")) (history record \(r.seq))\n")
        return ExitCode.allowed
    }
}
