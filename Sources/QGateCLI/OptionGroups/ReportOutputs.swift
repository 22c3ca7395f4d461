import QualityGateCore

/// A command's report formats: an enumeration with a `text` case.
protocol ReportChoice: RawRepresentable, CaseIterable, Equatable where RawValue == String {
    static var text: Self { get }
}

extension ReportFormat: ReportChoice {}

/// `--format text|json`, for the commands that have no other formats.
enum TextOrJSON: String, ReportChoice, Sendable {
    case text, json
}

/// `--precision N`: the significant digits of the numbers in human reports
/// (JSON and the other machine formats keep every digit). Declared once here,
/// for every command that prints one.
struct ReportPrecisionOption: OptionValues {
    var digits = ReportPrecision.defaultDigits

    static var option: CommandOption<Self> {
        let range = ReportPrecision.digitsRange
        return .value(
            "precision", "N", \.digits, .integer(from: range.lowerBound, to: range.upperBound),
            help:
                "Significant digits of measured and computed numbers in human reports (bounds print as written; JSON keeps full precision)."
        )
    }

    var precision: ReportPrecision { ReportPrecision(significantDigits: digits) }
}

/// Where a deciding command's report goes: `--format` (stdout), `--output
/// FORMAT=FILE` (files, repeatable), `--no-github` and `--color`. Parsed here
/// and performed by `publish` for every command that has them.
struct ReportOutputs<Format: ReportChoice>: OptionValues {
    var format = Format.text
    var outputs: [ReportDestination<Format>] = []
    var noGitHub = false
    var color = ColorMode.auto
    var precision = ReportPrecisionOption()

    static func format(help: String) -> CommandOption<Self> {
        .value("format", "FORMAT", \.format, .choice, help: help)
    }

    /// `--output FORMAT=FILE`; with `bareFile`, also a plain FILE in the format
    /// its extension names, else the `--format` format.
    static func output(bareFile: Bool, help: String) -> CommandOption<Self> {
        .values(
            "output", bareFile ? "[FORMAT=]FILE" : "FORMAT=FILE", \.outputs,
            bareFile ? ReportDestination.formattedOrPlain : ReportDestination.formatted, help: help)
    }

    static func noGitHub(help: String) -> CommandOption<Self> {
        .flag("no-github", \.noGitHub, help: help)
    }

    static var color: CommandOption<Self> { .color(\.color) }

    static var precision: CommandOption<Self> { ReportPrecisionOption.option.within(\.precision) }

    /// A bare `--output FILE` takes the report's place on stdout.
    var replacesStdout: Bool { outputs.contains { $0.isPlain } }

    /// The style of the report on stdout: colour only for text, on a terminal, unless `--color` says otherwise.
    func style(_ console: Console) -> TerminalStyle {
        TerminalStyle(
            enabled: format == .text
                && TerminalStyle.shouldColor(
                    mode: color.rawValue, isTTY: console.stdoutIsTTY, environment: console.environment)
        )
    }

    /// Pushes, writes each `--output` file (plain, never coloured), then the
    /// GitHub step summary and outputs inside GitHub Actions (unless `--no-github`),
    /// in the order `Publishing` keeps. The command shows the decision on stdout after.
    func publish(
        push: PushOptions, pushed: PushedMetrics, render: @escaping (Format) -> String,
        github: @escaping ([String: String]) throws -> Void, console: Console
    ) throws {
        let environment = console.environment
        let toGitHub = GitHubIntegration.isActive(environment: environment) && !noGitHub
        try Publishing.publish(
            push: push, pushed: pushed,
            reports: outputs.map { output in (output.path, { render(output.format ?? format) }) },
            github: toGitHub ? { try github(environment) } : nil, console: console)
    }
}
