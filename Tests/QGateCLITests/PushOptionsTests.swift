import Foundation
import QGateTestSupport
import QualityGateCore
import XCTest

@testable import QGateCLI

/// `--pushgateway` and `--push-timeout` on every command that pushes (issue 15, item 8).
final class PushOptionsTests: XCTestCase {
    let example = "Examples/sentiment/"
    var drift: [String] { ["drift", "--reference", example + "drift/reference.csv", "--current", example + "drift/current.csv"] }
    var evaluate: [String] { ["evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json"] }

    func testEveryPushingCommandDocumentsTheTimeout() {
        for command in [["evaluate"], ["drift"], ["baseline", "history"]] {
            let help = TestSupport.run(command + ["--help"])
            XCTAssertTrue(help.stdout.contains("--push-timeout SECONDS"), "\(command): \(help.stdout)")
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(words.contains("reading the answer. (default: 30)"), "\(command)")
        }
    }

    /// A URL that would split the request line is refused before anything runs (no report, no push).
    func testABadURLIsAUsageErrorNamingTheFlag() {
        let url = "http://h:1/x HTTP/1.1\r\nX: 1"
        for (args, name) in [
            (evaluate, "evaluate"), (drift, "drift"), (["baseline", "history", "--model", "m", "--stats"], "baseline history")
        ] {
            let r = TestSupport.run(args + ["--pushgateway", url])
            XCTAssertEqual(r.exit, 2, name)
            XCTAssertEqual(r.stdout, "", name)
            XCTAssertEqual(
                r.stderr,
                "error: '--pushgateway': invalid URL `http://h:1/x HTTP/1.1\\r\\nX: 1`: space at byte 13 — percent-encode it (a space is %20)\nSee 'qgate \(name) --help'.\n",
                name)
        }
        let timeout = TestSupport.run(evaluate + ["--push-timeout", "0"])
        XCTAssertEqual(timeout.exit, 2)
        XCTAssertTrue(
            timeout.stderr.hasPrefix("error: invalid value '0' for '--push-timeout' — a number of seconds above 0 and at most 3600\n"),
            timeout.stderr)
    }

    /// A dripping server no longer holds the gate: exit 2 after --push-timeout.
    func testASlowPushgatewayFailsAtTheTimeout() throws {
        let server = try XCTUnwrap(
            LoopbackHTTPServer { client, server in
                LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\n")
                while !server.isStopped && LoopbackHTTPServer.write(client, "X") { usleep(100_000) }
            })
        defer { server.stop() }
        let start = Date()
        let r = TestSupport.run(drift + ["--pushgateway", "http://127.0.0.1:\(server.port)", "--push-timeout", "1"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(r.exit, 2)
        XCTAssertTrue(r.stderr.contains("error: no complete answer from 127.0.0.1:\(server.port) within 1 s"), r.stderr)
    }

    /// A Pushgateway that keeps the connection open after its 200 is a success, at once.
    func testAKeepAlivePushgatewayIsASuccess() throws {
        let server = try XCTUnwrap(
            LoopbackHTTPServer { client, server in
                LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                for _ in 0..<100 where !server.isStopped { usleep(100_000) }
            })
        defer { server.stop() }
        let start = Date()
        let r = TestSupport.run(evaluate + ["--pushgateway", "http://127.0.0.1:\(server.port)/"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("qgate: metrics pushed to http://127.0.0.1:\(server.port)/"), r.stderr)
        XCTAssertTrue(server.requests.first?.hasPrefix("PUT /metrics/job/qgate/model/sentiment-classifier HTTP/1.1\r\n") == true)
    }

    /// The push comes before the report on stdout for every command that pushes
    /// (Publishing): a failed push shows no report, only the error, exit 2.
    /// `baseline history --stats` used to print its statistics first.
    func testAFailedPushShowsNoReport() throws {
        let server = try XCTUnwrap(
            LoopbackHTTPServer { client, _ in
                LoopbackHTTPServer.write(client, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
            })
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)"
        for args in [evaluate, drift, ["baseline", "history", "--model", "m", "--stats"]] {
            let r = try TestSupport.runBinary(args + ["--pushgateway", url])
            XCTAssertEqual(r.exit, 2, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
        }
    }
}
