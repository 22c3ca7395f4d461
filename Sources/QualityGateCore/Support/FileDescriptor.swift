#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor that closes itself when its owner goes away, so no
/// path (an early return, a thrown error) can leak one. Non-copyable: exactly
/// one owner closes it, exactly once. The shape of swift-system's `FileDescriptor`,
/// without the package.
struct FileDescriptor: ~Copyable {
    let rawValue: Int32

    /// Takes ownership of a descriptor a C call returned (`socket`, `pipe`, `mkstemp`).
    init(adopting rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `open(2)`; nil with errno set on failure.
    init?(opening path: String, _ flags: Int32, permissions: mode_t = 0o644) {
        let fd = SystemCall.retryingOnInterrupt { open(path, flags, permissions) }
        if fd < 0 { return nil }
        self.rawValue = fd
    }

    /// `read(2)` into `buffer`: the number of bytes read, 0 at the end, or -1 with errno set.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        SystemCall.retryingOnInterrupt { readDescriptor(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes all of `bytes`; false with errno set on failure.
    func writeAll(_ bytes: [UInt8]) -> Bool {
        SystemCall.writeAll(rawValue, bytes)
    }

    /// `fsync(2)`: true once the bytes are on disk; false with errno set.
    func sync() -> Bool {
        SystemCall.retryingOnInterrupt { fsync(rawValue) } == 0
    }

    /// Closes now rather than at the end of the owner's scope (a temp file
    /// before its rename, a pipe's write end once the child has it).
    consuming func close() {
        closeDescriptor(rawValue)
        discard self
    }

    deinit { closeDescriptor(rawValue) }
}

// Free functions: inside the type, `read` and `close` name its own methods.

/// `close(2)`, never retried: on Linux the descriptor is gone even when close
/// reports an interrupt, and a retry could close one another thread just opened.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
