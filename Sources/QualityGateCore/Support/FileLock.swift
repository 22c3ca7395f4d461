#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, held for the lifetime
/// of the value. Serializes writers to the baseline store across processes; the
/// kernel releases it if the process dies, so a crash never leaves it held.
public final class FileLock {
    private let file: FileDescriptor

    /// Waits at most `timeout` seconds (nil: forever) for the lock, so a hung
    /// holder makes CI fail with a named error instead of hanging until the job's limit.
    public init(path: String, timeout: Double? = nil) throws(FileError) {
        // O_NOFOLLOW: a lock file planted as a link must not create or lock another file.
        // O_NONBLOCK: a FIFO planted as the lock file must not block the open.
        guard let file = FileDescriptor(opening: path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) else {
            throw FileSystem.error(errno, path: path, operation: "lock")
        }
        let deadline = timeout.map { Clock.monotonicSeconds() + $0 }
        while SystemCall.retryingOnInterrupt({ flock(file.rawValue, deadline == nil ? LOCK_EX : LOCK_EX | LOCK_NB) }) != 0 {
            let e = errno
            if e == EWOULDBLOCK, let deadline {
                if Clock.monotonicSeconds() < deadline {
                    usleep(20_000)
                    continue
                }
                let seconds = timeout.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "?"
                throw FileError(
                    kind: .lockTimeout, path: path, reason: "still held by another process after \(seconds) s", operation: "lock")
            }
            throw FileSystem.error(e, path: path, operation: "lock")
        }
        self.file = file
    }

    // Closing the descriptor (right after this) releases the lock as well;
    // unlocking first keeps the release explicit.
    deinit {
        flock(file.rawValue, LOCK_UN)
    }
}
