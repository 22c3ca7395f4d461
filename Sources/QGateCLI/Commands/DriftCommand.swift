import QualityGateCore

/// `qgate drift`: is production data still like the training data, and is
/// retraining due? Exit 1 means "retrain".
enum DriftCommand {
    static let spec = CommandSpec(
        name: "drift",
        abstract: "Compare production data with the reference; exit 1 when retraining is due.",
        discussion: """
            Reads the reference (training) and current (production) data as CSV with a
            header row, or as pre-binned histogram JSON (*.json, schema
            qgate.histograms/v1), and compares every shared column: numeric columns on
            bins from the reference (quantile by default), categorical columns per
            category. Retraining is triggered when the share of drifted columns reaches
            drift.drifted_share, or by volume (drift.min_new_rows_fraction). Settings
            come from the `drift:` section of the policy; flags override them.
            """,
        options: [
            .value("reference", "FILE", help: "Reference data: CSV or histogram JSON. Required."),
            .value("current", "FILE", help: "Current (production) data: CSV or histogram JSON (binned with the reference's edges)."),
            .value("config", "FILE", help: "Policy with a `drift:` section (default: quality-gates.yaml when it exists)."),
            .value("method", "METHOD", help: "Statistic that decides drift.", allowed: DriftConfig.Method.allCases.map(\.rawValue)),
            .value("threshold", "X", help: "A column drifted when its statistic exceeds X (default: psi 0.2, kl 0.1, js 0.1)."),
            .value("bins", "N", help: "Bins for numeric columns (default 10)."),
            .value("binning", "KIND", help: "Numeric bins from reference quantiles or equal widths.", allowed: DriftConfig.Binning.allCases.map(\.rawValue)),
            .value("drifted-share", "X", help: "Retrain when at least this share of columns drifted (default 0.3)."),
            .value("min-new-rows-fraction", "X", help: "Volume trigger: retrain when new rows >= X × reference rows."),
            .value("new-rows", "N", help: "Rows collected since the reference was trained on, for the volume trigger (default: the current file's rows), so drift can be judged on a recent window."),
            .value("columns", "A,B", help: "Compare only these columns."),
            .value("exclude", "A,B", help: "Leave these columns out."),
            .value("categorical", "A,B", help: "Treat these columns as categorical even if their values are numbers."),
            .value("emit-histograms", "FILE", help: "Write the reference's histograms as JSON (for aggregating elsewhere)."),
            .value("format", "FORMAT", help: "Report format on stdout.", default: "text", allowed: ["text", "json", "markdown", "prometheus"]),
            .value("output", "FORMAT=FILE", repeatable: true, help: "Also write a report to FILE, atomically (repeatable)."),
            .flag("no-github", help: "Inside GitHub Actions, do not write the step summary and outputs."),
        ] + PushOptions.options(pushgatewayHelp: "Push the drift metrics to this Pushgateway (PUT URL/metrics/job/qgate-drift/model/<model>).") + [
            .value("color", "WHEN", help: "Colour the text report.", default: "auto", allowed: ["auto", "always", "never"]),
        ],
        examples: ["qgate drift --reference data/train.csv --current data/last-week.csv",
                   "qgate drift --reference data/train.csv --emit-histograms train.hist.json"],
        exitCodes: [(0, "no retraining needed"), (1, "retraining triggered (drift or volume)"), (2, "usage, configuration or input error")])

    /// A number in (min, max] — as the policy's `drift:` keys, zero is refused
    /// (a zero threshold or volume fraction would always trigger).
    static func number(_ args: ParsedArguments, _ name: String, above min: Double, max: Double = .infinity) throws -> Double? {
        guard let text = args.value(name) else { return nil }
        guard let v = Double(text), v.isFinite, v > min, v <= max else {
            throw UsageError("invalid value '\(Sanitize.inline(text))' for '--\(name)'", command: spec.name,
                             hint: "a number above \(NumberFormatting.exact(min))\(max.isFinite ? " and at most \(NumberFormatting.exact(max))" : "")")
        }
        return v
    }

    static func list(_ args: ParsedArguments, _ name: String) -> [String]? {
        args.value(name).map { $0.split(separator: ",").map(String.init) }
    }

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        guard let reference = args.value("reference") else {
            throw UsageError("missing '--reference FILE'", command: spec.name, hint: "pass the training data (CSV or histogram JSON)")
        }
        guard args.value("current") != nil || args.value("emit-histograms") != nil else {
            throw UsageError("missing '--current FILE'", command: spec.name, hint: "pass the production data, or --emit-histograms FILE")
        }
        let push = try PushOptions.target(args, command: spec.name)
        var policy: Policy?
        if let path = args.value("config") {
            policy = try PolicyLoader.load(path: path, today: console.clock.today())
        } else if FileSystem.exists("quality-gates.yaml") {
            policy = try PolicyLoader.load(path: "quality-gates.yaml", today: console.clock.today())
        }
        var config = policy?.drift ?? DriftConfig()
        if let m = args.value("method"), let method = DriftConfig.Method(rawValue: m) { config.method = method }
        if let b = args.value("binning"), let binning = DriftConfig.Binning(rawValue: b) { config.binning = binning }
        if let t = try number(args, "threshold", above: 0) { config.threshold = t }
        if let b = try number(args, "bins", above: 1, max: 1000) {
            guard b == b.rounded() else { throw UsageError("'--bins' must be an integer", command: spec.name) }
            config.bins = Int(b)
        }
        if let s = try number(args, "drifted-share", above: 0, max: 1) { config.driftedShare = s }
        if let f = try number(args, "min-new-rows-fraction", above: 0) { config.minNewRowsFraction = f }
        if let c = list(args, "columns") { config.columns = c }
        if let e = list(args, "exclude") { config.exclude = e }
        if let c = list(args, "categorical") { config.categorical = c }

        var request = DriftRequest(referencePath: reference, currentPath: args.value("current"), config: config,
                                   emitHistogramsPath: args.value("emit-histograms"))
        if let text = args.value("new-rows") {
            guard let n = Int(text), n >= 0 else {
                throw UsageError("invalid value '\(Sanitize.inline(text))' for '--new-rows'", command: spec.name, hint: "a non-negative integer")
            }
            request.newRows = n
        }
        guard let result = try request.run() else {
            console.writeErr("qgate: histograms written to \(Sanitize.inline(args.value("emit-histograms") ?? ""))\n")
            return ExitCode.allowed
        }
        let model = policy?.model ?? ""
        let timestamp = console.clock.epochSeconds()
        func render(_ format: String, color: Bool) -> String {
            switch format {
            case "json": return DriftReport.json(result)
            case "markdown": return DriftReport.markdown(result)
            case "prometheus": return DriftReport.prometheus(result, model: model, timestamp: timestamp)
            default: return DriftReport.text(result, style: TerminalStyle(enabled: color))
            }
        }
        var outputs: [(format: String, path: String)] = []
        for spec in args.all("output") {
            guard let eq = spec.firstIndex(of: "="), ["text", "json", "markdown", "prometheus"].contains(String(spec[..<eq])),
                  spec.index(after: eq) < spec.endIndex else {
                throw UsageError("'--output' needs FORMAT=FILE with FORMAT one of text, json, markdown, prometheus", command: self.spec.name)
            }
            outputs.append((String(spec[..<eq]), String(spec[spec.index(after: eq)...])))
        }
        // As in `evaluate`: whatever can still fail comes before the decision is shown (see Publishing).
        if let push {
            try Pushgateway.push(DriftReport.prometheus(result, model: model, timestamp: timestamp), model: model, url: push.url, job: "qgate-drift",
                                 timeout: push.timeout)
            console.writeErr("qgate: drift metrics pushed to \(Sanitize.inline(push.url))\n")
        }
        let github = GitHubIntegration.isActive(environment: console.environment) && !args.flag("no-github")
        try Publishing.publish(
            reports: outputs.map { output in (output.path, { render(output.format, color: false) }) },
            github: github ? { try GitHubIntegration.publish(result, environment: console.environment) } : nil)
        let format = args.value("format") ?? "text"
        let color = format == "text" && TerminalStyle.shouldColor(mode: args.value("color") ?? "auto", isTTY: console.stdoutIsTTY,
                                                                   environment: console.environment)
        console.writeOut(render(format, color: color))
        return ExitCode.of(result)
    }
}
