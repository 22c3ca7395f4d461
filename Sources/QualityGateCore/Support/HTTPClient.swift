#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 client over a TCP socket, for pushing to a Prometheus
/// Pushgateway without Foundation or a package. Plain `http://` only: `parse`
/// also accepts `https://`, which `Pushgateway.push` hands to `CurlClient`.
///
/// One deadline bounds the whole exchange (connect, send, answer): a server
/// that drips bytes or keeps the connection open cannot hold qgate. The body
/// ends at `Content-Length`, at the last chunk of a chunked body, or, with
/// neither, when the server closes the connection (which must happen before
/// the deadline). Name resolution is the system resolver's and keeps its own
/// timeouts.
public enum HTTPClient {
    public struct Response: Sendable {
        public var status: Int
        public var body: String
    }

    public struct HTTPError: QGateError {
        public var message: String
        public var location: SourceLocation? { nil }
        public var hint: String?
    }

    /// A response is a status and a short message; more is not a Pushgateway.
    static let maximumResponseBytes = 1 << 20

    /// A checked `http[s]://host[:port][/path]`: the host a name, an IPv4 address or
    /// a bracketed IPv6 address, the port 1–65535, the path only URL characters.
    public struct Endpoint: Sendable, Equatable {
        public var secure = false  // https
        public var host: String  // without the brackets of an IPv6 literal
        public var port: Int
        public var path: String  // empty or starting with "/", without trailing slashes

        var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    public static func parse(_ url: String) throws(HTTPError) -> Endpoint {
        func invalid(_ why: String, hint: String = "use http://host:port, http://[::1]:port or http://host:port/path") -> HTTPError {
            HTTPError(message: "invalid URL \(Sanitize.quoted(url)): \(why)", hint: hint)
        }
        // Before anything quotes the URL: user information there is a password
        // on the command line, in the process list and in CI logs. Never echoed.
        if url.contains("@") {
            throw HTTPError(
                message: "the URL must not contain user information ('@'); it is not shown here, as it may hold a password",
                hint: PushCredentials.hint)
        }
        let secure = url.hasPrefix("https://")
        guard secure || url.hasPrefix("http://") else {
            throw HTTPError(message: "unsupported URL \(Sanitize.quoted(url))", hint: "use http://host:port or https://host")
        }
        // The path goes into the request line: a space or a line break there would end it.
        let bytes = Array(url.utf8)
        if let bad = bytes.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw invalid(
                "\(bytes[bad] == 0x20 ? "space" : bytes[bad] < 0x20 || bytes[bad] == 0x7F ? "control character" : "non-ASCII byte") at byte \(bad + 1)",
                hint: "percent-encode it (a space is %20)")
        }
        let rest = bytes.dropFirst(secure ? "https://".count : "http://".count)
        let slash = rest.firstIndex(of: 0x2F) ?? rest.endIndex
        let authority = rest[..<slash]
        var path = Array(rest[slash...])
        while path.last == 0x2F { path.removeLast() }
        if let bad = path.firstIndex(where: { !isPathByte($0) }) {
            throw invalid(
                "'\(Character(Unicode.Scalar(path[bad])))' in the path",
                hint: "a Pushgateway URL has no query or fragment; percent-encode other characters")
        }
        var k = 0
        while k < path.count {
            if path[k] == 0x25 {
                guard k + 2 < path.count, isHexDigit(path[k + 1]), isHexDigit(path[k + 2]) else {
                    throw invalid("'%' not followed by two hex digits")
                }
            }
            k += 1
        }
        var host: ArraySlice<UInt8>
        var portText: ArraySlice<UInt8>?
        if authority.first == 0x5B {
            guard let close = authority.firstIndex(of: 0x5D) else { throw invalid("missing ']' after the IPv6 address") }
            host = authority[(authority.startIndex + 1)..<close]
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == 0x3A else { throw invalid("text after ']'") }
                portText = after.dropFirst()
            }
            var address = in6_addr()
            guard inet_pton(AF_INET6, String(decoding: host, as: UTF8.self), &address) == 1 else {
                throw invalid("not an IPv6 address in brackets")
            }
        } else {
            host = authority
            if let colon = authority.firstIndex(of: 0x3A) {
                host = authority[..<colon]
                portText = authority[(colon + 1)...]
            }
            if portText?.contains(0x3A) == true { throw invalid("an IPv6 address must be in brackets", hint: "write http://[::1]:9091") }
            if let bad = host.first(where: { !(isAlphanumeric($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F) }) {
                throw invalid("'\(Character(Unicode.Scalar(bad)))' in the host name")
            }
        }
        if host.isEmpty { throw invalid("no host") }
        var port = secure ? 443 : 80
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let p = Int(String(decoding: portText, as: UTF8.self)), (1...65535).contains(p)
            else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = p
        }
        return Endpoint(
            secure: secure, host: String(decoding: host, as: UTF8.self), port: port, path: String(decoding: path, as: UTF8.self))
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isHexDigit(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }

    /// RFC 3986 `pchar` and `/`: unreserved, sub-delims, ':', '@', '%'.
    static func isPathByte(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || "-._~!$&'()*+,;=:@/%".utf8.contains(b)
    }

    /// Sends one request and reads the response; the whole exchange takes at most `timeout` seconds.
    public static func request(
        _ method: String, url: String, body: [UInt8] = [], contentType: String? = nil,
        timeout: Double = 30
    ) throws(HTTPError) -> Response {
        let endpoint = try parse(url)
        guard !endpoint.secure else {
            throw HTTPError(message: "qgate's own HTTP client speaks plain http only", hint: "https goes through curl (CurlClient)")
        }
        let deadline = Clock.monotonicSeconds() + timeout
        let peer = endpoint.authority
        func timedOut() -> HTTPError {
            HTTPError(
                message: "no complete answer from \(peer) within \(NumberFormatting.exact(timeout)) s",
                hint: "is the Pushgateway overloaded or not a Pushgateway? --push-timeout sets the limit")
        }
        /// Waits until `fd` is ready for `events` or the deadline passes.
        func wait(_ fd: Int32, _ events: Int16) throws(HTTPError) {
            while true {
                if deadline - Clock.monotonicSeconds() <= 0 { throw timedOut() }
                var p = pollfd(fd: fd, events: events, revents: 0)
                // The time left is measured again for each try: a signal must not extend the deadline.
                let n = SystemCall.retryingOnInterrupt {
                    poll(&p, 1, Int32(max(0, min((deadline - Clock.monotonicSeconds()) * 1000, 3_600_000)).rounded(.up)))
                }
                if n > 0 { return }
                if n < 0 { throw HTTPError(message: "waiting for \(peer) failed: \(String(cString: strerror(errno)))") }
            }
        }

        let connection = try connectedSocket(endpoint, wait: wait)
        let target = endpoint.path.isEmpty ? "/" : endpoint.path
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(peer)\r\nUser-Agent: qgate/\(QGateVersion.current)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            try wait(connection.rawValue, Int16(POLLOUT))
            let n = SystemCall.retryingOnInterrupt {
                request.withUnsafeBytes {
                    send(connection.rawValue, $0.baseAddress! + sent, $0.count - sent, SystemCall.sendFlags)
                }
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }
            guard n > 0 else { throw HTTPError(message: "sending to \(peer) failed: \(String(cString: strerror(errno)))") }
            sent += n
        }

        var response: [UInt8] = []
        var reader = ResponseReader(head: method == "HEAD")
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let done = try reader.complete(response, peer: peer) { return done }
            try wait(connection.rawValue, Int16(POLLIN))
            let n = SystemCall.retryingOnInterrupt {
                chunk.withUnsafeMutableBytes { recv(connection.rawValue, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }
            if n < 0 { throw HTTPError(message: "no response from \(peer): \(String(cString: strerror(errno)))") }
            if n == 0 { return try reader.closed(response, peer: peer) }
            response.append(contentsOf: chunk[0..<n])
            if response.count > maximumResponseBytes {
                throw HTTPError(
                    message: "the response from \(peer) is larger than 1 MiB", hint: "check that the URL points at a Pushgateway")
            }
        }
    }

    /// A non-blocking socket connected to the first address of `endpoint` that answers.
    static func connectedSocket(_ endpoint: Endpoint, wait: (Int32, Int16) throws(HTTPError) -> Void) throws(HTTPError) -> FileDescriptor {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_NUMERICSERV
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list) == 0, let first = list else {
            throw HTTPError(message: "cannot resolve host \(Sanitize.quoted(endpoint.host))", hint: "check the --pushgateway URL")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let ai = candidate {
            candidate = ai.pointee.ai_next
            let raw = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if raw < 0 {
                lastError = errno
                continue
            }
            let connection = FileDescriptor(adopting: raw)
            _ = fcntl(connection.rawValue, F_SETFD, FD_CLOEXEC)
            SystemCall.neverSignalOnWrite(connection.rawValue)
            _ = fcntl(connection.rawValue, F_SETFL, fcntl(connection.rawValue, F_GETFL) | O_NONBLOCK)
            if connect(connection.rawValue, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return connection }
            if errno == EINPROGRESS {
                try wait(connection.rawValue, Int16(POLLOUT))
                var status: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(connection.rawValue, SOL_SOCKET, SO_ERROR, &status, &length) == 0 && status == 0 { return connection }
                lastError = status
            } else {
                lastError = errno
            }
        }
        throw HTTPError(
            message: "cannot connect to \(endpoint.authority): \(String(cString: strerror(lastError)))",
            hint: "is the Pushgateway running and reachable?")
    }

    /// Decides when the bytes read so far are a whole response.
    struct ResponseReader {
        /// A HEAD response has headers only.
        var head: Bool
        private var headerEnd: Int?
        private var status = 0
        private var contentLength: Int?
        private var chunked = false

        init(head: Bool) { self.head = head }

        /// The response, once `bytes` hold all of it; nil while more is expected.
        mutating func complete(_ bytes: [UInt8], peer: String) throws(HTTPError) -> Response? {
            if headerEnd == nil {
                guard let end = HTTPClient.findHeaderEnd(bytes) else { return nil }
                try parseHead(bytes[..<end], peer: peer)
                headerEnd = end + 4
            }
            let start = headerEnd!
            if head || status == 204 || status == 304 { return Response(status: status, body: "") }
            if chunked {
                guard let body = try HTTPClient.dechunk(bytes[start...], peer: peer) else { return nil }
                return Response(status: status, body: String(decoding: body, as: UTF8.self))
            }
            if let length = contentLength {
                guard bytes.count - start >= length else { return nil }
                return Response(status: status, body: String(decoding: bytes[start..<(start + length)], as: UTF8.self))
            }
            return nil  // the body ends when the server closes the connection
        }

        /// The server closed the connection: a whole response only if its body had no length.
        mutating func closed(_ bytes: [UInt8], peer: String) throws(HTTPError) -> Response {
            if let done = try complete(bytes, peer: peer) { return done }
            guard let start = headerEnd, !chunked, contentLength == nil else {
                throw HTTPError(
                    message: "\(peer) closed the connection before the end of its response",
                    hint: "check that the URL points at a Pushgateway")
            }
            return Response(status: status, body: String(decoding: bytes[start...], as: UTF8.self))
        }

        private mutating func parseHead(_ head: ArraySlice<UInt8>, peer: String) throws(HTTPError) {
            let lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            let parts = lines[0].split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0", parts[1].count == 3,
                let code = Int(parts[1]), code >= 200
            else {
                throw HTTPError(
                    message: "malformed HTTP status line from \(peer): \(Sanitize.quoted(String(lines[0].prefix(100))))",
                    hint: "check that the URL points at a Pushgateway")
            }
            status = code
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                let value = String(line[line.index(after: colon)...]).trimmingASCIIWhitespace()
                if name == "transfer-encoding" {
                    chunked = value.lowercased().hasSuffix("chunked")
                } else if name == "content-length" {
                    guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(value),
                        contentLength == nil || contentLength == n
                    else {
                        throw HTTPError(message: "invalid Content-Length from \(peer)", hint: "check that the URL points at a Pushgateway")
                    }
                    contentLength = n
                }
            }
        }
    }

    static func findHeaderEnd(_ b: [UInt8]) -> Int? {
        guard b.count >= 4 else { return nil }
        for i in 0...(b.count - 4) where b[i] == 0x0D && b[i + 1] == 0x0A && b[i + 2] == 0x0D && b[i + 3] == 0x0A { return i }
        return nil
    }

    /// The body of a chunked response, or nil until its last (zero-size) chunk has arrived.
    static func dechunk(_ b: ArraySlice<UInt8>, peer: String) throws(HTTPError) -> [UInt8]? {
        var out: [UInt8] = []
        var i = b.startIndex
        while true {
            var j = i
            while j + 1 < b.endIndex && !(b[j] == 0x0D && b[j + 1] == 0x0A) { j += 1 }
            if j + 1 >= b.endIndex { return nil }
            let sizeText = String(decoding: b[i..<j], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingASCIIWhitespace(), radix: 16), size >= 0, size <= maximumResponseBytes else {
                throw HTTPError(message: "malformed chunked response from \(peer)", hint: "check that the URL points at a Pushgateway")
            }
            if size == 0 { return out }  // trailers, if any, are not needed
            guard b.endIndex - (j + 2) >= size + 2 else { return nil }
            out.append(contentsOf: b[(j + 2)..<(j + 2 + size)])
            i = j + 2 + size + 2
        }
    }
}

/// Pushes metrics to a Prometheus Pushgateway: `PUT <url>/metrics/job/<job>/model/<model>`
/// replaces that group, so evaluations (`qgate`) and drift checks (`qgate-drift`)
/// use different jobs and never erase each other's series. Plain http goes
/// through qgate's own client, https through `curl` (CurlClient), which alone
/// carries `credentials`.
public enum Pushgateway {
    public static func push(
        _ text: String, model: String, url: String, job: String = "qgate", timeout: Double = 30,
        credentials: PushCredentials = PushCredentials()
    ) throws {
        let endpoint = try HTTPClient.parse(url)
        try credentials.check(for: endpoint)
        let target = url.trimmingSuffix("/") + "/metrics/job/\(job)/" + groupingLabel("model", model)
        let contentType = "text/plain; version=0.0.4; charset=utf-8"
        let response =
            endpoint.secure
            ? try CurlClient.put(target, body: Array(text.utf8), contentType: contentType, timeout: timeout, credentials: credentials)
            : try HTTPClient.request("PUT", url: target, body: Array(text.utf8), contentType: contentType, timeout: timeout)
        guard response.status == 200 || response.status == 202 else {
            let body = Sanitize.inline(String(credentials.redacting(response.body).prefix(300)))
            throw HTTPClient.HTTPError(
                message: "Pushgateway at \(Sanitize.quoted(url)) answered HTTP \(response.status): \(body)",
                hint: response.status == 401 || response.status == 403
                    ? "check \(PushCredentials.username)/\(PushCredentials.password) or \(PushCredentials.bearerToken)"
                    : "check the URL and the pushed metrics")
        }
    }

    /// `model/<value>`, or `model@base64/<urlsafe base64>` when the value is empty
    /// or has characters that are unsafe in a path segment.
    static func groupingLabel(_ name: String, _ value: String) -> String {
        let safe =
            !value.isEmpty
            && value.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
            } && value != "." && value != ".."
        if safe { return "\(name)/\(value)" }
        return "\(name)@base64/" + (value.isEmpty ? "=" : base64URL(Array(value.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : 0x3D)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
