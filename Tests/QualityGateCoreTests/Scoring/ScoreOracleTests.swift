import Foundation
import XCTest

@testable import QualityGateCore

/// `qgate score` and `qgate profile` against the scikit-learn / numpy / pandas
/// oracle (dev/score_oracle.py, committed in Tests/Fixtures/score and
/// Tests/Fixtures/profile): the same metric names, nulls where sklearn has no
/// value, and every number within 1e-12 (relative above 1).
final class ScoreOracleTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func cases(_ area: String) throws -> [String] {
        let dir = fixtures + "/" + area
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            FileManager.default.fileExists(atPath: dir + "/" + $0 + "/expected.json")
        }.sorted()
    }

    static func object(_ path: String) throws -> [(String, JSONValue)] {
        guard case .object(let members) = try JSON.parse(try FileSystem.readBytes(path), file: path).kind else { return [] }
        return members.map { ($0.key, $0.value) }
    }

    /// Compares a computed metric list with an oracle's flat name → value object.
    func compare(_ metrics: MetricList, _ expectedPath: String, _ name: String) throws {
        let expected = try Self.object(expectedPath)
        let computed = Dictionary(metrics.entries.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(computed.count, metrics.entries.count, "\(name): duplicate metric names")
        XCTAssertEqual(
            Set(computed.keys), Set(expected.map(\.0)),
            "\(name): only qgate \(Set(computed.keys).subtracting(expected.map(\.0)).sorted()), only oracle \(Set(expected.map(\.0)).subtracting(computed.keys).sorted())"
        )
        for (key, value) in expected {
            guard let ours = computed[key] else { continue }
            switch (ours, value.kind) {
            case (nil, .null): break
            case (let x?, .number(let y)):
                XCTAssertLessThanOrEqual(abs(x - y), 1e-12 * max(1, abs(y)), "\(name) \(key): \(x) vs oracle \(y)")
            default:
                XCTFail("\(name) \(key): \(String(describing: ours)) vs oracle \(value.kindDescription)")
            }
        }
    }

    func testScoreAgreesWithScikitLearn() throws {
        let cases = try Self.cases("score")
        XCTAssertGreaterThanOrEqual(cases.count, 13)
        for name in cases {
            let dir = Self.fixtures + "/score/" + name
            var o = ScoreOptions()
            for (key, value) in try Self.object(dir + "/options.json") {
                let text: String? = if case .string(let s) = value.kind { s } else { nil }
                let number: Double? = if case .number(let d) = value.kind { d } else { nil }
                switch key {
                case "task": o.task = text.flatMap(ScoreOptions.Task.init(rawValue:))
                case "label": o.label = text ?? "y"
                case "score": o.score = text
                case "prediction": o.prediction = text
                case "proba_prefix": o.probabilityPrefix = text
                case "groups":
                    if case .array(let items) = value.kind {
                        o.groups = items.compactMap { if case .string(let s) = $0.kind { s } else { nil } }
                    }
                case "latency": o.latency = text
                case "positive": o.positive = text ?? "1"
                case "threshold": o.threshold = number ?? 0.5
                case "calibration_bins": o.calibrationBins = Int(number ?? 10)
                case "bootstrap": o.bootstrap = Int(number ?? 0)
                case "seed": o.seed = UInt64(number ?? 0)
                case "confidence": o.confidence = number ?? 0.95
                default: XCTFail("\(name): unknown option \(key)")
                }
            }
            try compare(try ScoreRequest(path: dir + "/predictions.csv", options: o).run(), dir + "/expected.json", name)
        }
    }

    func testProfileAgreesWithPandas() throws {
        let cases = try Self.cases("profile")
        XCTAssertGreaterThanOrEqual(cases.count, 4)
        for name in cases {
            let dir = Self.fixtures + "/profile/" + name
            var label: String?
            var timestamp: String?
            var today = 0
            for (key, value) in try Self.object(dir + "/options.json") {
                guard case .string(let s) = value.kind else { continue }
                switch key {
                case "label": label = s
                case "timestamp": timestamp = s
                case "today": today = Clock.days(fromISODate: s) ?? 0
                default: XCTFail("\(name): unknown option \(key)")
                }
            }
            try compare(
                try ProfileRequest(path: dir + "/data.csv", label: label, timestamp: timestamp, today: today).run(),
                dir + "/expected.json", name)
        }
    }
}
