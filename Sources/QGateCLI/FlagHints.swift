import QualityGateCore

/// The hints that name qgate's flags, by error kind. The library's errors name
/// no flag (a library caller has none); where the command line prints an error
/// it attaches the hint for the error's kind, so the user reads the flag that
/// fixes it.
enum FlagHints {
    static let baseline: [ErrorKind: String] = [
        "gitUnavailable": "install git, or pass --baseline FILE",
        "noEarlierPromotion": "name the version with --to VERSION",
        "noHistory": "promote a baseline first, or pass --store DIR / --model NAME",
        "storeWithoutModelName": "add `model: NAME` to the policy, or pass --baseline FILE",
        "versionAlreadyPromoted":
            "bump the version (--version V or the metrics' `version` key), or pass --force to record a second promotion of it"
    ]

    static let drift: [ErrorKind: String] = [
        "cannotRescan": "pass the reference as a regular file, or declare the column with --categorical",
        "columnsNotFound": "check `drift.columns` / --columns against the CSV headers",
        "nothingToCompare": "check the files' headers and --columns / drift.columns",
        "differentEdges": "bin the current data with the edges of the reference histogram (qgate drift --emit-histograms)"
    ]

    static let evaluation: [ErrorKind: String] = [
        "candidateAsBaselineByOption":
            "compare against the last released baseline (the store, its metrics file, or `--baseline-ref` of the release tag), or drop --new-failures-only",
        "candidateAsBaselineByGate":
            "compare against the last released baseline (the store, its metrics file, or `--baseline-ref` of the release tag), or drop `new_failures_only` from this gate",
        "pessimisticTwoSided": "use --aggregate median or mean for this metric's gates",
        "pessimisticBothWays": "use --aggregate median or mean, or give the gates on this metric one direction",
        "sigmaWithoutStore": "compare against the store (--store DIR or git:BRANCH, without --baseline), or use `max_regression` here"
    ]

    static let metrics: [ErrorKind: String] = [
        "metricInTwoFiles":
            "each gated metric must come from exactly one --metrics file; remove it from one of them, or pass --aggregate HOW if the files are repeated runs",
        "tooFewRuns": "pass --metrics once per run (at least 2), or drop --aggregate"
    ]

    static let policy: [ErrorKind: String] = [
        "notACasesFile": "see `qgate synth-test --help` for the format"
    ]

    static let score: [ErrorKind: String] = [
        "regressionWithoutPrediction": "pass --prediction COLUMN",
        "probabilitiesForBinary": "for a binary task pass the positive-class probability as --score COLUMN",
        "nothingToScoreBinary": "pass --score COLUMN (a probability, thresholded at --threshold) or --prediction COLUMN",
        "tooManyClassesForBinary": "pass --task multiclass, or fix the labels",
        "positiveLabelMissing": "pass --positive LABEL",
        "scoreForMulticlass": "for multiclass pass --prediction COLUMN or --proba-prefix PREFIX",
        "nothingToScoreMulticlass": "pass --prediction COLUMN or --proba-prefix PREFIX",
        "tooManyGroupValues": "--group is for a handful of values (at most \(ScoreRequest.maximumGroupValues)), not an identifier"
    ]

    /// `error` (or each of several) with the hint for its kind, where the library gave none.
    static func attach(to error: any Error) -> any Error {
        if let many = error as? QGateErrors { return QGateErrors(many.errors.map(attach(toOne:))) }
        if let one = error as? any QGateError { return attach(toOne: one) }
        return error
    }

    static func attach(toOne error: any QGateError) -> any QGateError {
        switch error {
        case let e as BaselineError: return hinted(e, baseline)
        case let e as DriftError: return hinted(e, drift)
        case let e as EvaluationError: return hinted(e, evaluation)
        case let e as MetricsError: return hinted(e, metrics)
        case let e as PolicyError: return hinted(e, policy)
        case let e as ScoreError: return hinted(e, score)
        default: return error
        }
    }

    private static func hinted<Area>(_ error: AreaError<Area>, _ hints: [ErrorKind: String]) -> AreaError<Area> {
        var error = error
        if error.hint == nil { error.hint = hints[error.kind] }
        return error
    }
}
