import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The Pushgateway client against real loopback sockets: one deadline for the
/// whole exchange, a body that ends at its length, and URLs that cannot split
/// the request (issue 15, item 8).
final class HTTPClientTests: XCTestCase {

    func server(ipv6: Bool = false, _ respond: @escaping @Sendable (Int32, LoopbackHTTPServer) -> Void) throws -> LoopbackHTTPServer {
        try XCTUnwrap(LoopbackHTTPServer(ipv6: ipv6, respond: respond), "cannot listen on loopback")
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch { return (error as? HTTPClient.HTTPError)?.message ?? "\(error)" }
    }

    /// A server that sends a byte every 100 ms used to hold qgate forever (10 s per read, no overall limit).
    func testASlowDripIsCutAtTheDeadline() throws {
        let s = try server { client, server in
            LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            while !server.isStopped && LoopbackHTTPServer.write(client, "x") { usleep(100_000) }
        }
        defer { s.stop() }
        let start = Clock.monotonicSeconds()
        let m = message {
            _ = try HTTPClient.request("PUT", url: "http://127.0.0.1:\(s.port)/metrics", body: Array("a 1\n".utf8), timeout: 1)
        }
        let elapsed = Clock.monotonicSeconds() - start
        XCTAssertEqual(m, "no complete answer from 127.0.0.1:\(s.port) within 1 s")
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 2.5)
    }

    /// A keep-alive server that answered 200 with a length used to be waited on, then reported as a failure.
    func testAnAnswerEndsAtItsContentLengthOnAnOpenConnection() throws {
        let s = try server { client, server in
            LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
            for _ in 0..<50 where !server.isStopped { usleep(100_000) }
        }
        defer { s.stop() }
        let start = Clock.monotonicSeconds()
        let r = try HTTPClient.request("PUT", url: "http://127.0.0.1:\(s.port)/metrics/job/qgate", body: Array("a 1\n".utf8))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.body, "ok")
        XCTAssertLessThan(Clock.monotonicSeconds() - start, 1)
        XCTAssertTrue(
            s.requests.first?.hasPrefix("PUT /metrics/job/qgate HTTP/1.1\r\nHost: 127.0.0.1:\(s.port)\r\n") == true, s.requests.description)
    }

    func testAChunkedAnswerEndsAtItsLastChunk() throws {
        let s = try server { client, server in
            LoopbackHTTPServer.write(
                client, "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
            for _ in 0..<50 where !server.isStopped { usleep(100_000) }
        }
        defer { s.stop() }
        let start = Clock.monotonicSeconds()
        let r = try HTTPClient.request("PUT", url: "http://127.0.0.1:\(s.port)", timeout: 5)
        XCTAssertEqual(r.status, 202)
        XCTAssertEqual(r.body, "abcde")
        XCTAssertLessThan(Clock.monotonicSeconds() - start, 1)
    }

    /// Without a length the body ends when the server closes; an open connection then runs into the deadline.
    func testAnAnswerWithoutLengthEndsWhenTheServerCloses() throws {
        let closing = try server { client, _ in LoopbackHTTPServer.write(client, "HTTP/1.0 200 OK\r\n\r\nbye") }
        defer { closing.stop() }
        let r = try HTTPClient.request("GET", url: "http://127.0.0.1:\(closing.port)", timeout: 5)
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.body, "bye")
        let open = try server { client, server in
            LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\n\r\nbye")
            for _ in 0..<50 where !server.isStopped { usleep(100_000) }
        }
        defer { open.stop() }
        XCTAssertEqual(
            message { _ = try HTTPClient.request("GET", url: "http://127.0.0.1:\(open.port)", timeout: 0.5) },
            "no complete answer from 127.0.0.1:\(open.port) within 0.5 s")
    }

    func testATruncatedAnswerIsAnError() throws {
        let s = try server { client, _ in LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") }
        defer { s.stop() }
        XCTAssertEqual(
            message { _ = try HTTPClient.request("GET", url: "http://127.0.0.1:\(s.port)", timeout: 5) },
            "127.0.0.1:\(s.port) closed the connection before the end of its response")
    }

    func testAnIPv6LiteralIsConnectedTo() throws {
        guard
            let s = LoopbackHTTPServer(
                ipv6: true,
                respond: { client, _ in
                    LoopbackHTTPServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                })
        else { throw XCTSkip("no IPv6 loopback here") }
        defer { s.stop() }
        let r = try HTTPClient.request("PUT", url: "http://[::1]:\(s.port)/x", timeout: 5)
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(s.requests.first?.contains("\r\nHost: [::1]:\(s.port)\r\n") == true, s.requests.description)
    }

    func testURLsAreCheckedBeforeAnyRequest() throws {
        XCTAssertEqual(try HTTPClient.parse("http://[::1]:9091/gw/"), .init(host: "::1", port: 9091, path: "/gw"))
        XCTAssertEqual(try HTTPClient.parse("http://pushgateway"), .init(host: "pushgateway", port: 80, path: ""))
        XCTAssertEqual(try HTTPClient.parse("http://10.0.0.1:65535/a%20b"), .init(host: "10.0.0.1", port: 65535, path: "/a%20b"))
        let refused: [(String, String)] = [
            // Used to split the request line: a second header followed the path.
            ("http://h:1/x HTTP/1.1\r\nX: 1", "space at byte 13"),
            ("http://h:1/x\r\nX: 1", "control character at byte 13"),
            ("http://h:1/\u{e9}", "non-ASCII byte at byte 12"),
            ("http://h:1/a?b=c", "'?' in the path"),
            ("http://h:1/a#f", "'#' in the path"),
            ("http://h:1/a%2", "'%' not followed by two hex digits"),
            ("http://h:0", "the port must be a number from 1 to 65535"),
            ("http://h:65536", "the port must be a number from 1 to 65535"),
            ("http://h:", "the port must be a number from 1 to 65535"),
            ("http://h:+80", "the port must be a number from 1 to 65535"),
            ("http://::1:9091", "an IPv6 address must be in brackets"),
            ("http://[::1", "missing ']' after the IPv6 address"),
            ("http://[::g]:1", "not an IPv6 address in brackets"),
            ("http://[::1]x", "text after ']'"),
            ("http://h\"x:1", "'\"' in the host name"),
            ("http://:9091", "no host")
        ]
        for (url, why) in refused {
            XCTAssertEqual(message { _ = try HTTPClient.parse(url) }, "invalid URL \(Sanitize.quoted(url)): \(why)", url.debugDescription)
        }
    }

    /// Issue 17: https parses (curl performs it); user information is refused without echoing the URL.
    func testHTTPSURLsParseAndUserInformationIsRefusedUnseen() throws {
        XCTAssertEqual(try HTTPClient.parse("https://gw.example/p/"), .init(secure: true, host: "gw.example", port: 443, path: "/p"))
        XCTAssertEqual(try HTTPClient.parse("https://[::1]:8443"), .init(secure: true, host: "::1", port: 8443, path: ""))
        for url in ["http://u:p@h:1", "https://u:s3cr3t@h", "https://u:s3/cr3t@h", "ftp://u:s3cr3t@h"] {
            XCTAssertEqual(
                message { _ = try HTTPClient.parse(url) },
                "the URL must not contain user information ('@'); it is not shown here, as it may hold a password", url)
        }
        XCTAssertEqual(
            message { _ = try HTTPClient.request("PUT", url: "https://127.0.0.1:9") }, "qgate's own HTTP client speaks plain http only")
    }
}
