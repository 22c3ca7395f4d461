import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real TCP server on 127.0.0.1 (or ::1) for HTTP client tests: it accepts
/// connections on a thread, reads each request (head and Content-Length body)
/// and hands the socket to `respond`, which writes whatever misbehaviour the
/// test needs (drip bytes, keep the connection open, ...).
public final class LoopbackHTTPServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var requestsSeen: [String] = []

    /// nil when the address family is not available here (IPv6 in some containers).
    public init?(ipv6: Bool = false, respond: @escaping @Sendable (_ client: Int32, _ server: LoopbackHTTPServer) -> Void) {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var bound: Int32
        if ipv6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_addr = in6addr_loopback
            bound = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_addr.s_addr = inet_addr("127.0.0.1")
            bound = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            return nil
        }
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        // sin_port and sin6_port sit at the same offset.
        port = Int(UInt16(bigEndian: storage.sin6_port))
        listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                // The thread, not stop(), closes the listener: closed there, its
                // number could be reused by the next test's socket while this
                // thread still accepts on it, answering with the wrong responder.
                if client < 0 || isStopped {
                    if client >= 0 { close(client) }
                    close(listener)
                    return
                }
                let request = Self.readRequest(client)
                lock.lock()
                requestsSeen.append(request)
                lock.unlock()
                respond(client, self)
                close(client)
            }
        }
    }

    /// Request heads (and bodies) received so far, as text.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requestsSeen
    }

    /// True once `stop()` was called: dripping responders end then.
    public var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        // Wakes the blocked accept(), which then fails and the thread closes the socket.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Writes all of `text`; false once the peer has gone.
    @discardableResult
    public static func write(_ client: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func readRequest(_ client: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        while true {
            let text = String(decoding: bytes, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.distance(from: end.upperBound, to: text.endIndex) >= length { return text }
            }
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += buffer[0..<n]
        }
    }
}
