import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate review` on the Example: Go, Conditional Go and No-Go, against golden files.
final class ReviewCommandTests: XCTestCase {
    let example = "Examples/sentiment/"

    func review(_ metrics: String, _ extra: [String] = []) throws -> TestSupport.Result {
        try TestSupport.runBinary(["review", "--metrics", metrics, "--baseline", example + "baseline.json"] + extra)
    }

    /// The elapsed time is the only line that changes between runs.
    func stable(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Elapsed: ") ? "Elapsed: <ELAPSED>" : String($0) }.joined(separator: "\n")
    }

    func testGo() throws {
        let r = try review("Tests/Fixtures/review/go-metrics.json")
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Recommendation: Go — every assessed stage passed."))
        try TestSupport.assertGolden(stable(r.stdout), "review-go.txt")
    }

    func testConditionalGo() throws {
        let r = try review(example + "metrics.json")
        XCTAssertEqual(r.exit, 0)
        XCTAssertTrue(r.stdout.contains("Recommendation: Conditional Go — review: p95-latency"), r.stdout)
        try TestSupport.assertGolden(stable(r.stdout), "review-conditional-go.txt")
        XCTAssertEqual(try review(example + "metrics.json", ["--fail-on-warning"]).exit, 1)
    }

    /// `--format html` and `--output html=FILE`: the same page, one golden per recommendation.
    func testHTMLPageForEveryRecommendation() throws {
        let dir = NSTemporaryDirectory() + "qgate-review-html-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases = [
            ("go", "Tests/Fixtures/review/go-metrics.json", Int32(0)), ("conditional-go", example + "metrics.json", 0),
            ("no-go", example + "metrics-blocked.json", 1)
        ]
        for (name, metrics, exit) in cases {
            let r = try review(metrics, ["--format", "html", "--output", "html=\(dir)/\(name).html"])
            XCTAssertEqual(r.exit, exit, r.stderr)
            try TestSupport.assertGolden(r.stdout, "review/\(name).html")
            XCTAssertEqual(try String(contentsOfFile: "\(dir)/\(name).html", encoding: .utf8), r.stdout)
            XCTAssertEqual(HTMLMarkupCheck.foreign(r.stdout), [])
        }
    }

    func testNoGoWritesMarkdownAndText() throws {
        let dir = NSTemporaryDirectory() + "qgate-review-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try review(example + "metrics-blocked.json", ["--output-dir", dir])
        XCTAssertEqual(r.exit, 1)
        XCTAssertTrue(r.stdout.contains("Recommendation: No-Go — failed: Model performance, Responsible AI."), r.stdout)
        try TestSupport.assertGolden(stable(r.stdout), "review-no-go.txt")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(files.count, 2)
        XCTAssertTrue(files[0].hasPrefix("review-sentiment-classifier-") && files[0].hasSuffix(".md"), files[0])
        XCTAssertTrue(files[1].hasSuffix(".txt"))
        let md = try String(contentsOfFile: dir + "/" + files[0], encoding: .utf8)
        XCTAssertTrue(md.contains("| Responsible AI | Fail |"), md)
        try TestSupport.assertGolden(stable(md), "review-no-go.md")
    }

    func testStagesWithoutGatesAreNotAssessed() throws {
        let policy = NSTemporaryDirectory() + "qgate-review-policy-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try "version: 1\nmodel: m\ngates:\n  - {metric: accuracy, min: 0.9, stage: model-performance, owner: me}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let r = try TestSupport.runBinary(["review", "--config", policy, "--metrics", example + "metrics.json"])
        XCTAssertEqual(r.exit, 0)
        XCTAssertTrue(r.stdout.contains("Data readiness          │ Not assessed │ —"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Model performance       │ Pass         │ —"), r.stdout)
    }

    func testWaivedCriticalFailureIsConditionalAndFollowsQGATE_TODAY() throws {
        let policy = NSTemporaryDirectory() + "qgate-review-waiver-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try
            "version: 1\nmodel: m\ngates:\n  - {metric: precision, min: 0.9, stage: model-performance, waiver: {reason: label noise, until: 2026-12-31}}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let args = ["review", "--config", policy, "--metrics", example + "metrics-blocked.json"]
        let valid = try TestSupport.runBinary(args, environment: ["QGATE_TODAY": "2026-12-01"])
        XCTAssertEqual(valid.exit, 0, valid.stdout)
        XCTAssertTrue(valid.stdout.contains("Model performance       │ Conditional"), valid.stdout)
        XCTAssertTrue(valid.stdout.contains("Recommendation: Conditional Go — review: precision"), valid.stdout)
        let expired = try TestSupport.runBinary(args, environment: ["QGATE_TODAY": "2027-01-02"])
        XCTAssertEqual(expired.exit, 1)
        XCTAssertTrue(expired.stdout.contains("Recommendation: No-Go — failed: Model performance."), expired.stdout)
        let fow = try TestSupport.runBinary([
            "review", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json", "--fail-on-warning"
        ])
        XCTAssertTrue(fow.stdout.contains("Recommendation: No-Go — failed: Deployment & monitoring."), fow.stdout)
    }

    /// No gate has a `stage:`: every stage is Not assessed, and the review says so instead of Go (exit 0, as `evaluate`).
    func testNoStageAssessedIsConditionalGo() throws {
        let r = try TestSupport.runBinary([
            "review", "--config", "Tests/Fixtures/review/no-stage.yaml", "--metrics", example + "metrics.json", "--baseline",
            example + "baseline.json"
        ])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\nRecommendation: Conditional Go — no stage was assessed.\n"), r.stdout)
        try TestSupport.assertGolden(stable(r.stdout), "review-no-stage.txt")
    }

    /// `--format json`: schema qgate.review/v1 at full precision; the exit code is the text review's.
    func testJSONFormat() throws {
        let r = try review(example + "metrics.json", ["--format", "json"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "qgate.review/v1")
        XCTAssertEqual(object["recommendation"] as? String, "conditional_go")
        XCTAssertEqual((object["stages"] as? [Any])?.count, 7)
        try TestSupport.assertGolden(
            r.stdout.replacingOccurrences(of: "\"qgate_version\": \"0.1.0\"", with: "\"qgate_version\": \"<VERSION>\""),
            "review-conditional-go.json")
        let blocked = try review(example + "metrics-blocked.json", ["--format", "json"])
        XCTAssertEqual(blocked.exit, 1)
        XCTAssertTrue(blocked.stdout.contains("\"recommendation\": \"no_go\""), blocked.stdout)
        let none = try TestSupport.runBinary([
            "review", "--config", "Tests/Fixtures/review/no-stage.yaml", "--metrics", example + "metrics.json", "--format", "json"
        ])
        XCTAssertEqual(none.exit, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("\"no_stage_assessed\": true"), none.stdout)
    }
}
