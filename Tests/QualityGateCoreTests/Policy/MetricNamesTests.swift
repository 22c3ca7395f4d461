import XCTest

@testable import QualityGateCore

/// What a metric's name says about its direction: one reading, shared by
/// `qgate init`, the policy loader and the lint.
final class MetricNamesTests: XCTestCase {
    /// ASCII names take a byte path; a trailing `·` (not a letter or digit, so
    /// no word of its own) sends the same name through the `Character` path.
    func testASCIINamesSplitAsTheCharacterPathSplitsThem() {
        var state: UInt64 = 7
        let alphabet = Array("aZ9_.-B xQM1Lm")
        for _ in 0..<5000 {
            var name = ""
            for _ in 0..<Int(state % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1
            XCTAssertEqual(MetricNames.words(name), MetricNames.words(name + "\u{B7}"), name)
        }
    }

    func testWordsSplitAtPunctuationAndCamelCase() {
        XCTAssertEqual(MetricNames.words("latency.p95_ms"), ["latency", "p95", "ms"])
        XCTAssertEqual(MetricNames.words("p95LatencyMs"), ["p95", "latency", "ms"])
        XCTAssertEqual(MetricNames.words("HTTPLatency"), ["http", "latency"])
        XCTAssertEqual(MetricNames.words("F1Score"), ["f1", "score"])
        XCTAssertEqual(MetricNames.words("roc-auc"), ["roc", "auc"])
        XCTAssertEqual(MetricNames.words(""), [])
    }

    func testDirectionWords() {
        for name in [
            "eval_loss", "error_rate", "latency.p99_ms", "ece", "brier_score", "train_time", "mape", "valLoss", "accuracy_gap",
            "time_to_accuracy"
        ] {
            XCTAssertTrue(MetricNames.looksLowerIsBetter(name), name)
            XCTAssertEqual(MetricNames.suggestedDirection(name), .lower, name)
        }
        for name in ["accuracy", "f1", "roc_auc", "precision", "recall", "throughput", "coverage", "valAcc"] {
            XCTAssertFalse(MetricNames.looksLowerIsBetter(name), name)
            XCTAssertEqual(MetricNames.suggestedDirection(name), .higher, name)
        }
        for name in ["timeliness_score", "uptime", "score", "n", "lossless"] {
            XCTAssertNil(MetricNames.suggestedDirection(name), name)
        }
    }

    /// The words are looked up among those of their length, not hashed: every
    /// word of both sets, each with a letter more or less, and the names of a
    /// generated policy read as the sets themselves say.
    func testDirectionWordsAgreeWithTheSets() {
        func expected(_ name: String) -> Direction? {
            let w = MetricNames.words(name)
            if w.contains(where: MetricNames.lowerIsBetterWords.contains) { return .lower }
            return w.contains(where: MetricNames.higherIsBetterWords.contains) ? .higher : nil
        }
        let words = MetricNames.lowerIsBetterWords.union(MetricNames.higherIsBetterWords)
        var names = words.flatMap { [$0, $0 + "x", String($0.dropLast()), "x_" + $0, "a.\($0).b"] }
        names += ["", "x", "aaaaaaaaaaaaaaaaaaaaaaaaaaa", "suite_35.task_23.throughput_qps", "group_c.recall_192", "é_loss"]
        for name in names {
            XCTAssertEqual(MetricNames.suggestedDirection(name), expected(name), name)
            XCTAssertEqual(MetricNames.looksLowerIsBetter(name), expected(name) == .lower, name)
        }
    }
}
