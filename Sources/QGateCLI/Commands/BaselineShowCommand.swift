import QualityGateCore

/// `qgate baseline show`: the current baseline of a model.
enum BaselineShowCommand: QGateCommand {
    static let about = CommandAbout(
        name: "baseline show", abstract: "Show the current baseline of a model.",
        examples: ["qgate baseline show --model sentiment-classifier --format json"],
        exitCodes: [(0, "shown"), (2, "no baseline, or a store error")])

    struct Options: CommandOptions {
        var store = StoreOptions()
        var format = TextOrJSON.text
        var precision = ReportPrecisionOption()

        static var declarations: [CommandOption<Self>] {
            [
                StoreOptions.model.within(\.store), .value("format", "FORMAT", \.format, .choice, help: "Output format."),
                ReportPrecisionOption.option.within(\.precision)
            ]
                + StoreOptions.configAndStore.within(\.store)
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        let name = try o.store.modelName(console)
        let store = try o.store.resolvedStore(console)
        guard let record = try store.currentBaseline(name) else {
            throw BaselineError(
                .noBaseline(name, in: store.locationName),
                hint: "record one with `qgate baseline promote --metrics FILE`")
        }
        switch o.format {
        case .json: console.writeOut(BaselineReport.showJSON(record))
        case .text: console.writeOut(BaselineReport.showText(record, store: store, precision: o.precision.precision))
        }
        return ExitCode.allowed
    }
}

extension BaselineError.Message {
    fileprivate static func noBaseline(_ model: ModelName, in store: String) -> Self {
        Self("model \(Sanitize.quoted(model.value)) has no baseline in \(Sanitize.quoted(store))")
    }
}
