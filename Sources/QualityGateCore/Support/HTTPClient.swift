#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a TCP socket, for pushing to a Prometheus
/// Pushgateway without Foundation or a package. Plain `http://` only.
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

    struct Endpoint {
        var host: String
        var port: String
        var path: String
    }

    static func parse(_ url: String) throws(HTTPError) -> Endpoint {
        guard url.hasPrefix("http://") else {
            throw HTTPError(message: "unsupported URL \(Sanitize.quoted(url))",
                            hint: url.hasPrefix("https://") ? "qgate pushes over plain http; reach a TLS endpoint through a local proxy" : "use http://host:port")
        }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(authority)
        var port = "80"
        if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        guard !host.isEmpty, !port.isEmpty, port.allSatisfy(\.isNumber),
              !host.contains(where: { $0 == "@" || $0.isWhitespace }) else {
            throw HTTPError(message: "invalid URL \(Sanitize.quoted(url))", hint: "use http://host:port")
        }
        return Endpoint(host: host, port: port, path: path)
    }

    /// Sends one request and reads the whole response; times out after `timeout` seconds.
    public static func request(_ method: String, url: String, body: [UInt8] = [], contentType: String? = nil,
                               timeout: Int = 10) throws(HTTPError) -> Response {
        let endpoint = try parse(url)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(endpoint.host, endpoint.port, &hints, &list) == 0, let first = list else {
            throw HTTPError(message: "cannot resolve host \(Sanitize.quoted(endpoint.host))", hint: "check the --pushgateway URL")
        }
        defer { freeaddrinfo(list) }
        var fd: Int32 = -1
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let ai = candidate {
            fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if fd >= 0 {
                var tv = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { break }
                lastError = errno
                close(fd)
                fd = -1
            }
            candidate = ai.pointee.ai_next
        }
        guard fd >= 0 else {
            throw HTTPError(message: "cannot connect to \(endpoint.host):\(endpoint.port): \(String(cString: strerror(lastError)))",
                            hint: "is the Pushgateway running and reachable?")
        }
        defer { close(fd) }
        let path = endpoint.path.isEmpty ? "/" : endpoint.path
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(endpoint.host):\(endpoint.port)\r\nUser-Agent: qgate/\(QGateVersion.current)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw HTTPError(message: "sending to \(endpoint.host):\(endpoint.port) failed: \(String(cString: strerror(errno)))") }
            sent += n
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw HTTPError(message: "no response from \(endpoint.host):\(endpoint.port): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            response.append(contentsOf: chunk[0..<n])
            if response.count > 16 << 20 { break }
        }
        guard let headerEnd = findHeaderEnd(response) else {
            throw HTTPError(message: "malformed HTTP response from \(endpoint.host):\(endpoint.port)")
        }
        let statusLine = String(decoding: response.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw HTTPError(message: "malformed HTTP status line from \(endpoint.host):\(endpoint.port)")
        }
        let headers = String(decoding: response[..<headerEnd], as: UTF8.self).lowercased()
        var bodyBytes = Array(response[(headerEnd + 4)...])
        if headers.contains("transfer-encoding: chunked") { bodyBytes = dechunk(bodyBytes) }
        return Response(status: status, body: String(decoding: bodyBytes, as: UTF8.self))
    }

    static func findHeaderEnd(_ b: [UInt8]) -> Int? {
        guard b.count >= 4 else { return nil }
        for i in 0...(b.count - 4) where b[i] == 0x0D && b[i + 1] == 0x0A && b[i + 2] == 0x0D && b[i + 3] == 0x0A { return i }
        return nil
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            var j = i
            while j + 1 < b.count && !(b[j] == 0x0D && b[j + 1] == 0x0A) { j += 1 }
            let sizeText = String(decoding: b[i..<j], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingASCIIWhitespace(), radix: 16), size > 0, j + 2 <= b.count, size <= b.count - j - 2 else { break }
            out.append(contentsOf: b[(j + 2)..<(j + 2 + size)])
            i = j + 2 + size + 2
        }
        return out
    }
}

/// Pushes metrics to a Prometheus Pushgateway: `PUT <url>/metrics/job/<job>/model/<model>`
/// replaces that group, so evaluations (`qgate`) and drift checks (`qgate-drift`)
/// use different jobs and never erase each other's series.
public enum Pushgateway {
    public static func push(_ text: String, model: String, url: String, job: String = "qgate") throws {
        _ = try HTTPClient.parse(url)
        let target = url.trimmingSuffix("/") + "/metrics/job/\(job)/" + groupingLabel("model", model)
        let response = try HTTPClient.request("PUT", url: target, body: Array(text.utf8),
                                              contentType: "text/plain; version=0.0.4; charset=utf-8")
        guard response.status == 200 || response.status == 202 else {
            throw HTTPClient.HTTPError(
                message: "Pushgateway at \(Sanitize.quoted(url)) answered HTTP \(response.status): \(Sanitize.inline(String(response.body.prefix(300))))",
                hint: "check the URL and the pushed metrics")
        }
    }

    /// `model/<value>`, or `model@base64/<urlsafe base64>` when the value is empty
    /// or has characters that are unsafe in a path segment.
    static func groupingLabel(_ name: String, _ value: String) -> String {
        let safe = !value.isEmpty && value.utf8.allSatisfy { b in
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
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : 0x3D)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        var s = self
        while s.last == suffix { s.removeLast() }
        return s
    }
}
