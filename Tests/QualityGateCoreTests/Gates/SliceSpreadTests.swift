import XCTest

@testable import QualityGateCore

/// `max_spread` on a pattern gate: one result for the gate, the gap between its
/// best and worst judged slice, naming both.
final class SliceSpreadTests: XCTestCase {
    func evaluate(_ yaml: String, _ json: String) throws -> Evaluation {
        let policy = try PolicyLoader.parse(Array(("version: 1\ngates:\n" + yaml).utf8), file: "p.yaml", today: 20_000)
        let metrics = try MetricsLoader.parse(Array(json.utf8), file: "m.json")
        return try GateEvaluator.evaluate(policy, metrics: metrics, baseline: nil, options: .init(today: 20_000))
    }

    let groups = #"""
        {"groups": {"region": {"eu": {"n": 500, "recall": 0.81}, "us": {"n": 12, "recall": 0.2},
                               "apac": {"n": 300, "recall": 0.69}}}}
        """#

    func testOneResultForTheGateNamingBestAndWorstSlice() throws {
        let e = try evaluate(
            "  - name: fairness\n    metric: groups.region.*.recall\n    min: 0.5\n    max_spread: 0.1\n    min_count: 30\n", groups)
        XCTAssertEqual(
            e.results.map(\.gate.displayName), ["fairness[apac]", "fairness[eu]", "fairness[us]", "fairness"])
        XCTAssertEqual(e.results.map(\.kind), [.min, .min, .min, .maxSpread])
        XCTAssertEqual(e.results.map(\.status), [.passed, .passed, .skipped, .failed])
        let spread = e.results[3]
        XCTAssertEqual(spread.value, 0.81 - 0.69)
        XCTAssertEqual(spread.spread, SliceSpread(best: .init(name: "eu", value: 0.81), worst: .init(name: "apac", value: 0.69), judged: 2))
        XCTAssertEqual(spread.reason, .aboveBound)
        XCTAssertEqual(
            spread.message(.human), "groups.region.*.recall spread 0.12 > max_spread 0.1 (over by 0.02); best eu 0.81, worst apac 0.69")
        XCTAssertEqual(e.blockingGateCount, 1)
        XCTAssertFalse(e.releaseAllowed)
        let explain = ExplainReport.render(e)
        XCTAssertTrue(explain.contains("rule:     value <= 0.1\n"), explain)
        XCTAssertTrue(explain.contains("numbers:  eu 0.81 - apac 0.69 = 0.12 <= 0.1 → false\n"), explain)
    }

    func testWithinTheBoundPassesWhateverTheDirection() throws {
        for direction in ["higher", "lower"] {
            let e = try evaluate(
                "  - metric: groups.region.*.recall\n    direction: \(direction)\n    max_spread: 0.12\n    min_count: 30\n", groups)
            XCTAssertEqual(e.results.map(\.status), [.passed], direction)
            let s = try XCTUnwrap(e.results[0].spread)
            // Lower is better: the best slice is the lowest.
            XCTAssertEqual([s.best.name, s.worst.name], direction == "higher" ? ["eu", "apac"] : ["apac", "eu"])
        }
        // Without min_count the small slice counts: 0.81 - 0.2.
        let all = try evaluate("  - metric: groups.region.*.recall\n    max_spread: 0.12\n", groups)
        XCTAssertEqual(all.results.map(\.status), [.failed])
        XCTAssertEqual(all.results[0].spread?.worst.name, "us")
    }

    func testFewerThanTwoJudgedSlicesFollowOnMissingMetric() throws {
        let yaml = "  - metric: groups.region.*.recall\n    max_spread: 0.1\n    min_count: 400\n"
        let e = try evaluate(yaml, groups)
        XCTAssertEqual(e.results.map(\.status), [.failed])
        XCTAssertEqual(e.results[0].reason, .tooFewSlices)
        XCTAssertEqual(
            e.results[0].message,
            "max_spread needs at least two judged slices of groups.region.*.recall, found 1 (on_missing_metric: fail)")
        XCTAssertFalse(e.releaseAllowed)
        let skip = try evaluate(yaml + "    on_missing_metric: skip\n", groups)
        XCTAssertEqual(skip.results.map(\.status), [.skipped])
        // No slice at all: the pattern is a missing metric, as for every condition.
        let none = try evaluate("  - metric: groups.country.*.recall\n    max_spread: 0.1\n", groups)
        XCTAssertEqual(none.results.map(\.reason), [.missingMetric])
    }

    func testANullSliceFailsClosed() throws {
        let json = #"{"groups": {"r": {"a": {"recall": 0.8}, "b": {"recall": null}, "c": {"recall": 0.8}}}}"#
        let e = try evaluate("  - metric: groups.r.*.recall\n    max_spread: 0.1\n", json)
        XCTAssertEqual(e.results.map(\.status), [.failed])
        XCTAssertEqual(e.results[0].reason, .undefinedMetric)
    }

    func testHostileSliceNamesStayData() throws {
        let json = ###"{"groups": {"r": {"::error::x": {"recall": 0.1}, "a\nb": {"recall": 0.9}}}}"###
        let e = try evaluate("  - metric: groups.r.*.recall\n    max_spread: 0.1\n", json)
        XCTAssertEqual(e.results.map(\.status), [.failed])
        for line in GitHubAnnotations.render(e).split(separator: "\n") {
            XCTAssertTrue(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "), String(line))
        }
        XCTAssertFalse(TextReport.render(e).contains("a\nb"))
        for line in MarkdownReport.render(e).split(separator: "\n") { XCTAssertFalse(line.hasPrefix("::"), String(line)) }
        let json2 = JSONReport.render(e, exitCode: 1)
        let compact = json2.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        XCTAssertTrue(compact.contains(#""best": {"slice": "a\nb","value": 0.9}"#), json2)
        XCTAssertTrue(JUnitReport.render(e, timestamp: 0).contains("max_spread"))
    }

    func testPolicyErrors() throws {
        func errors(_ yaml: String) -> String {
            do {
                _ = try PolicyLoader.parse(Array(("version: 1\ngates:\n" + yaml).utf8), file: "p.yaml", today: 20_000)
                return ""
            } catch { return "\(error)" }
        }
        XCTAssertTrue(
            errors("  - metric: recall\n    max_spread: 0.1\n").contains(
                "p.yaml:4:5: error: `max_spread` needs a pattern metric with a `*` segment, found `recall`"),
            errors("  - metric: recall\n    max_spread: 0.1\n"))
        XCTAssertTrue(
            errors("  - metric: a.*.recall\n    max_spread: -0.1\n").contains("`max_spread` is a tolerance and cannot be negative"))
        // A spread is not an upper bound on a value: `min` above it is no contradiction, to the loader or the lint.
        XCTAssertEqual(errors("  - metric: a.*.recall\n    min: 0.8\n    max_spread: 0.05\n"), "")
        let policy = try PolicyLoader.parse(
            Array("version: 1\ngates:\n  - metric: a.*.recall\n    min: 0.8\n    max_spread: 0.05\n".utf8), file: "p.yaml", today: 20_000)
        XCTAssertEqual(PolicyLint.run(policy, baselines: [:], known: nil, today: 20_000).map(\.rule), [])
    }
}
