import XCTest

@testable import QualityGateCore

/// What a metric's name says about its direction: one reading, shared by
/// `qgate init`, the policy loader and the lint.
final class MetricNamesTests: XCTestCase {
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
