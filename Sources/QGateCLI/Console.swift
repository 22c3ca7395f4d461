#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes and what it knows of its surroundings. The real one
/// writes to the process's stdout/stderr; tests pass one that records output.
public struct Console {
    public var writeOut: (String) -> Void
    public var writeErr: (String) -> Void
    public var environment: [String: String]
    public var stdoutIsTTY: Bool
    public var stderrIsTTY: Bool

    public init(writeOut: @escaping (String) -> Void, writeErr: @escaping (String) -> Void,
                environment: [String: String], stdoutIsTTY: Bool, stderrIsTTY: Bool) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.environment = environment
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
    }

    /// Unbuffered whole writes: a workflow command or a report line is never split.
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// The process's own streams. Each write goes out at once so that stdout and
    /// stderr lines keep their order in CI logs.
    public static func system() -> Console {
        var env: [String: String] = [:]
        for key in ["NO_COLOR", "TERM", "GITHUB_ACTIONS", "CI", "QGATE_STORE", "GITHUB_SHA", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        return Console(
            writeOut: { writeAll(1, $0) },
            writeErr: { writeAll(2, $0) },
            environment: env,
            stdoutIsTTY: isatty(1) == 1,
            stderrIsTTY: isatty(2) == 1)
    }
}
