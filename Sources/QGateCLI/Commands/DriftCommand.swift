import QualityGateCore

/// `qgate drift`: is production data still like the training data, and is
/// retraining due? Exit 1 means "retrain".
enum DriftCommand: QGateCommand {
    static let about = CommandAbout(
        name: "drift",
        abstract: "Compare production data with the reference; exit 1 when retraining is due.",
        discussion: """
            Reads the reference (training) and current (production) data as CSV with a
            header row, or as pre-binned histogram JSON (*.json, schema
            qgate.histograms/v1), and compares every shared column: numeric columns on
            bins from the reference (quantile by default), categorical columns per
            category. Retraining is triggered when the share of drifted columns reaches
            drift.drifted_share, or by volume (drift.min_new_rows_fraction), or when the
            --prediction or --target column drifts. ID-like and ISO 8601 timestamp
            columns are left out (with a notice; --features compares them). Inputs that
            cannot be compared (no rows, no column in common) are errors (exit 2).
            Settings come from the `drift:` section of the policy; flags override them.
            """,
        examples: [
            "qgate drift --reference data/train.csv --current data/last-week.csv",
            "qgate drift --reference data/train.csv --emit-histograms train.hist.json",
            "qgate drift --reference train.csv --current week.csv --prediction score --output metrics=drift.json"
        ],
        exitCodes: [(0, "no retraining needed"), (1, "retraining triggered (drift or volume)"), (2, "usage, configuration or input error")])

    /// The drift report formats.
    enum Format: String, ReportChoice, Sendable {
        case text, json, markdown, prometheus, html
        /// A qgate metrics file (`drift.max_psi`, …) for `qgate evaluate`.
        case metrics
    }

    /// The settings flags are nil unless given: they override the policy's
    /// `drift:` section (zero is refused, as there: a zero threshold or volume
    /// fraction would always trigger).
    struct Options: CommandOptions {
        var reference: [String] = []
        var current: [String] = []
        var config: PolicyFile?
        var method: DriftConfig.Method?
        var threshold: ThresholdFlag?
        var confidence: Double?
        var alpha: Double?
        var correction: MultipleTesting.Correction?
        var bins: Int?
        var binning: DriftConfig.Binning?
        var driftedShare: Double?
        var minNewRowsFraction: Double?
        var newRows: Int?
        var columns: [String]?
        var exclude: [String]?
        var categorical: [String]?
        var schema: DriftConfig.Schema?
        var id: [String]?
        var timestamp: [String]?
        var target: String?
        var prediction: String?
        var features: [String]?
        var model: String?
        var emitHistograms: String?
        var report = ReportOutputs<Format>()
        var push = PushOptions()

        static var declarations: [CommandOption<Self>] { inputs + settings + outputs }

        static var inputs: [CommandOption<Self>] {
            [
                .values(
                    "reference", "FILE", \.reference, .text,
                    help: "Reference data: CSV or histogram JSON; several histogram files (partitions) are summed. Required."),
                .values(
                    "current", "FILE", \.current, .text,
                    help: "Current (production) data: CSV or histogram JSON (binned with the reference's edges); several are summed."),
                .value(
                    "config", "FILE", \.config, .policyFile,
                    help: "Policy with a `drift:` section (default: \(PolicyFile.defaultPath) when it exists).")
            ]
        }

        static var settings: [CommandOption<Self>] {
            [
                .value(
                    "method", "METHOD", \.method, .choice,
                    help: "Statistic that decides drift: a distance (psi, kl, js) or a test with a p-value per column (ks, chi2)."),
                .value(
                    "threshold", "X|auto", \.threshold, .threshold,
                    help:
                        "A column drifted when its statistic exceeds X (default: psi 0.2, kl 0.1, js 0.1); auto: and its PSI exceeds the χ² critical value for its sample sizes."
                ),
                .value(
                    "confidence", "P", \.confidence, .fraction(open: true),
                    help: "With --threshold auto: confidence of the χ² critical value (default 0.99)."),
                .value(
                    "alpha", "P", \.alpha, .fraction(open: true),
                    help: "With --method ks or chi2: a column drifted when its adjusted p-value is <= P (default 0.05)."),
                .value(
                    "correction", "KIND", \.correction, .choice,
                    help: "With --method ks or chi2: adjust the p-values across columns by Benjamini–Hochberg (bh, default) or Bonferroni."),
                .value("bins", "N", \.bins, .bins, help: "Bins for numeric columns (default 10)."),
                .value("binning", "KIND", \.binning, .choice, help: "Numeric bins from reference quantiles or equal widths."),
                .value(
                    "drifted-share", "X", \.driftedShare, .number(above: 0, max: 1),
                    help: "Retrain when at least this share of columns drifted (default 0.3)."),
                .value(
                    "min-new-rows-fraction", "X", \.minNewRowsFraction, .number(above: 0),
                    help: "Volume trigger: retrain when new rows >= X × reference rows."),
                .value(
                    "new-rows", "N", \.newRows, .integer(from: 0, to: .max, hint: "a non-negative integer"),
                    help:
                        "Rows collected since the reference was trained on, for the volume trigger (default: the current file's rows), so drift can be judged on a recent window."
                ),
                .value("columns", "A,B", \.columns, .list, help: "Compare only these columns."),
                .value("exclude", "A,B", \.exclude, .list, help: "Leave these columns out."),
                .value(
                    "categorical", "A,B", \.categorical, .list, help: "Treat these columns as categorical even if their values are numbers."
                ),
                .value(
                    "schema", "MODE", \.schema, .choice,
                    help: "strict: a missing or new column is an error; lenient (default): a drift signal."),
                .value(
                    "id", "A,B", \.id, .list,
                    help: "ID columns: never compared (detected when every value is distinct or the name says id)."),
                .value("timestamp", "A,B", \.timestamp, .list, help: "Timestamp columns: never compared (detected from ISO 8601 values)."),
                .value("target", "COLUMN", \.target, .text, help: "The label: judged as label drift on its own line, not as a feature."),
                .value(
                    "prediction", "COLUMN", \.prediction, .text,
                    help: "The model's output: judged as prediction drift on its own line; drift there triggers retraining."),
                .value("features", "A,B", \.features, .list, help: "Compare these as features even when they look like IDs or timestamps."),
                .value(
                    "model", "NAME", \.model, .text, help: "Model name for the Prometheus `model` label (default: the policy's `model`)."),
                .value(
                    "emit-histograms", "FILE", \.emitHistograms, .text,
                    help: "Write the reference's histograms as JSON (for aggregating elsewhere).")
            ]
        }

        static var outputs: [CommandOption<Self>] {
            let report: [CommandOption<ReportOutputs<Format>>] = [
                ReportOutputs.format(help: "Report format on stdout."),
                ReportOutputs.output(bareFile: false, help: "Also write a report to FILE, atomically (repeatable)."),
                ReportOutputs.noGitHub(help: "Inside GitHub Actions, do not write the step summary and outputs.")
            ]
            let push = PushOptions.declarations(
                pushgatewayHelp: "Push the drift metrics to this Pushgateway (PUT URL/metrics/job/qgate-drift/model/<model>).")
            return report.within(\.report) + push.within(\.push) + [ReportOutputs.color, ReportOutputs.precision].within(\.report)
        }

        /// The policy's `drift:` settings with the flags given on top.
        func config(over policy: Policy?) -> DriftConfig {
            var config = policy?.drift ?? DriftConfig()
            if let method {
                config.method = method
                config.methodAt = nil
                // The policy's threshold settings belong to the distance it named, not to a test chosen here.
                if method.isTest { config.automatic = false }
            }
            if let alpha { config.alpha = alpha }
            if let correction { config.correction = correction }
            if let binning { config.binning = binning }
            switch threshold {
            case .auto?: config.automatic = true
            case .fixed(let x)?:
                config.threshold = x
                config.automatic = false
            case nil: break
            }
            if let confidence { config.confidence = confidence }
            if let bins { config.bins = bins }
            if let driftedShare { config.driftedShare = driftedShare }
            if let minNewRowsFraction { config.minNewRowsFraction = minNewRowsFraction }
            if let columns { config.columns = columns }
            if let exclude { config.exclude = exclude }
            if let categorical { config.categorical = categorical }
            if let schema { config.schema = schema }
            if let id { config.id = id }
            if let timestamp { config.timestamp = timestamp }
            if let target { config.target = target }
            if let prediction { config.prediction = prediction }
            if let features { config.features = features }
            return config
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        _ = try o.push.credentials(console)  // a usage error before anything is recorded
        guard let reference = o.reference.first else {
            throw UsageError.missing("--reference FILE", hint: "pass the training data (CSV or histogram JSON)")
        }
        guard !o.current.isEmpty || o.emitHistograms != nil else {
            throw UsageError.missing("--current FILE", hint: "pass the production data, or --emit-histograms FILE")
        }
        let policy = try (o.config ?? PolicyFile()).loadIfPresent(today: console.clock.today())
        let config = o.config(over: policy)
        if config.method.isTest, let flag = o.threshold != nil ? "threshold" : (o.confidence != nil ? "confidence" : nil) {
            throw UsageError(
                "'--\(flag)' does not apply with --method \(config.method.rawValue)",
                hint: "a test decides by its adjusted p-value: use --alpha (and --correction)")
        }
        if !config.method.isTest, let flag = o.alpha != nil ? "alpha" : (o.correction != nil ? "correction" : nil) {
            throw UsageError(
                "'--\(flag)' applies only with --method ks or chi2", hint: "add --method ks or --method chi2, or drop --\(flag)")
        }
        if o.confidence != nil && !config.automatic {
            throw UsageError("'--confidence' applies only with --threshold auto", hint: "add --threshold auto, or drop --confidence")
        }
        var request = DriftRequest(
            referencePath: reference, currentPath: o.current.first, config: config,
            emitHistogramsPath: o.emitHistograms)
        request.newRows = o.newRows
        request.moreReferencePaths = Array(o.reference.dropFirst())
        request.moreCurrentPaths = Array(o.current.dropFirst())
        guard let result = try request.run() else {
            console.writeErr("qgate: histograms written to \(Sanitize.inline(o.emitHistograms ?? ""))\n")
            return ExitCode.allowed
        }
        for left in result.roles.leftOut where left.detected != nil {
            console.writeErr("qgate: \(left.notice)\n")
        }
        for notice in result.renameNotices { console.writeErr("qgate: \(notice)\n") }
        let model = o.model ?? policy?.model ?? ""
        let timestamp = console.clock.epochSeconds()
        // Only when asked for: column names that would share a metric segment are an error there alone.
        let wantsMetrics = o.report.format == .metrics || o.report.outputs.contains { ($0.format ?? o.report.format) == .metrics }
        let metrics = wantsMetrics ? try result.metrics().json().rendered() + "\n" : ""
        func render(_ format: Format, style: TerminalStyle = .plain) -> String {
            switch format {
            case .json: return DriftReport.json(result)
            case .markdown: return DriftReport.markdown(result, precision: o.report.precision.precision)
            case .prometheus: return DriftReport.prometheus(result, model: model, timestamp: timestamp)
            case .text: return DriftReport.text(result, style: style, precision: o.report.precision.precision)
            case .metrics: return metrics
            case .html: return HTMLDriftReport.render(result)
            }
        }
        try o.report.publish(
            push: o.push,
            pushed: PushedMetrics(job: "qgate-drift", model: model, what: "drift metrics") {
                DriftReport.prometheus(result, model: model, timestamp: timestamp)
            },
            render: { render($0) }, github: { try GitHubIntegration.publish(result, environment: $0) }, console: console)
        console.writeOut(render(o.report.format, style: o.report.style(console)))
        return ExitCode.of(result)
    }
}

extension ArgumentValue where Value == Int {
    /// `--bins`: a whole number above 1 and at most 1000.
    static var bins: Self {
        let number = ArgumentValue<Double>.number(above: 1, max: 1000)
        return ArgumentValue(
            parse: { text, option throws(UsageError) in
                let b = try number.parse(text, option)
                guard b == b.rounded() else { throw UsageError("'--\(option)' must be an integer") }
                return Int(b)
            }, show: String.init)
    }
}

extension DriftCommand.Options {
    /// `--threshold X` (a fixed threshold) or `--threshold auto` (the policy's
    /// threshold or the method's default as the effect size, and the χ² critical value).
    enum ThresholdFlag: Equatable {
        case fixed(Double)
        case auto
    }
}

extension ArgumentValue where Value == DriftCommand.Options.ThresholdFlag {
    static var threshold: Self {
        let number = ArgumentValue<Double>.number(above: 0)
        return ArgumentValue(
            parse: { text, option throws(UsageError) in
                if text == "auto" { return .auto }
                do {
                    return .fixed(try number.parse(text, option))
                } catch {
                    throw UsageError.invalidValue(text, for: option, hint: "a number above 0, or auto")
                }
            },
            show: {
                switch $0 {
                case .auto: return "auto"
                case .fixed(let x): return NumberFormatting.exact(x)
                }
            })
    }
}
