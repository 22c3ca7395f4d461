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
        // Optional ends, each closed by its owner: setting one to nil closes it.
        var childStdin: FileDescriptor? = nil
        var ourStdin: FileDescriptor? = nil
        var childDescriptor3: FileDescriptor? = nil
        if input != nil {
            var ends: [Int32] = [-1, -1]
            #if canImport(Glibc)
                let stream = Int32(SOCK_STREAM.rawValue)
            #else
                let stream = SOCK_STREAM
            #endif
            guard socketpair(AF_UNIX, stream, 0, &ends) == 0 else { return nil }
            childStdin = FileDescriptor(adopting: ends[0])
            ourStdin = FileDescriptor(adopting: ends[1])
            SystemCall.neverSignalOnWrite(ends[1])
        }
        if let descriptor3 {
            // Small enough for the pipe's buffer: written whole, and the write end
            // closed, before the program starts.
            guard descriptor3.count <= 16 * 1024, let extra = Pipe(), extra.write.writeAll(descriptor3) else { return nil }
            extra.write.close()
            childDescriptor3 = .some(extra.read)
        }

        // An opaque pointer on Darwin, a struct on glibc and musl.
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let stdinFDs = [childStdin?.rawValue, ourStdin?.rawValue].compactMap { $0 }
        let descriptor3FD = childDescriptor3?.rawValue
        if let fd = childStdin?.rawValue { posix_spawn_file_actions_adddup2(&actions, fd, 0) }
        posix_spawn_file_actions_adddup2(&actions, out.write.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write.rawValue, 2)
        if let descriptor3FD { posix_spawn_file_actions_adddup2(&actions, descriptor3FD, 3) }
        // No other descriptor of ours goes to the child; one that already had a
        // target number (0–3) was replaced there by the dup2 above.
        let lowest: Int32 = descriptor3 == nil ? 3 : 4
        let ours =
            [out.read.rawValue, out.write.rawValue, err.read.rawValue, err.write.rawValue] + stdinFDs + [descriptor3FD].compactMap { $0 }
        for fd in Set(ours) where fd >= lowest { posix_spawn_file_actions_addclose(&actions, fd) }

        let cArgs = arguments.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, nil, cArgs, environ)
        // The child has its copies; ours must close, or reading would never see the end.
        out.write.close()
        err.write.close()
        childStdin = nil
        childDescriptor3 = nil
        guard rc == 0 else { return nil }

        var output = Output(status: 0, stdout: [], stderr: [])
        let deadline = timeout.map { Clock.monotonicSeconds() + $0 + 1 }
        var pending = input ?? []
        var sent = 0
        let stdinFD = ourStdin?.rawValue ?? -1
        var stdinOpen = input != nil
        var streams = (out: true, err: true)
        if stdinOpen { _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK) }
        if stdinOpen && pending.isEmpty {
            shutdown(stdinFD, Int32(SHUT_WR))
            stdinOpen = false
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while streams.out || streams.err {
            var fds: [pollfd] = []
            if streams.out { fds.append(pollfd(fd: out.read.rawValue, events: Int16(POLLIN), revents: 0)) }
            if streams.err { fds.append(pollfd(fd: err.read.rawValue, events: Int16(POLLIN), revents: 0)) }
            if stdinOpen { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
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
                if p.fd == stdinFD {
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
        // Closed only now: the loop above wrote through its raw descriptor.
        ourStdin = nil
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
