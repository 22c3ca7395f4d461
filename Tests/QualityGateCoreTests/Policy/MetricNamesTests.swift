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
}
