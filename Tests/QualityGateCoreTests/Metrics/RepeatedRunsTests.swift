import XCTest

@testable import QualityGateCore

/// `--aggregate`: repeated runs of one candidate become one metric set, failing
/// closed on runs that do not line up, and the spread across runs is a standard
/// error the gate's limits hold like any claim.
final class RepeatedRunsTests: XCTestCase {
    func run(_ text: String, _ file: String) throws -> MetricSet { try MetricsLoader.parse(Array(text.utf8), file: file) }

    func policy(_ gates: String) throws -> Policy {
        try PolicyLoader.parse(Array(("version: 1\ngates:\n" + gates).utf8), file: "p.yaml", today: 20_000)
    }

    func combine(_ runs: [MetricSet], _ method: AggregateMethod, policy: Policy? = nil) throws -> MetricSet {
        let gated = GatedMetrics(try policy ?? self.policy("  - metric: acc\n    min: 0.5\n"))
        return try RepeatedRuns.combine(runs, method: method) { try gated.worstFor($0) }
    }

    /// What a metrics or evaluation error says: its kind, message and position.
    struct Thrown {
        var kind: ErrorKind
        var message: String
        var location: SourceLocation?
    }

    func error(_ body: () throws -> Void) -> Thrown? {
        do {
            try body()
            return nil
        } catch let e as MetricsError {
            return Thrown(kind: e.kind, message: e.message, location: e.location)
        } catch let e as EvaluationError {
            return Thrown(kind: e.kind, message: e.message, location: e.location)
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testEachMethodAndTheSpread() throws {
        let runs = try [0.90, 0.94, 0.91, 0.93].enumerated().map { try run("{\"acc\": \($1)}", "s\($0 + 1).json") }
        func value(_ m: AggregateMethod) throws -> Double? {
            if case .number(let d)? = try combine(runs, m)["acc"]?.value { return d }
            return nil
        }
        XCTAssertEqual(try value(.median), 0.91 / 2 + 0.93 / 2)
        XCTAssertEqual(try value(.mean)!, 0.92, accuracy: 1e-15)
        XCTAssertEqual(try value(.min), 0.90)
        XCTAssertEqual(try value(.max), 0.94)
        XCTAssertEqual(try value(.pessimistic), 0.90)  // `min` judges it: higher is better, the lowest run is the worst
        let spread = try XCTUnwrap(try combine(runs, .median)["acc"]?.runs)
        XCTAssertEqual(spread.runs, 4)
        XCTAssertEqual(spread.low, 0.90)
        XCTAssertEqual(spread.high, 0.94)
        // sample sd of 0.90 0.94 0.91 0.93 = √(0.001/3); stderr = sd/2
        XCTAssertEqual(spread.sd, (0.001 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(spread.stderr, (0.001 / 3).squareRoot() / 2, accuracy: 1e-15)
    }

    func testProvenanceListsEveryRun() throws {
        var a = try run(#"{"acc": 0.9}"#, "a.json")
        a.fileHashes = ["aa"]
        var b = try run(#"{"acc": 0.8}"#, "b.json")
        b.fileHashes = ["bb"]
        let m = try combine([a, b], .mean)
        XCTAssertEqual(m.files, ["a.json", "b.json"])
        XCTAssertEqual(m.fileHashes, ["aa", "bb"])
        XCTAssertEqual(m.aggregate, .mean)
    }

    func testTheSameRunTwiceIsAnError() throws {
        var a = try run(#"{"acc": 0.9}"#, "a.json")
        a.fileHashes = ["aa"]
        var b = try run(#"{"acc": 0.9}"#, "b.json")
        b.fileHashes = ["aa"]
        let e = error { _ = try combine([a, b], .median) }
        XCTAssertEqual(e?.kind, "sameRunTwice")
        XCTAssertEqual(e?.message, "the run `b.json` has the same bytes as the run `a.json` (same SHA-256): one run counted twice")
    }

    func testFewerThanTwoRunsIsAnError() throws {
        let e = error { _ = try combine([try run(#"{"acc": 0.9}"#, "a.json")], .median) }
        XCTAssertEqual(e?.kind, "tooFewRuns")
        XCTAssertEqual(e?.message, "aggregating repeated runs needs at least 2 metrics files, got 1")
    }

    func testAMetricMissingFromARunIsAnErrorAtTheMetricInTheRunThatHasIt() throws {
        let a = try run("{\"acc\": 0.9,\n \"f1\": 0.8}", "a.json")
        let b = try run(#"{"acc": 0.9}"#, "b.json")
        for runs in [[a, b], [b, a]] {
            let e = error { _ = try combine(runs, .median) }
            XCTAssertEqual(e?.kind, "metricMissingFromRun")
            XCTAssertEqual(e?.location?.description, "a.json:2:8")
            XCTAssertEqual(e?.message, "metric `f1` is missing from the run `b.json`")
        }
    }

    func testANonFiniteValueInAnyRunIsAnError() throws {
        let a = try run(#"{"acc": 0.9}"#, "a.json")
        let b = try run(#"{"acc": NaN}"#, "b.json")
        let e = error { _ = try combine([a, b], .max) }
        XCTAssertEqual(e?.kind, "nonFiniteRun")
        XCTAssertEqual(e?.location?.description, "b.json:1:9")
        XCTAssertEqual(e?.message, "metric `acc` is NaN in this run: repeated runs are aggregated only from finite numbers")
    }

    func testRunsThatDisagreeOnWhatAMetricIsAreAnError() throws {
        let a = try run(#"{"acc": 0.9}"#, "a.json")
        let b = try run(#"{"acc": null}"#, "b.json")
        let e = error { _ = try combine([a, b], .median) }
        XCTAssertEqual(e?.kind, "runsDisagreeOnKind")
        XCTAssertEqual(e?.message, "metric `acc` is null in this run but a number in the first run")
        // The same non-number in every run (a version string) is kept from the first run.
        let v = try combine(
            [try run(#"{"acc": 0.9, "version": "1"}"#, "a.json"), try run(#"{"acc": 0.8, "version": "2"}"#, "b.json")], .median)
        XCTAssertEqual(v["version"]?.value, .notANumber("a string"))
        XCTAssertNil(v["version"]?.runs)
    }

    func testPessimisticTakesTheWorstInEachGatesDirectionAndTheMedianOfUngatedMetrics() throws {
        let p = try policy("  - metric: loss\n    direction: lower\n    max_regression: 0.1\n  - metric: acc\n    max: 0.99\n")
        let runs = try [(0.2, 0.9, 10.0), (0.3, 0.8, 20.0), (0.25, 0.85, 30.0)].enumerated().map {
            try run("{\"loss\": \($1.0), \"acc\": \($1.1), \"n\": \($1.2)}", "s\($0).json")
        }
        let m = try combine(runs, .pessimistic, policy: p)
        XCTAssertEqual(m["loss"]?.value, .number(0.3))
        XCTAssertEqual(m["loss"]?.runs?.worstFor, .lower)
        XCTAssertEqual(m["acc"]?.value, .number(0.9))  // `max` judges it: the highest run is the worst
        XCTAssertEqual(m["n"]?.value, .number(20))
        XCTAssertNil(m["n"]?.runs?.worstFor)
    }

    func testPessimisticRefusesAMetricWithNoSingleWorstRun() throws {
        let runs = [try run(#"{"acc": 0.9}"#, "a.json"), try run(#"{"acc": 0.8}"#, "b.json")]
        let range = try policy("  - metric: acc\n    min: 0.5\n  - name: cap\n    metric: acc\n    max: 0.99\n")
        let e = error { _ = try combine(runs, .pessimistic, policy: range) }
        XCTAssertEqual(e?.kind, "pessimisticBothWays")
        XCTAssertEqual(e?.location?.description, "p.yaml:7:5")
        XCTAssertEqual(
            e?.message,
            "pessimistic aggregation has no single worst run of metric `acc`: this condition judges it the other way from `min` of gate `acc` at p.yaml:4:5, which takes the lowest run as the worst"
        )
        let delta = try policy("  - metric: acc\n    max_delta: 0.01\n")
        let d = error { _ = try combine(runs, .pessimistic, policy: delta) }
        XCTAssertEqual(d?.kind, "pessimisticTwoSided")
        XCTAssertEqual(d?.location?.description, "p.yaml:4:5")
        // The other methods need no direction.
        XCTAssertNoThrow(try combine(runs, .median, policy: delta))
    }

    /// The one rule for runs that carry their own uncertainty: it is not carried
    /// over; the aggregate's only uncertainty is the spread's standard error.
    func testTheRunsOwnUncertaintyIsReplacedByTheSpread() throws {
        let a = try run(#"{"acc": {"value": 0.9, "stderr": 0.4, "n": 10}}"#, "a.json")
        let b = try run(#"{"acc": {"value": 0.8, "stderr": 0.4, "n": 10}}"#, "b.json")
        let m = try combine([a, b], .mean)
        // sd of 0.9 and 0.8 = 0.1/√2; stderr = sd/√2 = 0.05
        XCTAssertEqual(m["acc"]?.uncertainty?.stderr ?? .nan, 0.05, accuracy: 1e-15)
        XCTAssertNil(m["acc"]?.uncertainty?.n)
    }

    /// The gated job could submit wildly different runs to inflate the spread and
    /// excuse a regression: the derived standard error is held to `max_stderr`.
    func testAnInflatedSpreadIsHeldToTheGatesLimits() throws {
        let runs = try [0.80, 0.95, 0.99].enumerated().map { try run("{\"acc\": \($1)}", "s\($0).json") }
        let baseline = try run(#"{"acc": 0.97}"#, "b.json")
        func status(maxStderr: Double) throws -> ConditionResult {
            let p = try policy("  - metric: acc\n    max_regression: 0.01\n    significance: 0.05\n    max_stderr: \(maxStderr)\n")
            let e = try GateEvaluator.evaluate(p, metrics: try combine(runs, .median, policy: p), baseline: baseline)
            return e.results[0]
        }
        // median 0.95 < 0.97 - 0.01; sd ≈ 0.0999, stderr ≈ 0.0577
        let strict = try status(maxStderr: 0.01)
        XCTAssertEqual(strict.status, .failed)
        XCTAssertEqual(strict.reason, .claimNotAccepted)
        XCTAssertEqual(strict.runs?.runs, 3)
        // With limits that believe it, the spread is as trusted as a claimed stderr: not significant, passed.
        let lax = try status(maxStderr: 0.1)
        XCTAssertEqual(lax.status, .passed)
        XCTAssertEqual(lax.significance?.method, .standardErrors)
    }

    /// As for a claimed stderr: a gate that bounds only `n` does not accept the spread (ClaimCheck).
    func testAGateThatBoundsOnlyTheSampleSizeDoesNotAcceptTheSpread() throws {
        let p = try policy("  - metric: acc\n    max_regression: 0.01\n    significance: 0.05\n    min_n: 1000\n")
        let runs = try [0.90, 0.95, 0.99].enumerated().map { try run("{\"acc\": {\"value\": \($1), \"n\": 5000}}", "s\($0).json") }
        let baseline = try run(#"{"acc": {"value": 0.97, "n": 5000}}"#, "b.json")
        let r = try GateEvaluator.evaluate(p, metrics: try combine(runs, .median, policy: p), baseline: baseline).results[0]
        XCTAssertEqual(r.status, .failed)
        XCTAssertEqual(r.reason, .claimNotAccepted)
        XCTAssertEqual(r.claims?.finding, .quantityNotBounded(.standardErrors))
    }

    /// Noise never earns a pass: a wide spread makes a required improvement harder to show.
    func testASpreadNeverEarnsARequiredImprovement() throws {
        let p = try policy("  - metric: acc\n    min_improvement: 0.01\n    significance: 0.05\n    max_stderr: 0.5\n")
        let baseline = try run(#"{"acc": 0.90}"#, "b.json")
        let steady = try [0.93, 0.931, 0.929].enumerated().map { try run("{\"acc\": \($1)}", "s\($0).json") }
        let wild = try [0.70, 0.93, 0.99].enumerated().map { try run("{\"acc\": \($1)}", "w\($0).json") }
        let good = try GateEvaluator.evaluate(p, metrics: try combine(steady, .median, policy: p), baseline: baseline)
        XCTAssertEqual(good.results[0].status, .passed)
        let noisy = try GateEvaluator.evaluate(p, metrics: try combine(wild, .median, policy: p), baseline: baseline)
        XCTAssertEqual(noisy.results[0].status, .failed)
        XCTAssertEqual(noisy.results[0].reason, .improvementNotShown)
    }
}
