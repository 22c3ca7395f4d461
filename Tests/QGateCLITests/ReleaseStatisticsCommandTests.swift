import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate baseline history --stats`: a history written through the real
/// binary on pinned days (QGATE_NOW), summarised in every format.
final class ReleaseStatisticsCommandTests: TemporaryDirectoryTestCase {
    var store: String { dir + "/store" }

    func qgate(_ args: [String], on time: String) throws -> TestSupport.Result {
        try TestSupport.runBinary(args, environment: ["QGATE_STORE": store, "QGATE_NOW": time])
    }

    /// Three releases a week apart (accuracy 0.90 → 0.92 → 0.91, latency 100 → 90 → 120)
    /// and five evaluations: two blocked by accuracy, one by latency, one warning.
    func makeHistory() throws -> String {
        let policy = try write(
            "policy.yaml",
            """
            version: 1
            model: m
            gates:
              - {name: accuracy floor, metric: accuracy, min: 0.85}
              - {metric: latency_ms, max: 150}
              - {metric: f1, min: 0.8, severity: warning}

            """)
        func metrics(_ a: Double, _ l: Double, _ f: Double = 0.9) throws -> String {
            try write("m-\(a)-\(l)-\(f).json", "{\"accuracy\": \(a), \"latency_ms\": \(l), \"f1\": \(f)}")
        }
        let steps: [(String, [String], Int32)] = [
            ("2026-11-02T10:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", try metrics(0.90, 100), "--version", "1"], 0),
            ("2026-11-03T10:00:00Z", ["evaluate", "--config", policy, "--metrics", try metrics(0.80, 100), "--record", "--no-github"], 1),
            ("2026-11-04T10:00:00Z", ["evaluate", "--config", policy, "--metrics", try metrics(0.92, 90), "--record", "--no-github"], 0),
            ("2026-11-09T10:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", try metrics(0.92, 90), "--version", "2"], 0),
            ("2026-11-10T10:00:00Z", ["evaluate", "--config", policy, "--metrics", try metrics(0.70, 200), "--record", "--no-github"], 1),
            (
                "2026-11-11T10:00:00Z",
                ["evaluate", "--config", policy, "--metrics", try metrics(0.91, 120, 0.7), "--record", "--no-github"], 0
            ),
            ("2026-11-16T10:00:00Z", ["evaluate", "--config", policy, "--metrics", try metrics(0.91, 120), "--record", "--no-github"], 0),
            ("2026-11-16T12:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", try metrics(0.91, 120), "--version", "3"], 0)
        ]
        for (time, args, exit) in steps {
            let r = try qgate(args, on: time)
            XCTAssertEqual(r.exit, exit, "\(args): \(r.stdout)\(r.stderr)")
        }
        return policy
    }

    /// `--stats` reads the policy when there is one: without `--config` and
    /// without a quality-gates.yaml, the history's own records suffice (the old
    /// string lookup always saw the default path as given and failed, exit 2).
    /// A file named with `--config` must exist.
    func testStatisticsNeedNoPolicyFile() throws {
        _ = try makeHistory()
        let env = ["QGATE_STORE": store, "QGATE_NOW": "2026-11-20T00:00:00Z"]
        let r = try TestSupport.runBinary(
            ["baseline", "history", "--stats", "--model", "m", "--format", "json"], environment: env, directory: dir)
        XCTAssertEqual(r.exit, 0, r.stderr)
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(s["evaluations"] as? Int, 5)
        XCTAssertEqual(s["blocked"] as? Int, 2)
        let named = try TestSupport.runBinary(
            ["baseline", "history", "--stats", "--model", "m", "--config", "quality-gates.yaml"],
            environment: env, directory: dir)
        XCTAssertEqual(named.exit, 2)
        XCTAssertEqual(named.stdout, "")
        XCTAssertTrue(named.stderr.contains("cannot read `quality-gates.yaml`"), named.stderr)
    }

    func testStatisticsOfARecordedHistory() throws {
        let policy = try makeHistory()
        let r = try qgate(["baseline", "history", "--stats", "--config", policy, "--format", "json"], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(r.exit, 0, r.stderr)
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(s["evaluations"] as? Int, 5)
        XCTAssertEqual(s["blocked"] as? Int, 2)
        XCTAssertEqual(s["passed_with_warnings"] as? Int, 1)
        XCTAssertEqual(s["passed"] as? Int, 2)
        XCTAssertEqual(s["blocked_share"] as? Double, 0.4)
        XCTAssertEqual(s["promotions"] as? Int, 3)
        let days = try XCTUnwrap(s["days_between_releases"] as? [String: Double])
        XCTAssertEqual(days["median"] ?? 0, (7 + 7 + 2.0 / 24) / 2, accuracy: 1e-12)
        XCTAssertEqual(days["max"] ?? 0, 7 + 2.0 / 24, accuracy: 1e-12)
        let gates = try XCTUnwrap(s["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["gate"] as? String }, ["accuracy floor", "latency_ms", "f1"], "most blocking first")
        XCTAssertEqual(gates.map { $0["blocked"] as? Int }, [2, 1, 0])
        XCTAssertEqual(gates.map { $0["warnings"] as? Int }, [0, 0, 1])
        XCTAssertEqual(gates[0]["metric"] as? String, "accuracy", "the policy maps a gate name to its metric")
        let changes = try XCTUnwrap(s["metric_changes"] as? [[String: Any]])
        let accuracy = try XCTUnwrap(changes.first { $0["metric"] as? String == "accuracy" })
        XCTAssertEqual(accuracy["median"] as? Double ?? 0, (0.02 - 0.01) / 2, accuracy: 1e-12)
        XCTAssertEqual(accuracy["worst"] as? Double ?? 0, -0.01, accuracy: 1e-12, "worst drop of a higher-is-better metric")
        let latency = try XCTUnwrap(changes.first { $0["metric"] as? String == "latency_ms" })
        XCTAssertEqual(latency["better"] as? String, "lower")
        XCTAssertEqual(latency["worst"] as? Double ?? 0, 30, accuracy: 1e-12, "worst rise of a lower-is-better metric")
        let weeks = try XCTUnwrap(s["weeks"] as? [[String: Any]])
        XCTAssertEqual(weeks.map { $0["start"] as? String }, ["2026-11-02", "2026-11-09", "2026-11-16"], "ISO weeks start on Monday")
        XCTAssertEqual(weeks.map { $0["blocked"] as? Int }, [1, 1, 0])

        let since = try qgate(
            ["baseline", "history", "--stats", "--config", policy, "--since", "2026-11-09", "--format", "json"], on: "2026-11-20T00:00:00Z")
        let later = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(since.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(later["evaluations"] as? Int, 3)
        XCTAssertEqual(later["promotions"] as? Int, 2, "the release before --since still anchors the first change")
        XCTAssertEqual((later["days_between_releases"] as? [String: Double])?["max"] ?? 0, 7 + 2.0 / 24, accuracy: 1e-12)
    }

    func testTextMarkdownAndPrometheus() throws {
        let policy = try makeHistory()
        let text = try qgate(["baseline", "history", "--stats", "--config", policy], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(text.exit, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Release statistics for m\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  evaluations                5\n"), "no trailing blanks: " + text.stdout)
        XCTAssertTrue(text.stdout.contains("  latency_ms  lower         2     +10    +30\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("accuracy floor  accuracy          2   40%         0\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("2026-11-02  █▒  2 evaluated, 1 blocked, 1 released\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("blocked share per week  ██▁"), text.stdout)
        let md = try qgate(["baseline", "history", "--stats", "--config", policy, "--format", "markdown"], on: "2026-11-20T00:00:00Z")
        XCTAssertTrue(md.stdout.contains("| 5 | 2 (40%) | 1 (20%) | 2 (40%) | 3 | 0 | 7.04 (longest 7.08) |"), md.stdout)
        XCTAssertTrue(md.stdout.contains("| accuracy floor | accuracy | 2 | 40% | 0 |"), md.stdout)
        let prom = try qgate(["baseline", "history", "--stats", "--config", policy, "--format", "prometheus"], on: "2026-11-20T00:00:00Z")
        XCTAssertTrue(prom.stdout.contains("qgate_history_evaluations{model=\"m\",verdict=\"blocked\"} 2\n"), prom.stdout)
        XCTAssertTrue(prom.stdout.contains("qgate_history_blocked_ratio{model=\"m\"} 0.4\n"), prom.stdout)
        XCTAssertTrue(
            prom.stdout.contains("qgate_history_gate_blocked{model=\"m\",gate=\"accuracy floor\",metric=\"accuracy\"} 2\n"), prom.stdout)
        XCTAssertTrue(
            prom.stdout.contains("qgate_history_metric_change{model=\"m\",metric=\"latency_ms\",stat=\"worst\"} 30\n"), prom.stdout)
        XCTAssertTrue(prom.stdout.contains("qgate_history_stats_timestamp_seconds{model=\"m\"} 1795132800\n"), prom.stdout)
        // Issue 21: seconds, the base unit promtool asks for (7 days, and 7 days 2 hours).
        XCTAssertTrue(
            prom.stdout.contains(
                """
                # HELP qgate_history_release_interval_seconds Seconds between consecutive promotions.
                # TYPE qgate_history_release_interval_seconds gauge
                qgate_history_release_interval_seconds{model="m",stat="median"} 608400
                qgate_history_release_interval_seconds{model="m",stat="max"} 612000

                """), prom.stdout)
        XCTAssertFalse(prom.stdout.contains("days"), prom.stdout)
        try PromtoolCheck.metrics(prom.stdout)
    }

    /// `--format html`: the page against a golden; a line per gated metric
    /// with its bound, blocked evaluations marked, weekly bars, intervals.
    func testHTMLPage() throws {
        let policy = try makeHistory()
        let file = NSTemporaryDirectory() + "qgate-history-html-\(getpid())/stats.html"
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        let r = try qgate(
            ["baseline", "history", "--stats", "--config", policy, "--format", "html", "--output", "html=\(file)"],
            on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(r.exit, 0, r.stderr)
        try TestSupport.assertGolden(r.stdout, "history/stats.html")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), r.stdout, "--output html=FILE writes the same page")
        XCTAssertEqual(HTMLMarkupCheck.foreign(r.stdout), [])
        XCTAssertTrue(r.stdout.contains("<rect class=\"blocked\""), "blocked evaluations are marked")
        XCTAssertTrue(r.stdout.contains("<line class=\"bound\" stroke-dasharray"), "the policy's bound is drawn")
        let list = try qgate(["baseline", "history", "--config", policy, "--format", "html"], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(list.exit, 2, "html needs --stats")
    }

    func testWeeksWithoutRecordsKeepTheirPlace() throws {
        let m = try write("m.json", "{\"accuracy\": 0.9}")
        for (day, version) in [("2026-11-02", "1"), ("2026-11-23", "2")] {
            let r = try qgate(["baseline", "promote", "--model", "m", "--metrics", m, "--version", version], on: day + "T09:00:00Z")
            XCTAssertEqual(r.exit, 0, r.stderr)
        }
        let r = try qgate(["baseline", "history", "--stats", "--model", "m", "--format", "json"], on: "2026-11-24T00:00:00Z")
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let weeks = try XCTUnwrap(s["weeks"] as? [[String: Any]])
        XCTAssertEqual(weeks.map { $0["start"] as? String }, ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"])
        XCTAssertEqual(weeks.map { $0["promotions"] as? Int }, [1, 0, 0, 1])
    }

    func testGateNamesWithDashesAndAClockGoingBackwards() throws {
        let policy = try write(
            "p.yaml", "version: 1\nmodel: m\ngates:\n  - {name: \"accuracy — EU: strict\", metric: accuracy, min: 0.9}\n")
        let bad = try write("bad.json", "{\"accuracy\": 0.5}")
        let good = try write("good.json", "{\"accuracy\": 0.95}")
        // A replay stamped before the last record is refused (verify refuses times that go
        // backwards); histories written before that rule are sorted by the statistics.
        for (time, args, exit) in [
            ("2026-11-01T00:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", good, "--version", "1"], Int32(0)),
            ("2026-11-10T00:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", good, "--version", "2"], 0),
            ("2026-11-09T00:00:00Z", ["baseline", "promote", "--config", policy, "--metrics", good, "--version", "3"], 2),
            ("2026-11-11T00:00:00Z", ["evaluate", "--config", policy, "--metrics", bad, "--record", "--no-github"], 1)
        ] {
            let r = try qgate(args, on: time)
            XCTAssertEqual(r.exit, exit, r.stderr)
            if exit == 2 {
                XCTAssertEqual(
                    r.stderr,
                    "error: the clock says 2026-11-09T00:00:00Z, before the last history record's time 2026-11-10T00:00:00Z — history times must not go backwards: check the runner's clock (or QGATE_NOW)\n"
                )
            }
        }
        let r = try qgate(["baseline", "history", "--stats", "--config", policy, "--format", "json"], on: "2026-11-20T00:00:00Z")
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let gates = try XCTUnwrap(s["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.first?["gate"] as? String, "accuracy — EU: strict")
        XCTAssertEqual(gates.first?["blocked"] as? Int, 1)
        XCTAssertEqual((s["days_between_releases"] as? [String: Double])?["max"], 9, "intervals in time order, never negative")
        let limit = try qgate(["baseline", "history", "--stats", "--config", policy, "--limit", "3"], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(limit.exit, 2)
        XCTAssertTrue(limit.stderr.contains("'--limit' lists records and does not combine with '--stats'"), limit.stderr)
    }

    func testStoreRefusesALockFileThatIsALink() throws {
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: store + "/.lock", withDestinationPath: dir + "/elsewhere")
        let m = try write("m.json", "{\"accuracy\": 0.9}")
        let r = try qgate(["baseline", "promote", "--model", "m", "--metrics", m], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains(".lock` is a symbolic link"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/elsewhere"), "the link's target must not be created")
    }

    func testStatsUsageErrors() throws {
        let policy = try makeHistory()
        let noStats = try qgate(["baseline", "history", "--config", policy, "--format", "markdown"], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(noStats.exit, 2)
        XCTAssertTrue(noStats.stderr.contains("'--format markdown', '--since' and '--pushgateway' need '--stats'"), noStats.stderr)
        let badDate = try qgate(["baseline", "history", "--stats", "--config", policy, "--since", "last week"], on: "2026-11-20T00:00:00Z")
        XCTAssertEqual(badDate.exit, 2)
        XCTAssertTrue(badDate.stderr.contains("invalid date `last week` for --since"), badDate.stderr)
        let badNow = try qgate(["baseline", "history", "--config", policy], on: "yesterday")
        XCTAssertEqual(badNow.exit, 2)
        XCTAssertTrue(badNow.stderr.contains("invalid QGATE_NOW `yesterday`"), badNow.stderr)
        let ancient = try qgate(["baseline", "history", "--config", policy], on: "0999-06-01T00:00:00Z")
        XCTAssertEqual(ancient.exit, 2, "years before 1970 would break the history's text times")
    }
}
