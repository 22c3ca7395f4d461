import Foundation
import XCTest

@testable import QualityGateCore

/// JSON and YAML metrics go through one flattener: the same document means the
/// same metrics, and a bad one the same error at the same position, whichever
/// format it is written in.
final class MetricsTreeTests: XCTestCase {
    func load(_ text: String, file: String) throws -> MetricSet {
        try MetricsLoader.parse(Array(text.utf8), file: file)
    }

    /// What a loaded set says, format-neutral: one line per metric, or the error
    /// as `file:line:col: error: message` with the file name left out.
    func outcome(_ text: String, file: String) -> [String] {
        do {
            let set = try load(text, file: file)
            return set.names.map { name in
                let m = set[name]!
                let value: String
                switch m.value {
                case .number(let d): value = NumberFormatting.exact(d)
                case .undefined: value = "undefined"
                case .notANumber: value = "not a number"
                }
                let at = m.location
                return "\(name) = \(value) \(m.uncertainty.map { "\($0)" } ?? "") at \(at.line):\(at.column)"
            }
        } catch let e as MetricsError {
            let at = e.location.map { "\($0.line):\($0.column)" } ?? "?"
            // The file's name is the one thing the two formats may not share.
            return ["\(at): error: \(e.message)".replacingOccurrences(of: file, with: "FILE")]
        } catch {
            return ["\(error)"]
        }
    }

    /// One-line JSON documents are YAML flow mappings with the same columns.
    func testJSONAndYAMLFlattenAlike() {
        let documents = [
            #"{"accuracy": {"value": 0.9, "n": 5000}}"#,
            #"{"acc": {"value": 0.91, "n": 5000, "stderr": 0.004, "ci_low": 0.9, "ci_high": 0.92}, "lat": {"p95": 120}}"#,
            #"{"acc": {"value": 0.10, "n": 0.01}}"#,
            #"{"acc": {"value": 0.10, "stderr": 1.0}}"#,
            #"{"acc": {"value": 0.10, "ci_low": 0.94, "ci_high": 0.96}}"#,
            #"{"acc": {"value": null, "n": 50}}"#,
            #"{"acc": {"value": 0.1, "ci_low": 0.05}}"#,
            #"{"acc": 0.10, "acc_ci": {"low": 0.2, "high": 0.1}}"#,
            #"{"acc": 0.10, "acc_ci": {"low": 0.05, "high": 0.2}}"#,
            #"{"acc": 0.10, "acc_ci": {"low": null, "high": null}}"#,
            #"{"a": {"b": 1}, "a.b": 2}"#,
            #"{"a": null, "b": [1], "c": true, "d": {"value": 1, "other": 2}}"#
        ]
        for json in documents {
            let fromJSON = outcome(json, file: "m.json")
            let fromYAML = outcome(json, file: "m.yaml")
            XCTAssertEqual(fromJSON, fromYAML, json)
            XCTAssertFalse(fromJSON.isEmpty, json)
        }
    }

    /// Issue 16, bug 3: the nested uncertainty form was "a mapping, not a number" in YAML.
    func testYAMLReadsTheNestedUncertaintyForm() throws {
        let set = try load("accuracy:\n  value: 0.9\n  n: 5000\n", file: "m.yaml")
        XCTAssertEqual(set["accuracy"]?.value, .number(0.9))
        XCTAssertEqual(set["accuracy"]?.uncertainty, Uncertainty(n: 5000))
        XCTAssertEqual(set["accuracy.n"]?.value, .number(5000))
        // Checked like JSON's, at the offending key's value.
        XCTAssertThrowsError(try load("accuracy:\n  value: 0.9\n  n: 0.5\n", file: "m.yaml")) { error in
            XCTAssertEqual(
                (error as? MetricsError)?.description,
                "m.yaml:3:6: error: `n` of metric `accuracy` is 0.5: a sample size must be a whole number >= 1 — write the number of examples the metric was computed on, e.g. \"n\": 5000"
            )
        }
        XCTAssertThrowsError(try load("accuracy:\n  value: 0.9\n  stderr: ~\n", file: "m.yaml")) { error in
            XCTAssertEqual((error as? MetricsError)?.description, "m.yaml:3:11: error: `stderr` of metric `accuracy` is null, not a number")
        }
    }

    /// Null is an undefined value in both formats (YAML's `~` and empty too).
    func testNullIsUndefined() throws {
        XCTAssertEqual(try load(#"{"auc": null}"#, file: "m.json")["auc"]?.value, .undefined)
        let yaml = try load("a: null\nb: ~\nc:\n", file: "m.yaml")
        XCTAssertEqual(yaml["a"]?.value, .undefined)
        XCTAssertEqual(yaml["b"]?.value, .undefined)
        XCTAssertEqual(yaml["c"]?.value, .undefined)
    }

    /// `qgate score --bootstrap` writes both ends null when no resample defined
    /// the metric: no interval, not an input error.
    func testNullIntervalSiblingsAreNoInterval() throws {
        let set = try load(#"{"roc_auc": 0.8, "roc_auc_ci": {"low": null, "high": null}}"#, file: "m.json")
        XCTAssertEqual(set["roc_auc"]?.value, .number(0.8))
        XCTAssertNil(set["roc_auc"]?.uncertainty)
    }

    func testNonStringYAMLKeysAreRefused() {
        XCTAssertThrowsError(try load("a:\n  true: 1\n", file: "m.yaml")) { error in
            XCTAssertEqual((error as? MetricsError)?.message, "metric names must be strings, found a boolean (true)")
        }
    }
}
