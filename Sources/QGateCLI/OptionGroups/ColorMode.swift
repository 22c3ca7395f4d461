/// `--color WHEN`: whether the text report is coloured.
enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never
}

extension CommandOption where Options: OptionValues {
    /// `--color WHEN`, the same on every command with a text report.
    static func color(_ property: WritableKeyPath<Options, ColorMode>) -> Self {
        .value("color", "WHEN", property, .choice, help: "Colour the text report.")
    }
}
