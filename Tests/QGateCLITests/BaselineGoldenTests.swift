import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// Goldens of `qgate baseline show`, `baseline history` and `history --stats`
/// (release statistics) on one history written through the real binary:
/// pinned clock (QGATE_NOW) and commit (GITHUB_SHA), inputs named relative to
/// the temporary directory the commands run in, so every byte is reproducible.
final class BaselineGoldenTests: TemporaryDirectoryTestCase {
    func qgate(_ args: [String], at time: String) throws -> TestSupport.Result {
        try TestSupport.runBinary(
            args,
            environment: [
                "QGATE_STORE": dir + "/store", "QGATE_NOW": time,
                "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567"
            ],
            directory: dir)
    }

    /// Three promotions and a rollback around four evaluations: blocked by one
    /// gate, passed, passed with a warning, blocked by two gates.
    func makeHistory() throws {
        _ = try write(
            "policy.yaml",
            """
            version: 1
            model: m
            gates:
              - {name: accuracy floor, metric: accuracy, min: 0.85}
              - {metric: latency_ms, max: 150}
              - {metric: f1, min: 0.8, severity: warning}

            """)
        func metrics(_ a: Double, _ l: Double, _ f: Double) throws -> String {
            let name = "m-\(a)-\(l)-\(f).json"
            _ = try write(name, "{\"accuracy\": \(a), \"latency_ms\": \(l), \"f1\": \(f)}\n")
            return name
        }
        let steps: [(String, [String], Int32)] = [
            ("2026-11-02T10:00:00Z", ["baseline", "promote", "--metrics", try metrics(0.90, 100, 0.9), "--version", "1"], 0),
            ("2026-11-03T10:00:00Z", ["evaluate", "--metrics", try metrics(0.80, 100, 0.9), "--record", "--no-github"], 1),
            ("2026-11-04T10:00:00Z", ["evaluate", "--metrics", try metrics(0.92, 90, 0.9), "--record", "--no-github"], 0),
            ("2026-11-09T10:00:00Z", ["baseline", "promote", "--metrics", try metrics(0.92, 90, 0.9), "--version", "2"], 0),
            ("2026-11-10T10:00:00Z", ["evaluate", "--metrics", try metrics(0.91, 120, 0.7), "--record", "--no-github"], 0),
            ("2026-11-11T10:00:00Z", ["evaluate", "--metrics", try metrics(0.70, 200, 0.9), "--record", "--no-github"], 1),
            ("2026-11-12T10:00:00Z", ["baseline", "rollback", "--to", "1"], 0),
            ("2026-11-16T12:00:00Z", ["baseline", "promote", "--metrics", try metrics(0.91, 120, 0.9), "--version", "3"], 0)
        ]
        for (time, args, exit) in steps {
            let r = try qgate(args + ["--config", "policy.yaml"], at: time)
            XCTAssertEqual(r.exit, exit, "\(args): \(r.stdout)\(r.stderr)")
        }
    }

    func testShow() throws {
        try makeHistory()
        for format in ["text", "json"] {
            let r = try qgate(["baseline", "show", "--config", "policy.yaml", "--format", format], at: "2026-11-20T00:00:00Z")
            XCTAssertEqual(r.exit, 0, r.stderr)
            try TestSupport.assertGolden(r.stdout, "baseline/show.\(format)")
        }
    }

    func testHistory() throws {
        try makeHistory()
        for format in ["text", "json"] {
            let r = try qgate(["baseline", "history", "--config", "policy.yaml", "--format", format], at: "2026-11-20T00:00:00Z")
            XCTAssertEqual(r.exit, 0, r.stderr)
            try TestSupport.assertGolden(r.stdout, "baseline/history.\(format)")
        }
        let last = try qgate(["baseline", "history", "--config", "policy.yaml", "--limit", "3"], at: "2026-11-20T00:00:00Z")
        XCTAssertEqual(last.exit, 0, last.stderr)
        try TestSupport.assertGolden(last.stdout, "baseline/history-limit-3.text")
    }

    func testReleaseStatistics() throws {
        try makeHistory()
        for format in ["text", "json", "markdown", "prometheus"] {
            let r = try qgate(["baseline", "history", "--stats", "--config", "policy.yaml", "--format", format], at: "2026-11-20T00:00:00Z")
            XCTAssertEqual(r.exit, 0, r.stderr)
            try TestSupport.assertGolden(r.stdout, "baseline/stats.\(format)")
        }
    }
}
