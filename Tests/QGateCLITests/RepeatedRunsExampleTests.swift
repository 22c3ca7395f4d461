import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// Examples/repeated-runs end to end (`--aggregate`), and what several
/// `--metrics` files mean without it: a gated metric in two files is an error,
/// an ungated one is not.
final class RepeatedRunsExampleTests: TemporaryDirectoryTestCase {
    let example = "Examples/repeated-runs/"

    func evaluate(_ seeds: [String], _ extra: [String]) -> TestSupport.Result {
        TestSupport.run(
            ["evaluate", "--config", example + "quality-gates.yaml", "--baseline", example + "baseline.json"]
                + seeds.flatMap { ["--metrics", example + $0] } + extra)
    }

    let seeds = ["seed1.json", "seed2.json", "seed3.json"]

    func testTheMedianOfThreeSeedsPasses() {
        let r = evaluate(seeds, ["--aggregate", "median", "--explain"])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssert(r.stdout.contains("metrics aggregated: median of 3 runs"), r.stdout)
        for seed in seeds { XCTAssert(r.stdout.contains("metrics \(example)\(seed) (sha256 "), r.stdout) }
        XCTAssert(r.stdout.contains("→ value: median of 3 runs: range 0.914 … 0.921, sd 0.00351188, stderr 0.00202759"), r.stdout)
        XCTAssert(
            r.stdout.contains("  runs:     median of 3 runs, range 0.914 … 0.921; stderr = sd / √k = 0.00351188 / √3 = 0.00202759"),
            r.stdout)
    }

    func testPessimisticTakesTheWorstSeedAndItsRegressionIsNotSignificant() throws {
        let r = evaluate(seeds, ["--aggregate", "pessimistic", "--format", "json"])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let conditions = try XCTUnwrap(json["conditions"] as? [[String: Any]])
        let regression = try XCTUnwrap(conditions.first { $0["kind"] as? String == "max_regression" })
        XCTAssertEqual(regression["value"] as? Double, 0.914)
        XCTAssertEqual(regression["status"] as? String, "passed")
        let aggregate = try XCTUnwrap(regression["aggregate"] as? [String: Any])
        XCTAssertEqual(aggregate["method"] as? String, "pessimistic")
        XCTAssertEqual(aggregate["worst_for"] as? String, "higher")
        XCTAssertEqual(aggregate["runs"] as? Double, 3)
        let loss = try XCTUnwrap(conditions.first { $0["metric"] as? String == "eval_loss" })
        XCTAssertEqual(loss["value"] as? Double, 0.236)
        let provenance = try XCTUnwrap(json["provenance"] as? [String: Any])
        XCTAssertEqual((provenance["metrics"] as? [Any])?.count, 3)
        XCTAssertEqual((provenance["aggregate"] as? [String: Any])?["method"] as? String, "pessimistic")
    }

    /// A run that inflates the spread does not buy an excuse: its standard error is beyond `max_stderr`.
    func testAWildSeedDoesNotExcuseTheRegression() {
        let r = evaluate(seeds + ["seed-wild.json"], ["--aggregate", "median"])
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        XCTAssert(
            r.stdout.contains(
                "accuracy 0.916 vs baseline 0.922: worse by 0.006, allowed 0.005; the uncertainty of the spread across 4 runs not accepted (candidate stderr 0.029451584564 > max_stderr 0.004), so noise cannot excuse the regression"
            ), r.stdout)
    }

    func testOtherReportFormatsSayTheValueIsAnAggregate() {
        let md = evaluate(seeds, ["--aggregate", "mean", "--format", "markdown"])
        XCTAssertEqual(md.exit, 0, md.stderr)
        XCTAssert(md.stdout.contains("(value: mean of 3 runs: range 0.914 … 0.921"), md.stdout)
        let junit = evaluate(seeds, ["--aggregate", "mean", "--format", "junit"])
        XCTAssertEqual(junit.exit, 0, junit.stderr)
        XCTAssert(junit.stdout.contains("<property name=\"metrics.aggregate\" value=\"metrics aggregated: mean of 3 runs"), junit.stdout)
        XCTAssert(junit.stdout.contains("<system-out>value: mean of 3 runs: range 0.914 … 0.921"), junit.stdout)
    }

    func testOneRunIsNotAnAggregate() {
        let r = evaluate(["seed1.json"], ["--aggregate", "median"])
        XCTAssertEqual(r.exit, 2)
        XCTAssert(
            r.stderr.contains(
                "error: aggregating repeated runs needs at least 2 metrics files, got 1 — pass --metrics once per run (at least 2), or drop --aggregate"
            ), r.stderr)
    }

    /// Without `--aggregate` the seeds merge: the gated `accuracy` in two files is an error.
    func testWithoutAggregateAGatedMetricInTwoFilesStaysAnError() {
        let r = evaluate(seeds, [])
        XCTAssertEqual(r.exit, 2)
        XCTAssert(
            r.stderr.contains("\(example)seed2.json:1:34: error: metric `accuracy` is defined twice (first at \(example)seed1.json:1:34)"),
            r.stderr)
    }

    /// Issue 19: an ungated key both files share (`n`) is not an error; the first file's value is kept. Exit 2 before.
    func testAnUngatedMetricInTwoFilesIsNotAnError() throws {
        let policy = try write(
            "p.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n  - metric: latency_ms\n    direction: lower\n    max: 200\n"
        )
        let a = try write("a.json", #"{"accuracy": 0.93, "n": 5000}"#)
        let b = try write("b.json", #"{"latency_ms": 120, "n": 4000}"#)
        let r = TestSupport.run(["evaluate", "--config", policy, "--metrics", a, "--metrics", b, "--format", "json"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["conditions"] as? [Any])?.count, 2)
        XCTAssertNil((json["provenance"] as? [String: Any])?["aggregate"])
    }

    /// A `…_ci.low`/`…_ci.high` sibling is the interval of a gated metric: two
    /// files that both claim it are ambiguous, not "first file wins".
    func testAGatedMetricsIntervalInTwoFilesStaysAnError() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n")
        let a = try write("a.json", #"{"accuracy": 0.93, "accuracy_ci": {"low": 0.92, "high": 0.94}}"#)
        let b = try write("b.json", #"{"latency_ms": 120, "accuracy_ci": {"low": 0.5, "high": 0.99}}"#)
        let r = TestSupport.run(["evaluate", "--config", policy, "--metrics", a, "--metrics", b])
        XCTAssertEqual(r.exit, 2, r.stdout + r.stderr)
        XCTAssert(r.stderr.contains("`accuracy_ci.low` is defined twice"), r.stderr)
    }

    /// `review` reads its inputs as `evaluate` does, `--aggregate` included.
    func testReviewAggregatesToo() {
        let r = TestSupport.run(
            ["review", "--config", example + "quality-gates.yaml", "--baseline", example + "baseline.json", "--aggregate", "median"]
                + seeds.flatMap { ["--metrics", example + $0] })
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssert(r.stdout.contains("metrics aggregated: median of 3 runs"), r.stdout)
        XCTAssert(r.stdout.contains("accuracy max_regression: accuracy 0.918 vs baseline 0.922"), r.stdout)
    }
}
