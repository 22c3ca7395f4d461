/// An https PUT through the runner's `curl`: qgate's own client speaks plain
/// http only, and TLS is not something to write by hand.
///
/// curl runs without a shell and without the user's `~/.curlrc` (`--disable`,
/// which could add `--insecure`); it only speaks https (`--proto =https`, no
/// redirects followed), verifies the certificate (never `-k`; `QGATE_PUSH_CA_FILE`
/// becomes `--cacert`) and gives up after the timeout. The body goes in on
/// stdin; credentials as a curl config read from file descriptor 3, a pipe:
/// never in argv (readable by every user in /proc), never in a file on disk.
enum CurlClient {
    static func put(
        _ url: String, body: [UInt8], contentType: String, timeout: Double, credentials: PushCredentials
    ) throws(HTTPClient.HTTPError) -> HTTPClient.Response {
        let endpoint = try HTTPClient.parse(url)
        let peer = endpoint.authority
        let config = credentials.curlConfig
        let arguments = self.arguments(url, contentType: contentType, timeout: timeout, credentials: credentials)
        guard let run = Subprocess.run(arguments, input: body, descriptor3: config.map { Array($0.utf8) }, timeout: timeout) else {
            throw HTTPClient.HTTPError(
                message: "pushing to an https:// Pushgateway needs curl, and curl could not be started (is it on PATH?)",
                hint: "install curl on the runner, or push to an http:// URL")
        }
        if run.timedOut {
            throw HTTPClient.HTTPError(
                message: "no complete answer from \(peer) within \(NumberFormatting.exact(timeout)) s",
                hint: "is the Pushgateway overloaded or not a Pushgateway? --push-timeout sets the limit")
        }
        // `--write-out` puts the status on a line after the body: `000` when there was no HTTP answer.
        var stdout = run.stdout
        if stdout.count > HTTPClient.maximumResponseBytes + 4 {
            throw HTTPClient.HTTPError(
                message: "the response from \(peer) is larger than 1 MiB", hint: "check that the URL points at a Pushgateway")
        }
        let newline = stdout.lastIndex(of: 0x0A)
        let code = Int(String(decoding: stdout[((newline ?? -1) + 1)...], as: UTF8.self)) ?? 0
        stdout = Array(stdout[..<(newline ?? 0)])
        if (run.status == 0 || run.status == 22) && code >= 100 {
            return HTTPClient.Response(status: code, body: credentials.redacting(String(decoding: stdout, as: UTF8.self)))
        }
        let complaint = credentials.redacting(
            String(decoding: run.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit status \(run.status)")
        throw HTTPClient.HTTPError(
            message: "pushing to \(peer) over https failed: \(Sanitize.inline(String(complaint.prefix(300))))", hint: hint(run.status))
    }

    /// curl's command line: nothing secret in it.
    static func arguments(_ url: String, contentType: String, timeout: Double, credentials: PushCredentials) -> [String] {
        var arguments = [
            "curl", "--disable", "--silent", "--show-error", "--fail-with-body", "--proto", "=https",
            "--max-time", NumberFormatting.exact(timeout), "--request", "PUT", "--user-agent", "qgate/\(QGateVersion.current)",
            "--header", "Content-Type: \(contentType)", "--header", "Expect:", "--data-binary", "@-",
            "--write-out", "\n%{http_code}"
        ]
        if let caFile = credentials.caFile { arguments += ["--cacert", caFile] }
        if credentials.curlConfig != nil { arguments += ["--config", "/dev/fd/3"] }
        return arguments + ["--url", url]
    }

    /// What to do about a curl exit status (curl's man page, EXIT CODES).
    static func hint(_ status: Int32) -> String {
        switch status {
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91:
            "the TLS handshake or the certificate check failed: if the Pushgateway's certificate is signed by a private CA, "
                + "set \(PushCredentials.caFileVariable) to that CA's PEM file"
        case 6: "check the host name in the --pushgateway URL"
        case 7: "is the Pushgateway running and reachable?"
        case 28: "is the Pushgateway overloaded or not a Pushgateway? --push-timeout sets the limit"
        case 26: "curl could not read its credentials from /dev/fd/3; this system may have no /dev/fd"
        default: "see curl's exit status \(status) in `man curl`"
        }
    }
}
