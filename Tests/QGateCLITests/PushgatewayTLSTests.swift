import Foundation
import QualityGateCore
import XCTest

@testable import QGateCLI

/// Issue 17: pushing over https (through curl) with credentials from the
/// environment only. The end-to-end test runs Debian's prometheus-pushgateway
/// with TLS and basic auth (`--web.config.file`), a certificate made here by
/// openssl and a bcrypt hash by htpasswd; .ci/run installs all three.
final class PushgatewayTLSTests: XCTestCase {
    let example = "Examples/sentiment/"
    let password = "pw-\(getpid())-Zq9\"x\\y's$(id)"

    /// Runs a helper program (openssl, htpasswd, curl) and returns its stdout.
    @discardableResult
    func tool(_ arguments: [String], ok: Bool = true) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if ok { XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " ")) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func requireTools(_ tools: [String]) throws {
        let missing = tools.filter { name in
            !(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
            }
        }
        guard missing.isEmpty else {
            let message = "!!! \(missing.joined(separator: ", ")) not installed: the https Pushgateway test is SKIPPED"
            if ProcessInfo.processInfo.environment["QGATE_REQUIRE_PUSHGATEWAY"] == "1" {
                XCTFail("\(message), but QGATE_REQUIRE_PUSHGATEWAY=1")
            }
            print(message)
            throw XCTSkip(message)
        }
    }

    func testPushOverHTTPSWithBasicAuthToARealPushgateway() throws {
        try requireTools(["prometheus-pushgateway", "openssl", "htpasswd", "curl"])
        let dir = NSTemporaryDirectory() + "qgate-pushtls-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tool([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"
        ])
        let line = try tool(["htpasswd", "-nbBC", "10", "qgate", password]).out
        let hash = line.split(separator: "\n")[0].dropFirst("qgate:".count)
        try """
        tls_server_config:
          cert_file: \(dir)/cert.pem
          key_file: \(dir)/key.pem
        basic_auth_users:
          qgate: '\(hash)'

        """.write(toFile: dir + "/web.yml", atomically: true, encoding: .utf8)
        // The curl config holds the password for the test's own GETs (never argv).
        try "user = \"qgate:\(password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n"
            .write(toFile: dir + "/curlrc", atomically: true, encoding: .utf8)

        let port = 20000 + Int(getpid() % 900)
        let gateway = Process()
        gateway.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gateway.arguments = ["prometheus-pushgateway", "--web.listen-address=127.0.0.1:\(port)", "--web.config.file=\(dir)/web.yml"]
        gateway.standardOutput = FileHandle.nullDevice
        gateway.standardError = FileHandle.nullDevice
        try gateway.run()
        defer {
            gateway.terminate()
            gateway.waitUntilExit()
        }
        let url = "https://127.0.0.1:\(port)"
        func get(_ path: String) throws -> (status: Int32, out: String) {
            try tool(["curl", "--silent", "--fail", "--cacert", dir + "/cert.pem", "--config", dir + "/curlrc", url + path], ok: false)
        }
        var ready = false
        for _ in 0..<100 where !ready {
            ready = try get("/-/ready").status == 0
            if !ready { usleep(100_000) }
        }
        XCTAssertTrue(ready, "pushgateway with TLS did not start")

        var everything = ""  // every byte qgate wrote anywhere, to search for the password
        func qgate(_ args: [String], _ environment: [String: String]) throws -> TestSupport.Result {
            let r = try TestSupport.runBinary(args, environment: environment)
            everything += r.stdout + r.stderr
            return r
        }
        let basic = ["QGATE_PUSH_USERNAME": "qgate", "QGATE_PUSH_PASSWORD": password, "QGATE_PUSH_CA_FILE": dir + "/cert.pem"]
        let evaluate = [
            "evaluate", "--metrics", example + "metrics-blocked.json", "--baseline", example + "baseline.json", "--pushgateway", url
        ]

        // Correct credentials and the CA: pushed, visible, and every report written.
        let reports = ["markdown", "junit", "json", "prometheus"].map { "\($0)=\(dir)/report.\($0)" }
        let pushed = try qgate(
            evaluate + ["--explain"] + reports.flatMap { ["--output", $0] },
            basic.merging(
                ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": dir + "/out", "GITHUB_STEP_SUMMARY": dir + "/summary"]
            ) { $1 })
        XCTAssertEqual(pushed.exit, 1, pushed.stderr)
        XCTAssertTrue(pushed.stderr.contains("qgate: metrics pushed to \(url)\n"), pushed.stderr)
        let metrics = try get("/metrics").out
        XCTAssertTrue(metrics.contains(#"qgate_release_blocked{instance="",job="qgate",model="sentiment-classifier"} 1"#), metrics)
        for file in try FileManager.default.subpathsOfDirectory(atPath: dir) where !["curlrc", "web.yml"].contains(file) {
            everything += (try? String(contentsOfFile: dir + "/" + file, encoding: .utf8)) ?? ""
        }
        XCTAssertTrue(everything.contains("sentiment-classifier"))  // the reports were read

        // Drift, bearer-less, with the same credentials: its own group.
        let drift = try qgate(
            ["drift", "--reference", example + "drift/reference.csv", "--current", example + "drift/current.csv", "--pushgateway", url],
            basic)
        XCTAssertEqual(drift.exit, 1, drift.stderr)
        XCTAssertTrue(
            try get("/metrics").out.contains(#"qgate_retrain_triggered{instance="",job="qgate-drift",model="sentiment-classifier"} 1"#))

        // A wrong password: the status is named, the password is not.
        let wrong = try qgate(evaluate, basic.merging(["QGATE_PUSH_PASSWORD": password + "-wrong"]) { $1 })
        XCTAssertEqual(wrong.exit, 2, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("error: Pushgateway at `\(url)` answered HTTP 401: Unauthorized"), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("check QGATE_PUSH_USERNAME/QGATE_PUSH_PASSWORD or QGATE_PUSH_BEARER_TOKEN"), wrong.stderr)
        XCTAssertFalse(wrong.stdout.contains("BLOCKED"), "the verdict must not be shown when the push failed")

        // No CA file: the self-signed certificate is not trusted, and nothing is pushed insecurely.
        let noCA = try qgate(evaluate, basic.filter { $0.key != "QGATE_PUSH_CA_FILE" })
        XCTAssertEqual(noCA.exit, 2, noCA.stderr)
        XCTAssertTrue(noCA.stderr.contains("error: pushing to 127.0.0.1:\(port) over https failed: curl: (60) "), noCA.stderr)
        XCTAssertTrue(noCA.stderr.contains("set QGATE_PUSH_CA_FILE to that CA's PEM file"), noCA.stderr)

        // No credentials at all: the gateway says 401.
        let anonymous = try qgate(evaluate, ["QGATE_PUSH_CA_FILE": dir + "/cert.pem"])
        XCTAssertEqual(anonymous.exit, 2, anonymous.stderr)
        XCTAssertTrue(anonymous.stderr.contains("answered HTTP 401"), anonymous.stderr)

        // Credentials in the URL: refused before anything is evaluated, and not echoed.
        let inURL = try qgate(
            ["evaluate", "--metrics", example + "metrics-blocked.json", "--pushgateway", "https://qgate:\(password)@127.0.0.1:\(port)"],
            ["QGATE_PUSH_CA_FILE": dir + "/cert.pem"])
        XCTAssertEqual(inURL.exit, 2, inURL.stderr)
        XCTAssertTrue(inURL.stderr.contains("the URL must not contain user information"), inURL.stderr)

        // Both kinds of credentials: a usage error before the evaluation.
        let both = try qgate(evaluate, basic.merging(["QGATE_PUSH_BEARER_TOKEN": password]) { $1 })
        XCTAssertEqual(both.exit, 2, both.stderr)
        XCTAssertTrue(
            both.stderr.hasPrefix(
                "error: '--pushgateway': both basic auth (QGATE_PUSH_USERNAME/QGATE_PUSH_PASSWORD) and QGATE_PUSH_BEARER_TOKEN are set"),
            both.stderr)
        XCTAssertEqual(both.stdout, "")

        XCTAssertFalse(everything.contains(password), "a password reached qgate's output")
        XCTAssertFalse(everything.contains("pw-\(getpid())"), "part of a password reached qgate's output")
    }

    /// curl as qgate runs it, seen by a stand-in that records its argv, stdin
    /// and descriptor 3: the secret is only on descriptor 3, `--disable` comes
    /// first (no ~/.curlrc with `--insecure`), and there is no `-k`.
    func testCurlGetsTheCredentialsOnDescriptor3AndNeverInArgv() throws {
        let dir = NSTemporaryDirectory() + "qgate-fakecurl-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        #!/bin/sh
        printf '%s\\n' "$@" > "\(dir)/argv"
        cat > "\(dir)/stdin"
        cat /dev/fd/3 > "\(dir)/fd3"
        printf 'ok\\n200'

        """.write(toFile: dir + "/curl", atomically: true, encoding: .utf8)
        chmod(dir + "/curl", 0o755)
        let env = ["PATH": dir + ":/usr/bin:/bin", "QGATE_PUSH_BEARER_TOKEN": password]
        let r = try TestSupport.runBinary(
            [
                "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json", "--pushgateway",
                "https://gw.example/base/"
            ],
            environment: env)
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("qgate: metrics pushed to https://gw.example/base/"), r.stderr)
        let argv = try String(contentsOfFile: dir + "/argv", encoding: .utf8)
        XCTAssertEqual(
            argv,
            [
                "--disable", "--silent", "--show-error", "--fail-with-body", "--proto", "=https", "--max-time", "30", "--request", "PUT",
                "--user-agent", "qgate/\(QGateVersion.current)", "--header", "Content-Type: text/plain; version=0.0.4; charset=utf-8",
                "--header", "Expect:", "--data-binary", "@-", "--write-out", "\n%{http_code}", "--config", "/dev/fd/3",
                "--url", "https://gw.example/base/metrics/job/qgate/model/sentiment-classifier"
            ].joined(separator: "\n") + "\n")
        XCTAssertFalse(argv.contains(password))
        XCTAssertFalse(argv.contains("-k\n") || argv.contains("--insecure"))
        let escaped = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        XCTAssertEqual(try String(contentsOfFile: dir + "/fd3", encoding: .utf8), "header = \"Authorization: Bearer \(escaped)\"\n")
        XCTAssertTrue(try String(contentsOfFile: dir + "/stdin", encoding: .utf8).contains("qgate_release_blocked{"))
    }

    func testCredentialsAreNeverSentOverPlainHTTP() throws {
        for env in [
            ["QGATE_PUSH_BEARER_TOKEN": password], ["QGATE_PUSH_USERNAME": "u", "QGATE_PUSH_PASSWORD": password]
        ] {
            let r = try TestSupport.runBinary(
                ["evaluate", "--metrics", example + "metrics.json", "--pushgateway", "http://127.0.0.1:9"], environment: env)
            XCTAssertEqual(r.exit, 2, r.stderr)
            XCTAssertTrue(
                r.stderr.hasPrefix(
                    "error: '--pushgateway': push credentials are set but the Pushgateway URL is plain http; they would cross the network in clear"
                ), r.stderr)
            XCTAssertEqual(r.stdout, "")
            XCTAssertFalse(r.stderr.contains(password))
        }
        let ca = try TestSupport.runBinary(
            ["evaluate", "--metrics", example + "metrics.json", "--pushgateway", "http://127.0.0.1:9"],
            environment: ["QGATE_PUSH_CA_FILE": "/x.pem"])
        XCTAssertTrue(
            ca.stderr.hasPrefix("error: '--pushgateway': QGATE_PUSH_CA_FILE is set but the Pushgateway URL is plain http"), ca.stderr)
    }

    func testIncompleteOrMalformedCredentialsAreUsageErrors() throws {
        let cases: [([String: String], String)] = [
            (["QGATE_PUSH_USERNAME": "u"], "QGATE_PUSH_USERNAME is set but QGATE_PUSH_PASSWORD is empty or unset"),
            (
                ["QGATE_PUSH_USERNAME": "u", "QGATE_PUSH_PASSWORD": ""],
                "QGATE_PUSH_USERNAME is set but QGATE_PUSH_PASSWORD is empty or unset"
            ),
            (["QGATE_PUSH_PASSWORD": password], "QGATE_PUSH_PASSWORD is set but QGATE_PUSH_USERNAME is empty or unset"),
            (["QGATE_PUSH_USERNAME": "u", "QGATE_PUSH_PASSWORD": password + "\n"], "QGATE_PUSH_PASSWORD contains a control character"),
            (["QGATE_PUSH_USERNAME": "a:b", "QGATE_PUSH_PASSWORD": password], "QGATE_PUSH_USERNAME contains ':'"),
            (["QGATE_PUSH_BEARER_TOKEN": String(repeating: "t", count: 4097)], "QGATE_PUSH_BEARER_TOKEN is longer than 4096 bytes")
        ]
        let store = NSTemporaryDirectory() + "qgate-pushtls-store-\(getpid())"
        for (env, message) in cases {
            let r = try TestSupport.runBinary(
                ["evaluate", "--metrics", example + "metrics.json", "--record", "--pushgateway", "https://gw.example"],
                environment: env.merging(["QGATE_STORE": store]) { $1 })
            XCTAssertEqual(r.exit, 2, r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: store), "recorded before the usage error")
            XCTAssertTrue(r.stderr.hasPrefix("error: '--pushgateway': \(message)"), r.stderr)
            XCTAssertFalse(r.stderr.contains(password), r.stderr)
        }
    }

    /// A missing curl is an error naming curl, never a silent skip.
    func testAnHTTPSPushWithoutCurlIsAnError() throws {
        let r = try TestSupport.runBinary(
            [
                "evaluate", "--metrics", example + "metrics.json", "--baseline", example + "baseline.json", "--pushgateway",
                "https://gw.example"
            ],
            environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(r.exit, 2, r.stderr)
        XCTAssertTrue(
            r.stderr.contains("error: pushing to an https:// Pushgateway needs curl, and curl could not be started (is it on PATH?)"),
            r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    /// The redaction that guards a server's echo: every occurrence, nothing else.
    func testRedactingReplacesTheSecretOnly() {
        let credentials = PushCredentials(scheme: .basic(username: "qgate", password: "s3cr3t"))
        XCTAssertEqual(credentials.redacting("user qgate sent s3cr3t and s3cr3t"), "user qgate sent [redacted] and [redacted]")
        XCTAssertEqual(PushCredentials().redacting("s3cr3t"), "s3cr3t")
        XCTAssertEqual("\(credentials)", "PushCredentials(basic auth, password [redacted], CA file: system)")
        XCTAssertFalse(String(reflecting: PushCredentials(scheme: .bearer(token: "s3cr3t"))).contains("s3cr3t"))
    }
}
