#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two rules every POSIX call in qgate follows, written once: a call that a
/// signal interrupts (EINTR) is made again, and a write is not done until every
/// byte is written. Nothing outside this file names EINTR (BoundaryTests checks).
public enum SystemCall {
    /// Calls `body` until it does not fail with EINTR, and returns its result.
    /// `body` is a C call that returns a negative value and sets errno on failure;
    /// errno is left as the final call set it.
    @inline(__always)
    static func retryingOnInterrupt<T: BinaryInteger>(_ body: () -> T) -> T {
        while true {
            let result = body()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes all of `bytes` to `fd`, however many calls the kernel needs.
    /// Returns false with errno set if a write fails; a write that makes no
    /// progress counts as failing (EIO), rather than looping forever.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = retryingOnInterrupt { write(fd, buffer.baseAddress! + written, buffer.count - written) }
                if n < 0 { return false }
                if n == 0 {
                    errno = EIO
                    return false
                }
                written += n
            }
            return true
        }
    }

    /// For `send` on a socket: never block (callers poll a deadline) and never
    /// raise SIGPIPE when the peer is gone (Darwin has no MSG_NOSIGNAL; there
    /// `neverSignalOnWrite` sets SO_NOSIGPIPE on the socket instead).
    #if canImport(Darwin)
        static let sendFlags = Int32(MSG_DONTWAIT)
    #else
        static let sendFlags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
    #endif

    /// A socket whose peer hung up must not SIGPIPE the gate (Darwin only;
    /// elsewhere `sendFlags` carries MSG_NOSIGNAL).
    static func neverSignalOnWrite(_ socket: Int32) {
        #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }
}
