import QualityGateCore

/// `qgate baseline sign`: adopt a history written before QGATE_HISTORY_KEY.
enum BaselineSignCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline sign", abstract: "Sign a history written before QGATE_HISTORY_KEY was introduced.",
        discussion: """
            With QGATE_HISTORY_KEY set, every history record must carry an HMAC and
            the history must match the store's signed head. This adopts a history
            that has no signature yet: it signs every record as it stands and enters
            the model in the signed head. Run `qgate baseline verify` first: signing
            vouches for the history as it is. A history already signed is refused.
            """,
        examples: ["QGATE_HISTORY_KEY=... qgate baseline sign --model sentiment-classifier"],
        exitCodes: [(0, "signed"), (2, "no key, nothing to sign, already signed, or a store error")])

    struct Options: CommandOptions {
        var store = StoreOptions()

        static var declarations: [CommandOption<Self>] {
            [StoreOptions.model.within(\.store)] + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let name = try o.store.modelName(console)
        let count = try o.store.resolvedStore(console).sign(name)
        console.writeOut("signed \(count) history record\(count == 1 ? "" : "s") of \(Sanitize.inline(name.value))\n")
        return ExitCode.allowed
    }
}
