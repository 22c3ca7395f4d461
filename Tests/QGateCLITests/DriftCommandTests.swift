import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate drift` through the real binary: the Example, triggers, histograms,
/// bad CSVs with positions, CI outputs.
final class DriftCommandTests: TemporaryDirectoryTestCase {
    let ref = "Examples/sentiment/drift/reference.csv"
    let cur = "Examples/sentiment/drift/current.csv"
    func testExampleTriggersRetraining() throws {
        let r = try TestSupport.runBinary(["drift", "--reference", ref, "--current", cur])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(
            r.stdout.contains("RETRAIN: 2 of 5 columns drifted (40% ≥ 40%): text_length (psi 0.502474), source (psi 0.922344)"), r.stdout)
        try TestSupport.assertGolden(r.stdout, "drift-example.txt")
    }

    func testNewRowsDriveTheVolumeTriggerAndTheQuietReasonSaysHowClose() throws {
        // Drift judged on the current file, volume on --new-rows (everything since training).
        let quiet = try TestSupport.runBinary([
            "drift", "--reference", ref, "--current", ref, "--min-new-rows-fraction", "1.5", "--new-rows", "5999"
        ])
        XCTAssertEqual(quiet.exit, 0, quiet.stdout)
        XCTAssertTrue(
            quiet.stdout.contains(
                "no retraining needed: 0 of 5 columns drifted (0% < 40%); largest psi 0 (text_length); volume 5999 of 6000 rows"),
            quiet.stdout)
        let due = try TestSupport.runBinary([
            "drift", "--reference", ref, "--current", ref, "--min-new-rows-fraction", "1.5", "--new-rows", "6000"
        ])
        XCTAssertEqual(due.exit, 1, due.stdout)
        XCTAssertTrue(due.stdout.contains("RETRAIN: volume: 6000 new rows ≥ 150% of 4000 reference rows"), due.stdout)
        let json = try TestSupport.runBinary(["drift", "--reference", ref, "--current", ref, "--new-rows", "6000", "--format", "json"])
        XCTAssertTrue(json.stdout.contains("\"new_rows\": 6000"), json.stdout)
        let bad = try TestSupport.runBinary(["drift", "--reference", ref, "--current", ref, "--new-rows", "-1"])
        XCTAssertEqual(bad.exit, 2)
        XCTAssertTrue(bad.stderr.contains("invalid value '-1' for '--new-rows'"), bad.stderr)
    }

    func testNoDriftAgainstItselfAndTheVolumeTrigger() throws {
        let same = try TestSupport.runBinary(["drift", "--reference", ref, "--current", ref, "--min-new-rows-fraction", "2"])
        XCTAssertEqual(same.exit, 0, same.stdout)
        XCTAssertTrue(same.stdout.contains("no retraining needed: 0 of 5 columns drifted (0% < 40%)"), same.stdout)
        let volume = try TestSupport.runBinary(["drift", "--reference", ref, "--current", ref, "--min-new-rows-fraction", "0.9"])
        XCTAssertEqual(volume.exit, 1)
        XCTAssertTrue(volume.stdout.contains("RETRAIN: volume: 4000 new rows ≥ 90% of 4000 reference rows"), volume.stdout)
    }

    func testFlagsOverrideThePolicy() throws {
        let r = try TestSupport.runBinary([
            "drift", "--reference", ref, "--current", cur, "--method", "js", "--threshold", "0.3",
            "--columns", "text_length,source", "--format", "json"
        ])
        XCTAssertEqual(r.exit, 0, r.stdout)
        let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(d?["method"] as? String, "js")
        XCTAssertEqual((d?["columns"] as? [[String: Any]])?.map { $0["name"] as? String }, ["text_length", "source"])
    }

    func testHistogramsEmittedAndJudgedGiveTheSameVerdict() throws {
        let hist = dir + "/ref.hist.json"
        let emit = try TestSupport.runBinary(["drift", "--reference", ref, "--emit-histograms", hist])
        XCTAssertEqual(emit.exit, 0, emit.stderr)
        let viaHistogram = try TestSupport.runBinary(["drift", "--reference", hist, "--current", cur, "--format", "json"])
        let direct = try TestSupport.runBinary(["drift", "--reference", ref, "--current", cur, "--format", "json"])
        XCTAssertEqual(viaHistogram.exit, 1)
        func psis(_ s: String) throws -> [Double?] {
            ((try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])?["columns"] as? [[String: Any]] ?? []).map {
                $0["psi"] as? Double
            }
        }
        XCTAssertEqual(try psis(viaHistogram.stdout), try psis(direct.stdout))
        // A current histogram binned differently is refused.
        let bad = try write(
            "cur.hist.json",
            #"{"schema": "qgate.histograms/v1", "rows": 10, "columns": {"text_length": {"type": "numeric", "edges": [1, 2], "counts": [3, 3, 4], "missing": 0}}}"#
        )
        let refused = try TestSupport.runBinary(["drift", "--reference", hist, "--current", bad])
        XCTAssertEqual(refused.exit, 2)
        XCTAssertTrue(
            refused.stderr.hasPrefix("error: column `text_length` in `\(bad)` is not binned with the reference's edges"), refused.stderr)
    }

    func testBadCSVsNameFileLineAndColumn() throws {
        let cases: [(String, String)] = [
            (
                "a,b\n1,\"open\n2,3\n",
                "unterminated.csv:2:3: error: unterminated quoted field — close the quote; a quote inside a field is written as \"\""
            ),
            ("a,b\n1,2\n3\n", "short.csv:3:2: error: row has 1 field, the header has 2 — quote fields that contain commas"),
            (
                "a,b\n1,x\"y\n",
                "quote.csv:2:4: error: quote inside an unquoted field — quote the field and double the quote: \"a \"\"b\"\"\""
            ),
            ("a,b\n1,\"x\"y\n", "after.csv:2:6: error: unexpected text after a closing quote — quote the whole field"),
            ("a,a\n1,2\n", "dup.csv:1:3: error: duplicate column `a` in the header — give every column a distinct name"),
            ("", "empty.csv` is empty: a CSV file needs a header row")
        ]
        for (text, message) in cases {
            let name = String(message.prefix { $0 != ":" && $0 != "`" })
            let path = try write(name, text)
            // A policy without a drift section: these CSVs do not have the Example's columns.
            let r = try TestSupport.runBinary([
                "drift", "--config", "Tests/Fixtures/bad/ok-policy.yaml", "--reference", path, "--current", ref
            ])
            XCTAssertEqual(r.exit, 2, name)
            XCTAssertTrue(r.stderr.contains(message), "\(name): \(r.stderr)")
        }
        let missing = try TestSupport.runBinary(["drift", "--reference", dir + "/nope.csv", "--current", cur])
        XCTAssertEqual(missing.exit, 2)
        let usage = try TestSupport.runBinary(["drift", "--reference", ref])
        XCTAssertEqual(
            usage.stderr,
            "error: missing '--current FILE' — pass the production data, or --emit-histograms FILE\nSee 'qgate drift --help'.\n")
        for (flag, value) in [("--threshold", "-1"), ("--threshold", "0"), ("--min-new-rows-fraction", "0"), ("--bins", "1")] {
            let r = try TestSupport.runBinary(["drift", "--reference", ref, "--current", cur, flag, value])
            XCTAssertEqual(r.exit, 2, "\(flag) \(value)")
        }
    }

    func testRFC4180QuotingCRLFAndBOM() throws {
        let refPath = try write("r.csv", "\u{FEFF}name,\"v\"\r\n\"a, \"\"quoted\"\"\r\nline\",1\r\nb,2\r\n")
        let curPath = try write("c.csv", "name,v\n\"a, \"\"quoted\"\"\r\nline\",1\nb,2\n")
        let r = try TestSupport.runBinary([
            "drift", "--config", "Tests/Fixtures/bad/ok-policy.yaml", "--reference", refPath, "--current", curPath, "--format", "json"
        ])
        XCTAssertEqual(r.exit, 0, r.stderr + r.stdout)
        let cols = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["columns"] as? [[String: Any]]
        XCTAssertEqual(cols?.map { $0["name"] as? String }, ["name", "v"])
        XCTAssertEqual(cols?.first?["psi"] as? Double, 0)
    }

    func testGitHubOutputsAndPrometheus() throws {
        let output = dir + "/out.txt"
        let summary = dir + "/summary.md"
        let r = try TestSupport.runBinary(
            ["drift", "--reference", ref, "--current", cur, "--output", "prometheus=\(dir)/drift.prom"],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary])
        XCTAssertEqual(r.exit, 1)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), ["drift_detected=true", "retrain=true"])
        XCTAssertTrue(lines[2].hasPrefix("drifted_columns<<ghadelimiter_"))
        XCTAssertEqual(Array(lines.dropFirst(3)), ["text_length", "source", String(lines[2].dropFirst("drifted_columns<<".count))])
        XCTAssertTrue(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix("## 🔁 qgate drift: RETRAIN: 2 of 5 columns drifted"))
        let prom = try String(contentsOfFile: dir + "/drift.prom", encoding: .utf8)
        XCTAssertTrue(prom.contains(#"qgate_drift_statistic{model="sentiment-classifier",column="text_length",method="psi"} 0.502"#), prom)
        XCTAssertTrue(prom.contains(#"qgate_retrain_triggered{model="sentiment-classifier"} 1"#), prom)
    }

    /// As `evaluate` does: a failed push (or $GITHUB_OUTPUT) after the decision
    /// leaves no report, no output and no summary from a run that exits 2.
    func testAFailedPushPublishesNoDecision() throws {
        let output = dir + "/github-output"
        let summary = dir + "/summary.md"
        let report = dir + "/drift.json"
        let r = try TestSupport.runBinary(
            [
                "drift", "--reference", ref, "--current", ref, "--pushgateway", "http://127.0.0.1:1",
                "--output", "json=" + report
            ],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary])
        XCTAssertEqual(r.exit, 2, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertFalse(FileManager.default.fileExists(atPath: summary))
        XCTAssertFalse(FileManager.default.fileExists(atPath: report))
        let failedOutput = try TestSupport.runBinary(
            ["drift", "--reference", ref, "--current", ref, "--output", "json=" + report],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": dir + "/no-such-dir/out"])
        XCTAssertEqual(failedOutput.exit, 2, failedOutput.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: report))
    }
}
