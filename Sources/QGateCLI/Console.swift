import QualityGateCore
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
    /// Whether a write to stdout failed (a full disk, a closed pipe): the
    /// command must then not report success.
    public var stdoutFailed: () -> Bool = { false }

    public init(writeOut: @escaping (String) -> Void, writeErr: @escaping (String) -> Void,
                environment: [String: String], stdoutIsTTY: Bool, stderrIsTTY: Bool) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.environment = environment
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
    }

    /// Unbuffered whole writes: a workflow command or a report line is never split.
    @discardableResult
    static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Remembers a failed write to stdout.
    final class FailureFlag: @unchecked Sendable { var failed = false }

    /// The process's own streams. Each write goes out at once so that stdout and
    /// stderr lines keep their order in CI logs.
    public static func system() -> Console {
        var env: [String: String] = [:]
        for key in ["NO_COLOR", "TERM", "GITHUB_ACTIONS", "CI", "QGATE_STORE", "GITHUB_SHA", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "QGATE_TODAY", "QGATE_NOW",
                    "QGATE_HISTORY_KEY", "QGATE_LOCK_TIMEOUT"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        let flag = FailureFlag()
        var console = Console(
            writeOut: { if !writeAll(1, $0) { flag.failed = true } },
            writeErr: { writeAll(2, $0) },
            environment: env,
            stdoutIsTTY: isatty(1) == 1,
            stderrIsTTY: isatty(2) == 1)
        console.stdoutFailed = { flag.failed }
        return console
    }
}

extension Console {
    /// Today as pinned by `QGATE_TODAY=YYYY-MM-DD` (for tests and replays), in days since 1970-01-01.
    func pinnedToday(command: String?) throws -> Int? {
        guard let today = environment["QGATE_TODAY"], !today.isEmpty else { return nil }
        guard let day = Clock.days(fromISODate: today) else {
            throw UsageError("invalid QGATE_TODAY \(Sanitize.quoted(today))", command: command, hint: "use YYYY-MM-DD")
        }
        return day
    }
}
