#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program (found on PATH) with arguments — never through a shell, so no
/// argument is ever interpreted — and captures its stdout and stderr. Used for
/// `git` and, for https pushes, `curl`.
enum Subprocess {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// Killed because it outlived its time limit.
        var timedOut = false
    }

    /// Runs `arguments`; nil when the program cannot be started (not on PATH).
    ///
    /// - `input`: the program's stdin (otherwise it inherits qgate's). Written
    ///   through a socket with `MSG_NOSIGNAL`: a program that exits without
    ///   reading it cannot kill qgate with SIGPIPE.
    /// - `descriptor3`: bytes the program reads from file descriptor 3
    ///   (`/dev/fd/3`), at most 16 KiB. The way to hand it a secret: argv is
    ///   visible to every user in /proc, and a pipe never touches the disk.
    /// - `timeout`: past it (plus a grace second) the program is killed.
    ///
    /// Stdout and stderr are read while stdin is written, so neither side can block the other.
    static func run(_ arguments: [String], input: [UInt8]? = nil, descriptor3: [UInt8]? = nil, timeout: Double? = nil) -> Output? {
        guard let out = Pipe(), let err = Pipe() else { return nil }
        // Raw descriptors, closed by hand below: -1 where not used.
        var stdinEnds: [Int32] = [-1, -1]  // [the child's, ours]
        var extraEnds: [Int32] = [-1, -1]  // a pipe: [read, write]
        defer { for fd in [stdinEnds[1]] where fd >= 0 { _ = close(fd) } }
        if input != nil {
            #if canImport(Glibc)
                let stream = Int32(SOCK_STREAM.rawValue)
            #else
                let stream = SOCK_STREAM
            #endif
            guard socketpair(AF_UNIX, stream, 0, &stdinEnds) == 0 else { return nil }
            SystemCall.neverSignalOnWrite(stdinEnds[1])
        }
        if let descriptor3 {
            // Small enough for the pipe's buffer: written whole, and the write end
            // closed, before the program starts.
            guard descriptor3.count <= 16 * 1024, pipe(&extraEnds) == 0 else {
                for fd in stdinEnds where fd >= 0 { _ = close(fd) }
                stdinEnds = [-1, -1]
                return nil
            }
            let written = SystemCall.writeAll(extraEnds[1], descriptor3)
            _ = close(extraEnds[1])
            guard written else {
                for fd in stdinEnds + [extraEnds[0]] where fd >= 0 { _ = close(fd) }
                stdinEnds = [-1, -1]
                return nil
            }
        }

        // An opaque pointer on Darwin, a struct on glibc and musl.
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil { posix_spawn_file_actions_adddup2(&actions, stdinEnds[0], 0) }
        posix_spawn_file_actions_adddup2(&actions, out.write.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write.rawValue, 2)
        if descriptor3 != nil { posix_spawn_file_actions_adddup2(&actions, extraEnds[0], 3) }
        // No other descriptor of ours goes to the child; one that already had a
        // target number (0–3) was replaced there by the dup2 above.
        let lowest: Int32 = descriptor3 == nil ? 3 : 4
        let ours = [out.read.rawValue, out.write.rawValue, err.read.rawValue, err.write.rawValue] + stdinEnds + [extraEnds[0]]
        for fd in Set(ours) where fd >= lowest { posix_spawn_file_actions_addclose(&actions, fd) }

        let cArgs = arguments.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, nil, cArgs, environ)
        // The child has its copies; ours must close, or reading would never see the end.
        out.write.close()
        err.write.close()
        for fd in [stdinEnds[0], extraEnds[0]] where fd >= 0 { _ = close(fd) }
        guard rc == 0 else { return nil }

        var output = Output(status: 0, stdout: [], stderr: [])
        let deadline = timeout.map { Clock.monotonicSeconds() + $0 + 1 }
        var pending = input ?? []
        var sent = 0
        var stdinOpen = input != nil
        var streams = (out: true, err: true)
        if stdinOpen { _ = fcntl(stdinEnds[1], F_SETFL, fcntl(stdinEnds[1], F_GETFL) | O_NONBLOCK) }
        if stdinOpen && pending.isEmpty {
            shutdown(stdinEnds[1], Int32(SHUT_WR))
            stdinOpen = false
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while streams.out || streams.err {
            var fds: [pollfd] = []
            if streams.out { fds.append(pollfd(fd: out.read.rawValue, events: Int16(POLLIN), revents: 0)) }
            if streams.err { fds.append(pollfd(fd: err.read.rawValue, events: Int16(POLLIN), revents: 0)) }
            if stdinOpen { fds.append(pollfd(fd: stdinEnds[1], events: Int16(POLLOUT), revents: 0)) }
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - Clock.monotonicSeconds()
                if left <= 0 {
                    kill(pid, SIGKILL)
                    output.timedOut = true
                    break
                }
                wait = Int32(min(left * 1000, 3_600_000).rounded(.up))
            }
            let n = SystemCall.retryingOnInterrupt { poll(&fds, nfds_t(fds.count), wait) }
            if n < 0 { break }
            for p in fds where p.revents != 0 {
                if p.fd == stdinEnds[1] {
                    let written = pending.withUnsafeBytes { buffer in
                        SystemCall.retryingOnInterrupt {
                            send(p.fd, buffer.baseAddress! + sent, buffer.count - sent, SystemCall.sendFlags)
                        }
                    }
                    if written > 0 { sent += written }
                    // Done, or the program stopped reading (it exits and says why on stderr).
                    if sent == pending.count || (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                        shutdown(p.fd, Int32(SHUT_WR))
                        stdinOpen = false
                        pending = []
                    }
                    continue
                }
                let got = chunk.withUnsafeMutableBytes { buffer in
                    SystemCall.retryingOnInterrupt { read(p.fd, buffer.baseAddress, buffer.count) }
                }
                if got <= 0 {
                    if p.fd == out.read.rawValue { streams.out = false } else { streams.err = false }
                } else if p.fd == out.read.rawValue {
                    output.stdout.append(contentsOf: chunk[0..<got])
                } else {
                    output.stderr.append(contentsOf: chunk[0..<got])
                }
            }
        }
        var status: Int32 = 0
        _ = SystemCall.retryingOnInterrupt { waitpid(pid, &status, 0) }
        let exited = (status & 0x7F) == 0
        output.status = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return output
    }

    /// Both ends of a `pipe(2)`.
    struct Pipe: ~Copyable {
        var read: FileDescriptor
        var write: FileDescriptor

        init?() {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { return nil }
            read = FileDescriptor(adopting: ends[0])
            write = FileDescriptor(adopting: ends[1])
        }
    }
}
