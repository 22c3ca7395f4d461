import XCTest

@testable import QGateCLI

/// Every help page and a catalogue of usage errors, exactly as the command line
/// prints them: exit code, stdout and stderr together, one golden file per
/// invocation under Tests/Fixtures/golden/help/. The CLI's option declarations
/// can change shape; these bytes may not.
final class HelpGoldenTests: XCTestCase {
    static let example = "Examples/sentiment/"

    /// (golden file name, arguments, environment)
    static let cases: [(String, [String], [String: String])] = {
        var cases: [(String, [String], [String: String])] = [
            ("main-help", ["--help"], [:]),
            ("main-h", ["-h"], [:]),
            ("main-help-command", ["help"], [:]),
            ("main-no-arguments", [], [:]),
            ("baseline-group-help", ["baseline", "--help"], [:]),
            ("baseline-group-h", ["baseline", "-h"], [:]),
            ("baseline-group-no-subcommand", ["baseline"], [:]),
            ("help-evaluate", ["help", "evaluate"], [:]),
            ("help-baseline-promote", ["help", "baseline", "promote"], [:]),
            ("evaluate-h", ["evaluate", "-h"], [:])
        ]
        for command in [
            "evaluate", "validate", "init", "drift", "drift sql", "score", "profile", "synth-test", "review",
            "baseline promote", "baseline show", "baseline history", "baseline rollback", "baseline verify", "baseline sign"
        ] {
            let words = command.split(separator: " ").map(String.init)
            cases.append((words.joined(separator: "-"), words + ["--help"], [:]))
        }
        let metrics = ["--metrics", example + "metrics.json", "--baseline", example + "baseline.json"]
        let drift = ["drift", "--reference", example + "drift/reference.csv", "--current", example + "drift/current.csv"]
        let score = ["score", "--predictions", "p.csv"]
        let errors: [(String, [String], [String: String])] = [
            ("error-help-unknown", ["help", "nope"], [:]),
            ("error-unknown-subcommand", ["evalute"], [:]),
            ("error-option-before-subcommand", ["--metrics", "x"], [:]),
            ("error-help-combined", ["--help", "evaluate"], [:]),
            ("error-baseline-unknown", ["baseline", "nope"], [:]),
            ("error-baseline-missing-subcommand", ["baseline", "--store"], [:]),
            ("error-baseline-help-combined", ["baseline", "--help", "x"], [:]),
            ("error-evaluate-misspelt-option", ["evaluate", "--metric", "x"], [:]),
            ("error-evaluate-stray-argument", ["evaluate", "stray"], [:]),
            ("error-evaluate-format-suggestion", ["evaluate", "--format", "jsn"], [:]),
            ("error-evaluate-format-unknown", ["evaluate", "--format", "yml"], [:]),
            ("error-evaluate-help-combined", ["evaluate", "--metrics", "m.json", "--help"], [:]),
            ("error-evaluate-missing-metrics", ["evaluate"], [:]),
            ("error-evaluate-missing-value", ["evaluate", "--metrics"], [:]),
            ("error-evaluate-baseline-and-ref", ["evaluate", "--metrics", "m.json", "--baseline", "a", "--baseline-ref", "b"], [:]),
            ("error-evaluate-output-format", ["evaluate"] + metrics + ["--output", "jsn=gate.json"], [:]),
            ("error-evaluate-output-empty-file", ["evaluate"] + metrics + ["--output", "json="], [:]),
            ("error-evaluate-push-timeout", ["evaluate", "--metrics", "m.json", "--push-timeout", "0"], [:]),
            ("error-evaluate-pushgateway", ["evaluate", "--metrics", "m.json", "--pushgateway", "ftp://x"], [:]),
            ("error-evaluate-flag-value", ["evaluate", "--fail-on-warning=yes"], [:]),
            ("error-evaluate-repeated", ["evaluate", "--config", "a", "--config", "b"], [:]),
            ("error-evaluate-after-terminator", ["evaluate", "--", "x"], [:]),
            ("error-evaluate-empty-value", ["evaluate", "--metrics="], [:]),
            ("error-evaluate-short-option", ["evaluate", "-x"], [:]),
            ("error-evaluate-precision-zero", ["evaluate"] + metrics + ["--precision", "0"], [:]),
            ("error-evaluate-precision-18", ["evaluate"] + metrics + ["--precision", "18"], [:]),
            ("error-review-precision-text", ["review"] + metrics + ["--precision", "abc"], [:]),
            ("error-drift-missing-reference", ["drift"], [:]),
            ("error-drift-missing-current", ["drift", "--reference", "r.csv"], [:]),
            ("error-drift-method", ["drift", "--reference", "r.csv", "--method", "psx"], [:]),
            ("error-drift-threshold", drift + ["--threshold", "0"], [:]),
            ("error-drift-bins-fraction", drift + ["--bins", "2.5"], [:]),
            ("error-drift-bins-range", drift + ["--bins", "1"], [:]),
            ("error-drift-drifted-share", drift + ["--drifted-share", "1.5"], [:]),
            ("error-drift-new-rows", drift + ["--new-rows", "-1"], [:]),
            ("error-drift-output", drift + ["--output", "gate.txt"], [:]),
            ("error-drift-push-timeout", drift + ["--push-timeout", "x"], [:]),
            ("error-score-missing-predictions", ["score"], [:]),
            ("error-score-threshold", score + ["--threshold", "2"], [:]),
            ("error-score-seed", score + ["--seed", "x"], [:]),
            ("error-score-bootstrap", score + ["--bootstrap", "-1"], [:]),
            ("error-score-confidence", score + ["--confidence", "1"], [:]),
            ("error-score-calibration-bins", score + ["--calibration-bins", "0"], [:]),
            ("error-score-task", score + ["--task", "binry"], [:]),
            ("error-profile-missing-data", ["profile"], [:]),
            ("error-synth-test-format", ["synth-test", "--format", "xml"], [:]),
            ("error-validate-flag-value", ["validate", "--print=1"], [:]),
            ("error-review-missing-metrics", ["review"], [:]),
            ("error-promote-missing-metrics", ["baseline", "promote"], [:]),
            ("error-history-limit-and-stats", ["baseline", "history", "--model", "m", "--stats", "--limit", "3"], [:]),
            ("error-history-since-needs-stats", ["baseline", "history", "--model", "m", "--since", "2026-01-01"], [:]),
            ("error-history-limit", ["baseline", "history", "--model", "m", "--limit", "0"], [:]),
            ("error-show-format", ["baseline", "show", "--format", "yaml"], [:]),
            ("error-qgate-now", ["validate"], ["QGATE_NOW": "yesterday"]),
            ("error-qgate-today", ["profile", "--data", "x.csv"], ["QGATE_TODAY": "2026-13-01"])
        ]
        return cases + errors
    }()

    func testHelpPagesAndUsageErrorsAreUnchanged() throws {
        for (name, args, environment) in Self.cases {
            let r = TestSupport.run(args, environment: environment)
            let text = "$ qgate \(args.joined(separator: " "))\nexit \(r.exit)\n--- stdout\n\(r.stdout)--- stderr\n\(r.stderr)"
            try TestSupport.assertGolden(text, "help/\(name).txt")
        }
    }
}
