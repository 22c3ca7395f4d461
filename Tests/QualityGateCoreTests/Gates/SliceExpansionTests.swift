import XCTest

@testable import QualityGateCore

final class SliceExpansionTests: XCTestCase {
    func evaluate(_ yaml: String, _ json: String, baseline: String? = nil) throws -> Evaluation {
        let policy = try PolicyLoader.parse(Array(("version: 1\ngates:\n" + yaml).utf8), file: "p.yaml", today: 20_000)
        let metrics = try MetricsLoader.parse(Array(json.utf8), file: "m.json")
        let base = try baseline.map { try MetricsLoader.parse(Array($0.utf8), file: "b.json") }
        return try GateEvaluator.evaluate(policy, metrics: metrics, baseline: base, options: .init(today: 20_000))
    }

    let groups = #"""
        {"groups": {"region": {"eu": {"n": 500, "recall": 0.81}, "us": {"n": 12, "recall": 0.2},
                               "apac": {"n": 300, "recall": 0.69}}}}
        """#

    func testPatternMatchesExactlyOneSegment() {
        let p = MetricPattern("groups.region.*.recall")!
        XCTAssertEqual(p.slice(of: "groups.region.eu.recall"), "eu")
        XCTAssertNil(p.slice(of: "groups.region.eu.x.recall"))
        XCTAssertNil(p.slice(of: "groups.region..recall"))
        XCTAssertNil(p.slice(of: "groups.region.recall"))
        XCTAssertNil(p.slice(of: "groups.sex.eu.recall"))
        XCTAssertEqual(p.countMetric(slice: "eu"), "groups.region.eu.n")
        XCTAssertNil(MetricPattern("groups.region.eu.recall"))
        XCTAssertEqual(MetricPattern("*.recall")?.slice(of: "a.recall"), "a")
        XCTAssertEqual(MetricPattern("latency.*")?.slice(of: "latency.p95_ms"), "p95_ms")
    }

    func testOneResultPerSliceNamedBySlice() throws {
        let e = try evaluate("  - metric: groups.region.*.recall\n    min: 0.7\n", groups)
        XCTAssertEqual(
            e.results.map(\.gate.displayName), ["groups.region.*.recall[apac]", "groups.region.*.recall[eu]", "groups.region.*.recall[us]"])
        XCTAssertEqual(e.results.map(\.status), [.failed, .passed, .failed])
        XCTAssertEqual(e.results.map(\.gateIndex), [0, 0, 0])
        XCTAssertEqual(e.blockingGateCount, 1)
        XCTAssertEqual(e.results[0].message, "groups.region.apac.recall 0.69 < min 0.7 (short by 0.01)")
    }

    func testMinCountSkipsSmallSliceVisibly() throws {
        let e = try evaluate("  - name: recall by region\n    metric: groups.region.*.recall\n    min: 0.7\n    min_count: 30\n", groups)
        XCTAssertEqual(e.results.map(\.gate.displayName), ["recall by region[apac]", "recall by region[eu]", "recall by region[us]"])
        XCTAssertEqual(e.results.map(\.status), [.failed, .passed, .skipped])
        XCTAssertEqual(e.results[2].message, "skipped: n = 12 < min_count 30 (groups.region.us.n)")
        XCTAssertEqual(e.results[2].reason, .sliceTooSmall)
    }

    func testMissingCountFailsClosed() throws {
        let json = #"{"groups": {"region": {"eu": {"recall": 0.9}, "us": {"n": "many", "recall": 0.9}}}}"#
        let e = try evaluate("  - metric: groups.region.*.recall\n    min: 0.7\n    min_count: 30\n", json)
        XCTAssertEqual(e.results.map(\.status), [.failed, .failed])
        XCTAssertEqual(
            e.results[0].message,
            "slice count groups.region.eu.n for min_count is missing or not a finite number (on_missing_metric: fail)")
        XCTAssertFalse(e.releaseAllowed)
        let skip = try evaluate("  - metric: groups.region.*.recall\n    min: 0.7\n    min_count: 30\n    on_missing_metric: skip\n", json)
        XCTAssertEqual(skip.results.map(\.status), [.skipped, .skipped])
    }

    func testEmptyMatchSetFollowsOnMissingMetric() throws {
        let e = try evaluate("  - metric: groups.country.*.recall\n    min: 0.7\n", groups)
        XCTAssertEqual(e.results.map(\.status), [.failed])
        XCTAssertEqual(e.results[0].message, "no metric matches the pattern groups.country.*.recall in m.json (on_missing_metric: fail)")
        XCTAssertFalse(e.releaseAllowed)
        let warn = try evaluate("  - metric: groups.country.*.recall\n    min: 0.7\n    on_missing_metric: warn\n", groups)
        XCTAssertEqual(warn.results.map(\.severity), [.warning])
    }

    func testRelativeConditionComparesSameSliceOfBaseline() throws {
        let base = #"{"groups": {"region": {"eu": {"n": 500, "recall": 0.80}, "apac": {"n": 300, "recall": 0.80}}}}"#
        let e = try evaluate(
            "  - metric: groups.region.*.recall\n    max_regression: 0.05\n    on_missing_baseline: fail\n", groups, baseline: base)
        XCTAssertEqual(e.results.map(\.gate.slice?.value), ["apac", "eu", "us"])
        XCTAssertEqual(e.results.map(\.status), [.failed, .passed, .failed])
        XCTAssertEqual(e.results.map(\.baseline), [0.8, 0.8, nil])
        XCTAssertEqual(e.results[2].reason, .missingBaseline)
    }

    func testHostileSliceNamesStayData() throws {
        let json = ###"{"groups": {"r": {"::error::x": {"recall": 0.1}, "##[warning]y%0A": {"recall": 0.1}, "a\nb": {"recall": 0.1}}}}"###
        let e = try evaluate("  - metric: groups.r.*.recall\n    min: 0.7\n", json)
        XCTAssertEqual(e.results.count, 3)
        let annotations = GitHubAnnotations.render(e)
        for line in annotations.split(separator: "\n") {
            XCTAssertTrue(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "), String(line))
        }
        XCTAssertFalse(annotations.contains("\n::error::x"))
        let text = TextReport.render(e)
        XCTAssertFalse(text.contains("a\nb"))
        for line in MarkdownReport.render(e).split(separator: "\n") { XCTAssertFalse(line.hasPrefix("::"), String(line)) }
        let junit = JUnitReport.render(e, timestamp: 0)
        XCTAssertTrue(junit.contains("groups.r.*.recall[::error::x]"))
        let json2 = JSONReport.render(e, exitCode: 1)
        XCTAssertTrue(json2.contains(#""slice": "a\nb""#))
    }

    func testPolicyErrors() throws {
        func errors(_ yaml: String) -> String {
            do {
                _ = try PolicyLoader.parse(Array(("version: 1\ngates:\n" + yaml).utf8), file: "p.yaml", today: 20_000)
                return ""
            } catch { return "\(error)" }
        }
        XCTAssertTrue(errors("  - metric: groups.**.recall\n    min: 1\n").contains("uses `**`"))
        XCTAssertTrue(errors("  - metric: groups.re*.recall\n    min: 1\n").contains("`*` inside the segment"))
        XCTAssertTrue(errors("  - metric: groups.*.*.recall\n    min: 1\n").contains("more than one `*`"))
        XCTAssertTrue(errors("  - metric: recall\n    min: 1\n    min_count: 30\n").contains("`min_count` needs a pattern metric"))
        XCTAssertTrue(errors("  - metric: a.*.recall\n    min: 1\n    min_count: 0\n").contains("`min_count` must be a whole number"))
        XCTAssertTrue(errors("  - metric: a.*.recall\n    min: 1\n    min_cont: 3\n").contains("min_count"))
    }
}
