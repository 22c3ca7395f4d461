#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program (found on PATH) with arguments — never through a shell, so no
/// argument is ever interpreted — and captures its stdout. Used only for `git`.
enum Subprocess {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    static func run(_ arguments: [String]) -> Output? {
        guard let out = Pipe(), let err = Pipe() else { return nil }
        // An opaque pointer on Darwin, a struct on glibc and musl.
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out.write.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write.rawValue, 2)
        posix_spawn_file_actions_addclose(&actions, out.read.rawValue)
        posix_spawn_file_actions_addclose(&actions, err.read.rawValue)
        let cArgs = arguments.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, nil, cArgs, environ)
        // The child has its copies; ours must close, or reading would never see the end.
        out.write.close()
        err.write.close()
        guard rc == 0 else { return nil }
        // Read stderr after stdout: git's stderr output here is tiny, so it cannot fill its pipe first.
        let outBytes = readAll(out.read)
        let errBytes = readAll(err.read)
        var status: Int32 = 0
        _ = SystemCall.retryingOnInterrupt { waitpid(pid, &status, 0) }
        let exited = (status & 0x7F) == 0
        return Output(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), stdout: outBytes, stderr: errBytes)
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

    private static func readAll(_ file: borrowing FileDescriptor) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { file.read(into: $0) }
            if n <= 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
