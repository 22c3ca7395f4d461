import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate profile --config`: the policy's `data:` checks through the real
/// binary — the example, exit codes, reports, GitHub outputs, `--config` rules.
/// The example's numbers agree with dev/data_checks_oracle.py (Python's csv module):
/// 600 rows, age 2 days on 2026-11-30, income missing 35/600, churners 92/600.
final class ProfileChecksCommandTests: TemporaryDirectoryTestCase {
    let data = "Examples/data-validation/customers.csv"
    let policy = "Examples/data-validation/quality-gates.yaml"
    let today = ["QGATE_TODAY": "2026-11-30"]

    func profile(_ extra: [String], environment: [String: String] = [:]) throws -> TestSupport.Result {
        try TestSupport.runBinary(
            ["profile", "--data", data, "--label", "churned", "--timestamp", "signup_date"] + extra,
            environment: today.merging(environment) { $1 })
    }

    func writePolicy(_ data: String) throws -> String {
        try write("policy.yaml", "version: 1\n" + data + "gates:\n  - metric: data.rows\n    min: 1\n")
    }

    func testTheExamplePassesAndKeepsWritingTheMetrics() throws {
        let metrics = dir + "/data-metrics.json"
        let r = try profile(["--config", policy, "--output", metrics])
        XCTAssertEqual(r.exit, 0, r.stderr + r.stdout)
        try TestSupport.assertGolden(r.stdout, "profile/data-checks.txt")
        XCTAssertTrue(
            r.stdout.contains("data.column.income.missing_share 0.058333333333333334 ≤ 0.1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("min_class_share  "), r.stdout)
        XCTAssertTrue(r.stdout.contains("data.minority_class_share 0.15333333333333332 ≥ 0.1"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("PASSED: all 5 data checks passed\n"), r.stdout)
        let written = try String(contentsOfFile: metrics, encoding: .utf8)
        XCTAssertTrue(written.contains("\"rows\": 600"), written)
        XCTAssertTrue(written.contains("\"age_days\": 2"), written)
    }

    func testACriticalFailureBlocksAndAWarningDoesNot() throws {
        let stale = try profile(["--config", policy], environment: ["QGATE_TODAY": "2026-12-06"])
        XCTAssertEqual(stale.exit, 1, stale.stdout)
        XCTAssertTrue(stale.stdout.contains("✗  max_age_days"), stale.stdout)
        XCTAssertTrue(stale.stdout.contains("data.age_days 8 > 7"), stale.stdout)
        XCTAssertTrue(stale.stdout.hasSuffix("BLOCKED: 1 of 5 data checks failed (critical): max_age_days\n"), stale.stdout)
        XCTAssertFalse(stale.stdout.contains("\"data\""), "no metrics on stdout with checks")
        let warning = try writePolicy("data:\n  max_age_days: 7\n  severity: warning\n")
        let warned = try profile(["--config", warning], environment: ["QGATE_TODAY": "2026-12-06"])
        XCTAssertEqual(warned.exit, 0, warned.stdout)
        XCTAssertTrue(warned.stdout.hasSuffix("PASSED with warnings: 1 of 1 data check failed (warning): max_age_days\n"), warned.stdout)
    }

    func testAnUnmeasuredCheckFailsClosed() throws {
        let path = try writePolicy("data:\n  max_age_days: 7\n  min_class_share: 0.1\n")
        let r = try TestSupport.runBinary(["profile", "--data", data, "--config", path], environment: today)
        XCTAssertEqual(r.exit, 1, r.stdout)
        XCTAssertTrue(r.stdout.contains("data.age_days was not computed: pass --timestamp COLUMN to check it"), r.stdout)
        XCTAssertTrue(r.stdout.contains("data.minority_class_share was not computed: pass --label COLUMN to check it"), r.stdout)
        let missingColumn = try writePolicy("data:\n  max_missing_share: {incme: 0.1}\n")
        let typo = try profile(["--config", missingColumn])
        XCTAssertEqual(typo.exit, 1, typo.stdout)
        XCTAssertTrue(typo.stdout.contains("the data has no column `incme` (data.column.incme.missing_share)"), typo.stdout)
    }

    func testJSONAndMarkdownReports() throws {
        let json = try profile(["--config", policy, "--format", "json"])
        XCTAssertEqual(json.exit, 0, json.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(doc["schema"] as? String, "qgate.data-checks/v1")
        XCTAssertEqual(doc["passed"] as? Bool, true)
        let checks = try XCTUnwrap(doc["checks"] as? [[String: Any]])
        XCTAssertEqual(
            checks.map { $0["check"] as? String }, ["min_rows", "max_age_days", "max_missing_share", "max_missing_share", "min_class_share"]
        )
        XCTAssertEqual(checks[0]["value"] as? Double, 600)
        XCTAssertEqual(checks[0]["limit"] as? Double, 500)
        XCTAssertEqual(checks[2]["column"] as? String, "income")
        XCTAssertEqual(checks[3]["metric"] as? String, "data.column.customer_id.missing_share")
        XCTAssertEqual(checks[4]["value"] as? Double, 92.0 / 600.0)
        let md = try profile(["--config", policy, "--format", "markdown"])
        XCTAssertTrue(md.stdout.hasPrefix("## ✅ qgate data checks: PASSED: all 5 data checks passed\n"), md.stdout)
        XCTAssertTrue(md.stdout.contains("| ✓ | min\\_rows | data.rows 600 ≥ 500 |"), md.stdout)
    }

    func testGitHubStepOutputsAndSummary() throws {
        let output = dir + "/out.txt"
        let summary = dir + "/summary.md"
        let r = try profile(
            ["--config", policy],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary, "QGATE_TODAY": "2026-12-06"])
        XCTAssertEqual(r.exit, 1)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "data_checks_passed=false")
        XCTAssertTrue(lines[1].hasPrefix("failed_checks<<ghadelimiter_"), lines[1])
        XCTAssertEqual(
            Array(lines.dropFirst(2)), ["max_age_days: data.age_days 8 > 7 (critical)", String(lines[1].dropFirst("failed_checks<<".count))]
        )
        XCTAssertTrue(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix("## ❌ qgate data checks: BLOCKED: 1 of 5"))
    }

    func testConfigRules() throws {
        // A named policy without `data:` is an error: the checks the caller asked for would silently not run.
        let noData = try write("gates.yaml", "version: 1\ngates:\n  - metric: data.rows\n    min: 1\n")
        let r = try profile(["--config", noData])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("error: the policy `\(noData)` has no `data:` section"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        // A named policy that does not exist is an error.
        let missing = try profile(["--config", dir + "/nope.yaml"])
        XCTAssertEqual(missing.exit, 2, missing.stderr)
        // Without --config and without ./quality-gates.yaml's `data:`, only the metrics (the repository's policy has none).
        let plain = try profile([])
        XCTAssertEqual(plain.exit, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.hasPrefix("{\n  \"data\": {\n    \"rows\": 600,"), plain.stdout)
    }

    func testAnInvalidDataSectionIsAConfigurationError() throws {
        let bad = try writePolicy("data:\n  min_rows: 1000\n  max_age_day: 7\n")
        let r = try profile(["--config", bad])
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("\(bad):4:3: error: unknown key `max_age_day` in `data` — did you mean `max_age_days`?"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }
    /// A header is production data: a line break in it cannot start a workflow command or a second output.
    func testAHeaderCannotTalkToTheRunner() throws {
        let csv = try write("inj.csv", "id,\"::warning::x\n::error::y\"\n1,\n2,\n")
        let path = try writePolicy("data:\n  max_missing_share: {default: 0.1, id: 0}\n")
        let output = dir + "/out.txt"
        let r = try TestSupport.runBinary(
            ["profile", "--data", csv, "--config", path],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": dir + "/summary.md"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("data.column.::warning::x\\n::error::y.missing_share 1 > 0.1\n"), r.stdout)
        XCTAssertFalse(r.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, r.stdout)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4, "\(lines)")
        XCTAssertEqual(
            lines[2], "max_missing_share (default, 1 other column): data.column.::warning::x\\n::error::y.missing_share 1 > 0.1 (critical)")
    }
}
