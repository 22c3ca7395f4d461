import XCTest

@testable import QualityGateCore

final class MetricsLoaderTests: XCTestCase {
    func load(_ text: String, file: String = "m.json") throws -> MetricSet {
        try MetricsLoader.parse(Array(text.utf8), file: file)
    }

    func number(_ set: MetricSet, _ name: String) -> Double? {
        if case .number(let d)? = set[name]?.value { return d }
        return nil
    }

    func testNestedObjectsFlattenToDottedPaths() throws {
        let set = try load(#"{"accuracy": 0.93, "latency": {"p95_ms": 110, "p99": {"ms": 200}}, "a.b": 5}"#)
        XCTAssertEqual(number(set, "accuracy"), 0.93)
        XCTAssertEqual(number(set, "latency.p95_ms"), 110)
        XCTAssertEqual(number(set, "latency.p99.ms"), 200)
        XCTAssertEqual(number(set, "a.b"), 5)
        XCTAssertEqual(set["latency"]?.value, .notANumber("an object"))
        XCTAssertEqual(set["latency.p95_ms"]?.location, SourceLocation(file: "m.json", line: 1, column: 42))
    }

    func testDottedAndNestedCollisionIsAnError() {
        XCTAssertThrowsError(try load("{\"a\": {\"b\": 1},\n \"a.b\": 2}")) { error in
            let e = error as? MetricsError
            XCTAssertEqual(e?.message, "metric `a.b` is defined twice (first at m.json:1:13)")
        }
    }

    func testYAMLMetrics() throws {
        let set = try load("accuracy: 0.9\nlatency:\n  p95_ms: 100\n", file: "m.yaml")
        XCTAssertEqual(number(set, "latency.p95_ms"), 100)
    }

    func testMergingSeveralFilesAndConflicts() throws {
        var merged = try load(#"{"a": 1}"#, file: "one.json")
        try merged.merge(try load(#"{"b": 2}"#, file: "two.json"))
        XCTAssertEqual(merged.files, ["one.json", "two.json"])
        XCTAssertEqual(number(merged, "b"), 2)
        // The hint naming `--metrics` is the command line's: FlagHintsTests.testAMetricInTwoFiles.
        XCTAssertThrowsError(try merged.merge(try load(#"{"b": 3}"#, file: "three.json"))) { error in
            XCTAssertEqual((error as? MetricsError)?.kind, "metricInTwoFiles")
        }
    }

    func testTopLevelMustBeAnObject() {
        XCTAssertThrowsError(try load("[1, 2]")) { error in
            XCTAssertEqual(
                (error as? MetricsError)?.message,
                "a metrics file must hold a JSON object of names to numbers, found an array")
        }
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try MetricsLoader.load(path: "/nonexistent/metrics.json")) { error in
            XCTAssertEqual((error as? FileError)?.kind, .notFound)
            XCTAssertEqual((error as? FileError)?.message, "cannot read `/nonexistent/metrics.json`: No such file or directory")
        }
        XCTAssertThrowsError(try MetricsLoader.load(path: "/tmp")) { error in
            XCTAssertEqual((error as? FileError)?.kind, .isDirectory)
        }
    }
}

extension MetricsLoaderTests {
    func testOverlongFlattenedNamesAreRefused() {
        let key = String(repeating: "k", count: 600)
        XCTAssertThrowsError(try load("{\"\(key)\": {\"\(key)\": 1}}")) { error in
            XCTAssertEqual((error as? MetricsError)?.message, "metric name longer than 1024 bytes")
        }
    }

    /// A one-line flow mapping of 20,000 entries (what json.dump writes to a .yml)
    /// must stay linear: column lookups used to rescan the whole line.
    func testLongOneLineYAMLParses() throws {
        let text = "{" + (0..<20_000).map { "m\($0): \($0)" }.joined(separator: ", ") + ", é: 1}"
        let set = try load(text, file: "m.yaml")
        XCTAssertEqual(set.count, 20_001)
        // The metric points at its value, the `1` before the closing brace.
        XCTAssertEqual(set["é"]?.location.column, Array(text.unicodeScalars).count - 1)
    }
}
