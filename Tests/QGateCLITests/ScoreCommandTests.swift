import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate score` and `qgate profile` through the real binary: their output
/// feeds `qgate evaluate`, undefined metrics fail closed, help is complete.
final class ScoreCommandTests: TemporaryDirectoryTestCase {
    let binaryFixture = "Tests/Fixtures/score/binary_basic/predictions.csv"

    func testScoreOutputIsReadByEvaluateAndGates() throws {
        let metrics = dir + "/metrics.json"
        let score = try TestSupport.runBinary([
            "score", "--predictions", binaryFixture, "--score", "p", "--group", "sex",
            "--latency", "latency_ms", "--output", metrics
        ])
        XCTAssertEqual(score.exit, 0, score.stderr)
        XCTAssertTrue(score.stderr.contains("metrics)\n"), score.stderr)
        let policy = try write(
            "policy.yaml",
            """
            version: 1
            gates:
              - {metric: roc_auc, min: 0.7}
              - {metric: latency.p95_ms, max: 120}
              - {metric: fairness.demographic_parity_difference, max: 0.5}
              - {metric: groups.sex.F.accuracy, min: 0.5}

            """)
        let pass = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics, "--no-github"])
        XCTAssertEqual(pass.exit, 0, pass.stdout + pass.stderr)
        let strict = try write("strict.yaml", "version: 1\ngates:\n  - {metric: roc_auc, min: 0.9}\n")
        let blocked = try TestSupport.runBinary(["evaluate", "--config", strict, "--metrics", metrics, "--no-github"])
        XCTAssertEqual(blocked.exit, 1, blocked.stdout)
    }

    func testUndefinedMetricIsNullAndFailsClosed() throws {
        // One class only: ROC AUC does not exist. It is written as null, and a gate on it blocks.
        let preds = try write("one-class.csv", "y,p\n0,0.2\n0,0.7\n0,0.1\n")
        let score = try TestSupport.runBinary(["score", "--predictions", preds, "--score", "p"])
        XCTAssertEqual(score.exit, 0, score.stderr)
        XCTAssertTrue(score.stdout.contains("\"roc_auc\": null"), score.stdout)
        XCTAssertTrue(score.stdout.contains("\"accuracy\": 0.6666666666666666"), score.stdout)
        let metrics = try write("m.json", score.stdout)
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: roc_auc, min: 0.5}\n")
        let r = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics, "--no-github"])
        // Issue 16, bug 5: blocked by the gate (exit 1), not refused as bad input (exit 2).
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("metric roc_auc is null at \(metrics):"), r.stdout)
        XCTAssertTrue(r.stdout.contains(": undefined, so treated as missing (on_missing_metric: fail)"), r.stdout)
        XCTAssertEqual(r.stderr, "")
        // on_missing_metric decides, as for a metric that is not there.
        let lenient = try write("skip.yaml", "version: 1\ngates:\n  - {metric: roc_auc, min: 0.5, on_missing_metric: skip}\n")
        XCTAssertEqual(try TestSupport.runBinary(["evaluate", "--config", lenient, "--metrics", metrics, "--no-github"]).exit, 0)
    }

    /// Profile's undefined shares follow the same contract as score's.
    func testProfileNullShareBlocksAGate() throws {
        let data = try write("one-class.csv", "y,x\na,1\na,2\n")
        let profile = try TestSupport.runBinary(["profile", "--data", data, "--label", "y"])
        XCTAssertEqual(profile.exit, 0, profile.stderr)
        XCTAssertTrue(profile.stdout.contains("\"minority_class_share\": null"), profile.stdout)
        let metrics = try write("profile.json", profile.stdout)
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: data.minority_class_share, min: 0.05}\n")
        let r = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics, "--no-github"])
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("is null at \(metrics):"), r.stdout)
    }

    func testRegressionAndMulticlassFromTheCommandLine() throws {
        let regression = try TestSupport.runBinary([
            "score", "--predictions", "Tests/Fixtures/score/regression/predictions.csv",
            "--task", "regression", "--label", "y", "--prediction", "yhat"
        ])
        XCTAssertEqual(regression.exit, 0, regression.stderr)
        for key in ["\"mae\"", "\"rmse\"", "\"r2\"", "\"mape\"", "\"max_error\""] { XCTAssertTrue(regression.stdout.contains(key), key) }
        let multiclass = try TestSupport.runBinary([
            "score", "--predictions", "Tests/Fixtures/score/multiclass_proba/predictions.csv",
            "--proba-prefix", "prob_"
        ])
        XCTAssertEqual(multiclass.exit, 0, multiclass.stderr)
        XCTAssertTrue(multiclass.stdout.contains("\"per_class\""), multiclass.stdout)
        XCTAssertTrue(multiclass.stdout.contains("\"f1_macro\""), multiclass.stdout)
    }

    func testBootstrapIsReproducibleAndBracketsTheEstimate() throws {
        let args = ["score", "--predictions", binaryFixture, "--score", "p", "--bootstrap", "200", "--seed", "7"]
        let a = try TestSupport.runBinary(args)
        let b = try TestSupport.runBinary(args)
        XCTAssertEqual(a.exit, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout, "same seed, same intervals")
        let other = try TestSupport.runBinary(args.dropLast() + ["8"])
        XCTAssertNotEqual(a.stdout, other.stdout, "another seed, other resamples")
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any] ?? [:]
        let accuracy = try XCTUnwrap(json["accuracy"] as? Double)
        let ci = try XCTUnwrap(json["accuracy_ci"] as? [String: Double])
        XCTAssertLessThan(try XCTUnwrap(ci["low"]), accuracy)
        XCTAssertGreaterThan(try XCTUnwrap(ci["high"]), accuracy)
    }

    func testProfileFeedsDataReadinessGates() throws {
        let data = try write(
            "train.csv", "id,y,x,ts\n1,a,,2026-11-01\n2,b,3,2026-11-20T23:30:00-02:00\n2,b,3,2026-11-20T23:30:00-02:00\n3,a,4,\n")
        let r = try TestSupport.runBinary(
            ["profile", "--data", data, "--label", "y", "--timestamp", "ts"], environment: ["QGATE_TODAY": "2026-11-24"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let d = try XCTUnwrap(json["data"] as? [String: Any])
        XCTAssertEqual(d["rows"] as? Double, 4)
        XCTAssertEqual(d["duplicate_row_share"] as? Double, 0.25)
        XCTAssertEqual(d["missing_share"] as? Double, 0.25)
        XCTAssertEqual(d["minority_class_share"] as? Double, 0.5)
        XCTAssertEqual(d["age_days"] as? Double, 3, "23:30 at -02:00 is 01:30 UTC on the 21st")
    }

    func testReviewFindingsStayFixed() throws {
        // One comparable group is not "no disparity": the spreads are null.
        // Column h: x holds every positive, y every negative — no TPR or FPR to compare.
        let oneGroup = try write("one-group.csv", "y,p,g,h\n1,0.9,a,x\n0,0.2,a,y\n1,0.7,b,x\n0,0.6,a,y\n")
        let f = try TestSupport.runBinary(["score", "--predictions", oneGroup, "--score", "p", "--group", "g", "--group", "h"])
        XCTAssertEqual(f.exit, 0, f.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(f.stdout.utf8)) as? [String: Any])
        let byColumn = try XCTUnwrap(json["fairness"] as? [String: Any])
        let h = try XCTUnwrap(byColumn["h"] as? [String: Any])
        XCTAssertTrue(h["equal_opportunity_difference"] is NSNull, h.description)
        XCTAssertTrue(h["equalized_odds_difference"] is NSNull, h.description)
        let g = try XCTUnwrap(byColumn["g"] as? [String: Any])
        XCTAssertEqual(g["equal_opportunity_difference"] as? Double, 0, "a and b both have positives, both TPR 1")
        XCTAssertTrue(g["equalized_odds_difference"] is Double, "the TPR spread is defined even though only a has negatives")
        // An overflowing error is null (not a NaN string evaluate would refuse); one row has no R².
        let huge = try write("huge.csv", "y,yhat,g\n1e200,-1e200,a\n1,2,b\n2,2,b\n")
        let r = try TestSupport.runBinary(["score", "--predictions", huge, "--task", "regression", "--prediction", "yhat", "--group", "g"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"mse\": null"), r.stdout)
        XCTAssertFalse(r.stdout.contains("NaN"), r.stdout)
        let groups = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["groups"] as? [String: Any])
        XCTAssertTrue(((groups["g"] as? [String: Any])?["a"] as? [String: Any])?["r2"] is NSNull)
        // A report written to a link to a device goes to the device; the link stays.
        let link = dir + "/out-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        let w = try TestSupport.runBinary(["score", "--predictions", oneGroup, "--score", "p", "--output", link])
        XCTAssertEqual(w.exit, 0, w.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "/dev/null")
    }

    func testProfileRefusesToCallNothingReady() throws {
        let oneClass = try write("one-class.csv", "x,y\n1,a\n2,a\n")
        let r = try TestSupport.runBinary(["profile", "--data", oneClass, "--label", "y"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"minority_class_share\": null"), r.stdout)
        let empty = try write("empty.csv", "x,y\n")
        let e = try TestSupport.runBinary(["profile", "--data", empty])
        XCTAssertEqual(e.exit, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("\"missing_share\": null"), e.stdout)
        XCTAssertTrue(e.stdout.contains("\"duplicate_row_share\": null"), e.stdout)
        // A day ahead is clock skew (age 0); more is refused (see the bad-input catalogue).
        let tomorrow = try write("tomorrow.csv", "ts\n2026-11-25T01:00:00Z\n")
        let t = try TestSupport.runBinary(["profile", "--data", tomorrow, "--timestamp", "ts"], environment: ["QGATE_TODAY": "2026-11-24"])
        XCTAssertEqual(t.exit, 0, t.stderr)
        XCTAssertTrue(t.stdout.contains("\"age_days\": 0"), t.stdout)
    }

    func testHelpListsEveryOptionAndTheMetrics() throws {
        let help = try TestSupport.runBinary(["--help"])
        XCTAssertTrue(help.stdout.contains("  score "), help.stdout)
        XCTAssertTrue(help.stdout.contains("  profile "), help.stdout)
        let score = try TestSupport.runBinary(["score", "--help"])
        XCTAssertEqual(score.exit, 0)
        for option in [
            "--predictions", "--task", "--label", "--score", "--prediction", "--proba-prefix", "--positive", "--threshold",
            "--group", "--latency", "--calibration-bins", "--bootstrap", "--seed", "--confidence", "--output", "EXIT CODES"
        ] {
            XCTAssertTrue(score.stdout.contains(option), option)
        }
        XCTAssertTrue(score.stdout.contains("equalized_odds_difference"), score.stdout)
        let profile = try TestSupport.runBinary(["profile", "--help"])
        for option in ["--data", "--label", "--timestamp", "--output", "duplicate_row_share", "age_days"] {
            XCTAssertTrue(profile.stdout.contains(option), option)
        }
    }
}
