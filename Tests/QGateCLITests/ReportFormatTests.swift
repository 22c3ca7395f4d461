import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every report format on the Examples (passing, warning, blocked) and on hostile
/// metric names, against golden files; GitHub Actions integration; Pushgateway.
final class ReportFormatTests: XCTestCase {
    let example = "Examples/sentiment/"
    let formats = ["text", "json", "markdown", "junit", "github", "prometheus", "html"]

    /// Timestamps are the only parts that change between runs.
    func stable(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            if l.hasPrefix("qgate_evaluation_timestamp_seconds{") { l = String(l.prefix { $0 != "}" }) + "} <TIME>" }
            if let r = l.range(of: #"timestamp="[0-9T:-]+""#, options: .regularExpression) {
                l.replaceSubrange(r, with: "timestamp=\"<TIME>\"")
            }
            lines.append(
                l.replacingOccurrences(of: "\"qgate_version\": \"\(QGateVersion.current)\"", with: "\"qgate_version\": \"<VERSION>\"")
                    .replacingOccurrences(of: "Written by qgate \(QGateVersion.current).", with: "Written by qgate {VERSION}."))
        }
        return lines.joined(separator: "\n")
    }

    func run(_ metrics: String, _ format: String, config: String = "quality-gates.yaml", baseline: String) throws -> TestSupport.Result {
        try TestSupport.runBinary(["evaluate", "--config", config, "--metrics", metrics, "--baseline", baseline, "--format", format])
    }

    func testEveryFormatOnTheExamples() throws {
        let cases = [
            ("pass", "Tests/Fixtures/review/go-metrics.json", Int32(0)), ("warning", example + "metrics.json", 0),
            ("blocked", example + "metrics-blocked.json", 1)
        ]
        for (name, metrics, exit) in cases {
            for format in formats {
                let r = try run(metrics, format, baseline: example + "baseline.json")
                XCTAssertEqual(r.exit, exit, "\(name) \(format): \(r.stderr)")
                try TestSupport.assertGolden(stable(r.stdout), "formats/\(name).\(format)")
            }
        }
    }

    func testHostileNamesStayDataInEveryFormat() throws {
        let dir = "Tests/Fixtures/hostile/"
        for format in formats {
            let r = try run(dir + "metrics.json", format, config: dir + "policy.yaml", baseline: dir + "baseline.json")
            XCTAssertEqual(r.exit, 1, "\(format): \(r.stderr)")
            try TestSupport.assertGolden(stable(r.stdout), "formats/hostile.\(format)")
            for line in r.stdout.split(separator: "\n") {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                // The runner executes `::cmd` lines: only our own annotations may start so.
                if trimmed.hasPrefix("::") {
                    XCTAssertEqual(format, "github", "\(format) line starts a workflow command: \(line)")
                    XCTAssertTrue(
                        trimmed.hasPrefix("::error file=") || trimmed.hasPrefix("::warning file=")
                            || trimmed.hasPrefix("::error title=qgate") || trimmed.hasPrefix("::notice title=qgate"), String(line))
                }
            }
            XCTAssertFalse(r.stdout.contains("\n::set-env"), format)
            switch format {
            case "markdown":
                XCTAssertFalse(r.stdout.contains("<script>"), "raw HTML in Markdown")
                for row in r.stdout.split(separator: "\n") where row.hasPrefix("| ") {
                    // 9 columns: 10 unescaped pipes per row.
                    let pipes = row.enumerated().filter { i, c in c == "|" && (i == 0 || Array(row)[i - 1] != "\\") }.count
                    XCTAssertEqual(pipes, 10, String(row))
                }
            case "junit":
                let parser = XMLParser(data: Data(r.stdout.utf8))
                XCTAssertTrue(parser.parse(), "JUnit is not well-formed XML: \(String(describing: parser.parserError))")
            case "prometheus":
                for line in r.stdout.split(separator: "\n") where !line.hasPrefix("#") {
                    XCTAssertNotNil(
                        line.range(of: #"^[a-z_]+\{([a-z_]+="([^"\\\n]|\\.)*",?)*\} [-+0-9.eEInfNa]+$"#, options: .regularExpression),
                        String(line))
                }
            case "html":
                XCTAssertEqual(HTMLMarkupCheck.foreign(r.stdout), [], "html: markup that qgate did not write")
                XCTAssertTrue(r.stdout.contains("50%|&lt;script&gt;alert(1)&lt;/script&gt; gate"))
            case "json":
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)))
            default: break
            }
        }
    }

    func testSeveralOutputsAtOnceAndAtomicPrometheusFile() throws {
        let dir = NSTemporaryDirectory() + "qgate-outputs-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
            "--output", "markdown=\(dir)/gate.md", "--output", "junit=\(dir)/gate.xml",
            "--output", "prometheus=\(dir)/qgate.prom", "--output", "json=\(dir)/gate.json"
        ])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("PASSED with 1 warning"), "FORMAT=FILE outputs keep the stdout report")
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir)), ["gate.md", "gate.xml", "qgate.prom", "gate.json"],
            "no temp files are left behind")
        XCTAssertTrue(
            try String(contentsOfFile: dir + "/qgate.prom", encoding: .utf8).contains(
                "qgate_release_blocked{model=\"sentiment-classifier\"} 0"))
        let bad = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json", "--output", "jnuit=\(dir)/x"])
        XCTAssertEqual(bad.exit, 2)
        XCTAssertEqual(
            bad.stderr,
            "error: unknown report format 'jnuit' in '--output jnuit=\(dir)/x' — did you mean 'junit'?\nSee 'qgate evaluate --help'.\n")
    }

    func testGitHubActionsSummaryAndOutputs() throws {
        let dir = NSTemporaryDirectory() + "qgate-gha-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = dir + "/summary.md"
        let output = dir + "/output.txt"
        try "previous step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let env = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": output]
        let r = try TestSupport.runBinary(
            ["evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json"],
            environment: env)
        XCTAssertEqual(r.exit, 1)
        let markdown = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json",
            "--format", "markdown"
        ]).stdout
        XCTAssertEqual(try String(contentsOfFile: summary, encoding: .utf8), "previous step\n" + markdown + "\n")
        let out = try String(contentsOfFile: output, encoding: .utf8)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), ["passed=false", "blocked=true", "warnings=2"])
        let delimiter = String(lines[3].dropFirst("failed_gates<<".count))
        XCTAssertTrue(
            lines[3].hasPrefix("failed_gates<<") && delimiter.range(of: "^ghadelimiter_[0-9a-f]{32}$", options: .regularExpression) != nil,
            lines[3])
        XCTAssertEqual(
            Array(lines.dropFirst(4)),
            [
                "accuracy-floor min (critical)", "accuracy-floor max_regression (critical)", "precision min (critical)",
                "f1-no-regression max_regression (critical)", "eval_loss max_regression_ratio (critical)",
                "positive_rate max_delta (critical)",
                "fairness.demographic_parity_difference max (critical)", "ece max_regression (warning)",
                "robustness.adversarial_accuracy min (warning)", delimiter, ""
            ])
        // --no-github leaves both files alone.
        try FileManager.default.removeItem(atPath: output)
        _ = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json", "--no-github"], environment: env)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testPushgatewayUnreachableIsACleanError() throws {
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
            "--pushgateway", "http://127.0.0.1:9"
        ])
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(r.stderr, "error: cannot connect to 127.0.0.1:9: Connection refused — is the Pushgateway running and reachable?\n")
        // https goes through curl (issue 17), with the same hint.
        let https = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json", "--pushgateway", "https://127.0.0.1:9"])
        XCTAssertEqual(https.exit, 2)
        XCTAssertTrue(https.stderr.hasPrefix("error: pushing to 127.0.0.1:9 over https failed: curl: (7) "), https.stderr)
        XCTAssertTrue(https.stderr.hasSuffix(" — is the Pushgateway running and reachable?\n"), https.stderr)
    }

    /// Against Debian's prometheus-pushgateway on a loopback port (.ci/run installs it).
    func testPushToARealPushgateway() throws {
        let binary = "/usr/bin/prometheus-pushgateway"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            if ProcessInfo.processInfo.environment["QGATE_REQUIRE_PUSHGATEWAY"] == "1" {
                XCTFail("prometheus-pushgateway is not installed but QGATE_REQUIRE_PUSHGATEWAY=1")
            }
            throw XCTSkip("prometheus-pushgateway not installed")
        }
        let port = 19000 + Int(getpid() % 900)
        let gateway = Process()
        gateway.executableURL = URL(fileURLWithPath: binary)
        gateway.arguments = ["--web.listen-address=127.0.0.1:\(port)"]
        gateway.standardOutput = FileHandle.nullDevice
        gateway.standardError = FileHandle.nullDevice
        try gateway.run()
        defer {
            gateway.terminate()
            gateway.waitUntilExit()
        }
        let url = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? HTTPClient.request("GET", url: url + "/-/ready").status) == 200
            if !ready { usleep(100_000) }
        }
        XCTAssertTrue(ready, "pushgateway did not start")
        let r = try TestSupport.runBinary([
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json",
            "--pushgateway", url
        ])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("qgate: metrics pushed to \(url)"), r.stderr)
        let metrics = try HTTPClient.request("GET", url: url + "/metrics").body
        XCTAssertTrue(metrics.contains(#"qgate_release_blocked{instance="",job="qgate",model="sentiment-classifier"} 1"#), metrics)
        XCTAssertTrue(
            metrics.contains(#"qgate_metric_value{instance="",job="qgate",metric="accuracy",model="sentiment-classifier"} 0.9172"#), metrics
        )
        // Drift goes to its own group and leaves the evaluation's series in place.
        let drift = try TestSupport.runBinary([
            "drift", "--reference", "Examples/sentiment/drift/reference.csv",
            "--current", "Examples/sentiment/drift/current.csv", "--pushgateway", url
        ])
        XCTAssertEqual(drift.exit, 1, drift.stderr)
        let after = try HTTPClient.request("GET", url: url + "/metrics").body
        XCTAssertTrue(after.contains(#"qgate_retrain_triggered{instance="",job="qgate-drift",model="sentiment-classifier"} 1"#), after)
        XCTAssertTrue(after.contains(#"qgate_release_blocked{instance="",job="qgate",model="sentiment-classifier"} 1"#), after)
    }

    func testFailOnWarningIsTheVerdictEverywhere() throws {
        let dir = NSTemporaryDirectory() + "qgate-fow-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestSupport.runBinary(
            [
                "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json",
                "--fail-on-warning", "--output", "junit=\(dir)/j.xml"
            ],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": dir + "/out"])
        XCTAssertEqual(r.exit, 1)
        XCTAssertTrue(r.stdout.contains("BLOCKED: 1 warning with --fail-on-warning"), r.stdout)
        XCTAssertTrue(try String(contentsOfFile: dir + "/out", encoding: .utf8).hasPrefix("passed=false\nblocked=true\n"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/j.xml", encoding: .utf8).contains("failures=\"1\""))
    }

    func testTwoGatesOnOneMetricGiveDistinctSeries() throws {
        let policy = NSTemporaryDirectory() + "qgate-dup-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: policy) }
        try "version: 1\nmodel: m\ngates:\n  - {metric: accuracy, min: 0.9}\n  - {metric: accuracy, name: accuracy-floor, min: 0.8}\n"
            .write(
                toFile: policy, atomically: true, encoding: .utf8)
        let r = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", example + "metrics.json", "--format", "prometheus"])
        let samples = r.stdout.split(separator: "\n").filter { $0.hasPrefix("qgate_gate_passed{") }.map { String($0.prefix { $0 != "}" }) }
        XCTAssertEqual(samples.count, 2)
        XCTAssertEqual(Set(samples).count, 2, samples.joined(separator: "\n"))
    }

    /// Issue 17: a store that does not exist yet is a first release, named in the report, not an error.
    func testAMissingExplicitStoreIsAFirstReleaseAndAFullDiskIsAnError() throws {
        let r = try TestSupport.runBinary(["evaluate", "--metrics", example + "metrics.json", "--store", "/nonexistent/typo"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(
            r.stdout.components(
                separatedBy:
                    "→ no baseline yet (first release): the store `/nonexistent/typo` does not exist yet (on_missing_baseline: skip)\n"
            ).count - 1, 6, r.stdout)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.binary)
        p.arguments = ["validate", "--print"]
        p.currentDirectoryURL = URL(fileURLWithPath: TestSupport.packageRoot)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 2, "a report that could not be written is not a success")
    }
}
