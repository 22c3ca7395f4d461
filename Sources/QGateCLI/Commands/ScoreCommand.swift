import QualityGateCore

/// `qgate score`: predictions in, a metrics file `qgate evaluate` reads out.
enum ScoreCommand: QGateCommand {
    static let about = CommandAbout(
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
        examples: [
            "qgate score --predictions preds.csv --score p --output metrics.json",
            "qgate score --predictions preds.csv --score p --group sex --latency latency_ms --bootstrap 1000 --seed 7",
            "qgate score --predictions preds.csv --task regression --label price --prediction predicted_price"
        ],
        exitCodes: [(0, "metrics written"), (2, "usage or input error (the message names file, line and column)")])

    /// The scoring options go straight into the library's `ScoreOptions`, whose
    /// initial values are the defaults help shows.
    struct Options: CommandOptions {
        var predictions: String?
        var scoring = ScoreOptions()
        var output: String?

        static var declarations: [CommandOption<Self>] {
            [
                .value("predictions", "FILE", \.predictions, .text, help: "Predictions CSV with a header row. Required."),
                .value(
                    "task", "TASK", \.scoring.task, .choice,
                    help: "What is scored (default: binary, or multiclass when the label has more than two values)."),
                .value("label", "COLUMN", \.scoring.label, .text, help: "The true label (or value)."),
                .value("score", "COLUMN", \.scoring.score, .text, help: "Binary: the positive-class probability or score."),
                .value(
                    "prediction", "COLUMN", \.scoring.prediction, .text, help: "The predicted label (classification) or value (regression)."
                ),
                .value(
                    "proba-prefix", "PREFIX", \.scoring.probabilityPrefix, .text,
                    help: "Multiclass: probability columns are named PREFIX<label>."),
                .value("positive", "LABEL", \.scoring.positive, .text, help: "Binary: the positive class."),
                .value(
                    "threshold", "X", \.scoring.threshold, .fraction(open: false),
                    help: "Binary: predict positive when score >= X (without --prediction)."),
                .values(
                    "group", "COLUMN", \.scoring.groups, .text, help: "Also score per value of COLUMN, with fairness checks (repeatable)."),
                .value("latency", "COLUMN", \.scoring.latency, .text, help: "Per-prediction latency in milliseconds."),
                .value("calibration-bins", "N", \.scoring.calibrationBins, .integer(from: 1, to: 1000), help: "Bins for ece and mce."),
                .value(
                    "bootstrap", "N", \.scoring.bootstrap, .integer(from: 0, to: 100_000),
                    help: "Bootstrap resamples for confidence intervals (0: none)."),
                .value("seed", "N", \.scoring.seed, .unsigned, help: "Seed of the bootstrap resampling."),
                .value("confidence", "X", \.scoring.confidence, .fraction(open: true), help: "Confidence level of the intervals."),
                .value("output", "FILE", \.output, .text, help: "Write the metrics here, atomically (default: standard output).")
            ]
        }
    }

    static func run(_ o: Options, console: Console) throws -> Int32 {
        guard let path = o.predictions else {
            throw UsageError.missing("--predictions FILE", hint: "pass the CSV of labels and predictions")
        }
        let metrics = try ScoreRequest(path: path, options: o.scoring).run()
        return try MetricsOutput.write(metrics, to: o.output, console: console, what: "scored \(Sanitize.quoted(path))")
    }
}
