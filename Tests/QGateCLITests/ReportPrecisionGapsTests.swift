import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// `--precision N` where it was missing (drift, `baseline history --stats`,
/// synth-test), and the rule that a value just past its bound never prints
/// equal to it, through the real binary.
final class ReportPrecisionGapsTests: TemporaryDirectoryTestCase {
    /// Evaluate: 0.2000004 against `max: 0.2` shows its seventh digit, not "0.2 > max 0.2".
    func testEvaluateShowsAValueJustPastItsBound() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: psi, max: 0.2, direction: lower}\n")
        let metrics = try write("m.json", #"{"psi": 0.2000004}"#)
        let r = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics, "--no-github"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("psi 0.2000004 > max 0.2"), r.stdout)
        XCTAssertFalse(r.stdout.contains("psi 0.2 > max 0.2"), r.stdout)
    }

    func testDriftTakesPrecision() throws {
        let ref = TestSupport.packageRoot + "/Examples/sentiment/drift/reference.csv"
        let cur = TestSupport.packageRoot + "/Examples/sentiment/drift/current.csv"
        let json = try TestSupport.runBinary(
            ["drift", "--reference", ref, "--current", cur, "--format", "json", "--no-github"], directory: dir)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let columns = try XCTUnwrap(object["columns"] as? [[String: Any]])
        let statistic = try XCTUnwrap(columns.compactMap { $0["statistic"] as? Double }.first { $0 > 0 && $0 != $0.rounded() })
        for (digits, expected) in [
            (2, NumberFormatting.rounded(statistic, significantDigits: 2)), (8, NumberFormatting.rounded(statistic, significantDigits: 8))
        ] {
            let r = try TestSupport.runBinary(
                ["drift", "--reference", ref, "--current", cur, "--no-github", "--precision", String(digits)], directory: dir)
            XCTAssertTrue(r.stdout.contains(" \(expected) "), "\(digits): \(expected)\n" + r.stdout)
        }
    }

    /// The drift statistic and its threshold: a threshold equal to the statistic's
    /// 4-digit rounding (what the report printed before) is exceeded, and says so.
    func testDriftStatisticJustAboveTheThreshold() throws {
        let ref = TestSupport.packageRoot + "/Examples/sentiment/drift/reference.csv"
        let cur = TestSupport.packageRoot + "/Examples/sentiment/drift/current.csv"
        let json = try TestSupport.runBinary(
            ["drift", "--reference", ref, "--current", cur, "--format", "json", "--no-github"], directory: dir)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let columns = try XCTUnwrap(object["columns"] as? [[String: Any]])
        let (name, statistic, threshold) = try XCTUnwrap(
            columns.lazy.compactMap { c -> (String, Double, Double)? in
                guard let s = c["statistic"] as? Double, let name = c["name"] as? String, s > 0 else { return nil }
                let t = Double(NumberFormatting.rounded(s, significantDigits: 4))!
                return t < s ? (name, s, t) : nil
            }.first)
        let r = try TestSupport.runBinary(
            [
                "drift", "--reference", ref, "--current", cur, "--no-github", "--threshold", NumberFormatting.exact(threshold),
                "--precision", "4"
            ],
            directory: dir)
        let shown = ReportPrecision(significantDigits: 4).number(statistic, against: threshold)
        XCTAssertGreaterThan(Double(shown)!, threshold)
        XCTAssertTrue(r.stdout.contains(" \(shown)  "), r.stdout)  // its table cell
        XCTAssertTrue(r.stdout.contains("psi \(shown)") && r.stdout.contains(name), r.stdout)  // the verdict line
        let bound = NumberFormatting.exact(threshold)
        for equal in ["psi \(bound) (", "psi \(bound))", " \(bound)  "] {
            XCTAssertFalse(r.stdout.contains(equal), equal + "\n" + r.stdout)
        }
    }

    func testReleaseStatisticsTakePrecision() throws {
        let store = dir + "/store"
        for (version, accuracy) in [("1", "0.9"), ("2", "0.9123456789")] {
            let m = try write("m\(version).json", #"{"accuracy": \#(accuracy)}"#)
            let r = try TestSupport.runBinary(
                ["baseline", "promote", "--model", "m", "--store", store, "--metrics", m, "--version", version], directory: dir)
            XCTAssertEqual(r.exit, 0, r.stderr)
        }
        let six = try TestSupport.runBinary(["baseline", "history", "--model", "m", "--store", store, "--stats"], directory: dir)
        XCTAssertEqual(six.exit, 0, six.stderr)
        XCTAssertTrue(six.stdout.contains("+0.0123457"), six.stdout)
        let two = try TestSupport.runBinary(
            ["baseline", "history", "--model", "m", "--store", store, "--stats", "--precision", "2"], directory: dir)
        XCTAssertTrue(two.stdout.contains("+0.012 "), two.stdout)
    }

    /// The range a condition is already held to is computed (here from the baseline): it follows `--precision`.
    func testSynthTestTakesPrecision() throws {
        let policy = try write("p.yaml", "version: 1\ngates:\n  - {metric: acc, min: 0.5, max_regression: 0.0123456789}\n")
        let baseline = try write("b.json", #"{"acc": 0.9}"#)
        let held = "acc min 0.5 never decides alone with this baseline: acc is already held to"
        let six = try TestSupport.runBinary(["synth-test", "--config", policy, "--baseline", baseline], directory: dir)
        XCTAssertEqual(six.exit, 0, six.stderr)
        XCTAssertTrue(six.stdout.contains("\(held) [0.887654, Infinity]"), six.stdout)
        let three = try TestSupport.runBinary(
            ["synth-test", "--config", policy, "--baseline", baseline, "--precision", "3"], directory: dir)
        XCTAssertTrue(three.stdout.contains("\(held) [0.888, Infinity]"), three.stdout)
        let json = try TestSupport.runBinary(["synth-test", "--config", policy, "--baseline", baseline, "--format", "json"], directory: dir)
        XCTAssertTrue(json.stdout.contains("\(held) [0.8876543211, Infinity]"), json.stdout)
    }
}
