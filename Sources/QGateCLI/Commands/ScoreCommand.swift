import QualityGateCore

/// `qgate score`: predictions in, a metrics file `qgate evaluate` reads out.
enum ScoreCommand {
    static let spec = CommandSpec(
        name: "score",
        abstract: "Compute standard metrics (as scikit-learn defines them) from a predictions CSV.",
        discussion: """
            Reads a CSV of predictions with a header row and writes a metrics JSON file
            for `qgate evaluate`.
              binary      accuracy, balanced_accuracy, precision, recall, f1, specificity,
                          positive_rate, confusion.{tp,fp,tn,fn}; with --score also roc_auc,
                          pr_auc (average precision), log_loss, brier_score, ece and mce
                          (10 equal-width bins as sklearn's calibration_curve, a value on an
                          edge in the lower bin). A score outside [0, 1] is not a
                          probability: the four calibration metrics are then null.
              multiclass  accuracy, {precision,recall,f1}_{macro,micro,weighted},
                          per_class.<label>.{precision,recall,f1,support}, log_loss with
                          --proba-prefix.
              regression  mae, mse, rmse, r2, mape, max_error (--prediction required).
            --group adds groups.<column>.<value>.<metric>, and for binary tasks
            fairness.<column>.{demographic_parity_difference,demographic_parity_ratio,
            equal_opportunity_difference,equalized_odds_difference} plus fairness.<check>,
            the worst over all group columns. Undefined metrics (ROC AUC with one class,
            say) are written as null, which fails any gate on them. Precision, recall
            and F1 with an empty denominator are 0 (sklearn's zero_division=0).
            --latency adds latency.{count,mean_ms,p50_ms,p90_ms,p95_ms,p99_ms,max_ms}
            (numpy's linear percentiles). --bootstrap adds <metric>_ci.{low,high}:
            percentile intervals over resamples drawn with SplitMix64 from --seed.
            """,
        options: [
            .value("predictions", "FILE", help: "Predictions CSV with a header row. Required."),
            .value("task", "TASK", help: "What is scored (default: binary, or multiclass when the label has more than two values).",
                   allowed: ScoreOptions.Task.allCases.map(\.rawValue)),
            .value("label", "COLUMN", help: "The true label (or value).", default: "y"),
            .value("score", "COLUMN", help: "Binary: the positive-class probability or score."),
            .value("prediction", "COLUMN", help: "The predicted label (classification) or value (regression)."),
            .value("proba-prefix", "PREFIX", help: "Multiclass: probability columns are named PREFIX<label>."),
            .value("positive", "LABEL", help: "Binary: the positive class.", default: "1"),
            .value("threshold", "X", help: "Binary: predict positive when score >= X (without --prediction).", default: "0.5"),
            .value("group", "COLUMN", repeatable: true, help: "Also score per value of COLUMN, with fairness checks (repeatable)."),
            .value("latency", "COLUMN", help: "Per-prediction latency in milliseconds."),
            .value("calibration-bins", "N", help: "Bins for ece and mce.", default: "10"),
            .value("bootstrap", "N", help: "Bootstrap resamples for confidence intervals (0: none).", default: "0"),
            .value("seed", "N", help: "Seed of the bootstrap resampling.", default: "0"),
            .value("confidence", "X", help: "Confidence level of the intervals.", default: "0.95"),
            .value("output", "FILE", help: "Write the metrics here, atomically (default: standard output)."),
        ],
        examples: ["qgate score --predictions preds.csv --score p --output metrics.json",
                   "qgate score --predictions preds.csv --score p --group sex --latency latency_ms --bootstrap 1000 --seed 7",
                   "qgate score --predictions preds.csv --task regression --label price --prediction predicted_price"],
        exitCodes: [(0, "metrics written"), (2, "usage or input error (the message names file, line and column)")])

    static func integer(_ args: ParsedArguments, _ name: String, min: Int, max: Int) throws -> Int {
        let text = args.value(name) ?? ""
        guard let v = Int(text), v >= min, v <= max else {
            throw UsageError("invalid value '\(Sanitize.inline(text))' for '--\(name)'", command: spec.name, hint: "an integer from \(min) to \(max)")
        }
        return v
    }

    static func fraction(_ args: ParsedArguments, _ name: String, open: Bool) throws -> Double {
        let text = args.value(name) ?? ""
        guard let v = Double(text), v.isFinite, open ? (v > 0 && v < 1) : (v >= 0 && v <= 1) else {
            throw UsageError("invalid value '\(Sanitize.inline(text))' for '--\(name)'", command: spec.name,
                             hint: open ? "a number strictly between 0 and 1" : "a number from 0 to 1")
        }
        return v
    }

    static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
        guard let path = args.value("predictions") else {
            throw UsageError("missing '--predictions FILE'", command: spec.name, hint: "pass the CSV of labels and predictions")
        }
        var o = ScoreOptions()
        o.task = args.value("task").flatMap(ScoreOptions.Task.init(rawValue:))
        o.label = args.value("label") ?? "y"
        o.score = args.value("score")
        o.prediction = args.value("prediction")
        o.probabilityPrefix = args.value("proba-prefix")
        o.positive = args.value("positive") ?? "1"
        o.threshold = try fraction(args, "threshold", open: false)
        o.groups = args.all("group")
        o.latency = args.value("latency")
        o.calibrationBins = try integer(args, "calibration-bins", min: 1, max: 1000)
        o.bootstrap = try integer(args, "bootstrap", min: 0, max: 100_000)
        guard let seed = UInt64(args.value("seed") ?? "") else {
            throw UsageError("invalid value '\(Sanitize.inline(args.value("seed") ?? ""))' for '--seed'", command: spec.name, hint: "a non-negative integer")
        }
        o.seed = seed
        o.confidence = try fraction(args, "confidence", open: true)
        let metrics = try ScoreRequest(path: path, options: o).run()
        return try MetricsOutput.write(metrics, to: args.value("output"), console: console, what: "scored \(Sanitize.quoted(path))")
    }
}

/// Writes a metrics document to a file (atomically) or to standard output.
enum MetricsOutput {
    static func write(_ metrics: MetricList, to output: String?, console: Console, what: String) throws -> Int32 {
        let text = try metrics.json().rendered() + "\n"
        if let output {
            try FileSystem.writeAtomically(Array(text.utf8), to: output)
            console.writeErr("qgate: \(what) → \(Sanitize.inline(output)) (\(metrics.entries.count) metrics)\n")
        } else {
            console.writeOut(text)
        }
        return ExitCode.allowed
    }
}
