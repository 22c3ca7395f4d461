#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, held for the lifetime
/// of the value. Serializes writers to the baseline store across processes; the
/// kernel releases it if the process dies, so a crash never leaves it held.
public final class FileLock {
    private let fd: Int32

    public init(path: String) throws(FileError) {
        // O_NOFOLLOW: a lock file planted as a link must not create or lock another file.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0 { throw FileSystem.error(errno, path: path, operation: "lock") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            throw FileSystem.error(e, path: path, operation: "lock")
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
