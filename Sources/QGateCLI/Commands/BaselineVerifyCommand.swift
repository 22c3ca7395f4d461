import QualityGateCore

/// `qgate baseline verify`: the history's hash chain, the baseline file and artifacts.
enum BaselineVerifyCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline verify", abstract: "Check the history's hash chain, the baseline file and artifacts.",
        discussion: """
            Detects an edited, reordered or deleted history record, a record whose
            baseline hash is not that of its own metrics, times that go backwards, a
            modified baseline file, and artifacts that differ from the hashes
            recorded when the current baseline was promoted. With QGATE_HISTORY_KEY
            set, also unsigned or wrongly signed records and a history cut short or
            deleted (checked against the signed head, head.json). A baseline file
            left behind by interrupted writes is a note, not a failure.
            """,
        examples: ["qgate baseline verify --artifact model.onnx"],
        exitCodes: [(0, "everything matches"), (1, "a mismatch or tampering, named in the output"), (2, "usage or store error")])

    struct Options: CommandOptions {
        var store = StoreOptions()
        var artifacts: [String] = []

        static var declarations: [CommandOption<Self>] {
            [
                StoreOptions.model.within(\.store),
                .values("artifact", "FILE", \.artifacts, .text, help: "An artifact to check against the recorded SHA-256.")
            ]
                + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let v = try StoreVerification.run(
            store: o.store.resolvedStore(console), model: try o.store.modelName(console), artifacts: o.artifacts)
        console.writeOut(BaselineReport.verificationText(v))
        return ExitCode.of(v)
    }
}
