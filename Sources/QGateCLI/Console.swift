import QualityGateCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes and what it knows of its surroundings. The real one
/// writes to the process's stdout/stderr; tests pass one that records output.
///
/// The one chokepoint of qgate's output: every byte for stdout and stderr goes
/// through `writeOut`/`writeErr`, which pass it through a `WorkflowCommandGuard`
/// per stream, so no untrusted text can become a command for the CI runner;
/// `writeWorkflowCommands` is the only way to write a line starting with `::`.
public struct Console {
    private let out: GuardedStream
    private let err: GuardedStream
    public var environment: [String: String]
    public var stdoutIsTTY: Bool
    public var stderrIsTTY: Bool
    /// Whether a write to stdout failed (a full disk, a closed pipe): the
    /// command must then not report success.
    public var stdoutFailed: () -> Bool = { false }

    /// `writeOut` and `writeErr` receive the guarded text, ready for the streams.
    public init(writeOut: @escaping (String) -> Void, writeErr: @escaping (String) -> Void,
                environment: [String: String], stdoutIsTTY: Bool, stderrIsTTY: Bool) {
        self.out = GuardedStream(writeOut)
        self.err = GuardedStream(writeErr)
        self.environment = environment
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
    }

    public func writeOut(_ text: String) { out.write(text) }
    public func writeErr(_ text: String) { err.write(text) }

    /// qgate's own annotations, each on a line of its own on stdout.
    public func writeWorkflowCommands(_ commands: [WorkflowCommand]) {
        for c in commands { out.command(c.line) }
    }

    /// Writes what the guards still hold back (invisible characters at the very end).
    public func finish() {
        out.finish()
        err.finish()
    }

    /// A stream and the guard in front of it.
    final class GuardedStream: @unchecked Sendable {
        private var guardState = WorkflowCommandGuard()
        private let sink: (String) -> Void

        init(_ sink: @escaping (String) -> Void) { self.sink = sink }

        func write(_ text: String) { emit(guardState.filter(text)) }
        func command(_ line: String) { emit(guardState.command(line)) }
        func finish() { emit(guardState.finish()) }

        private func emit(_ text: String) { if !text.isEmpty { sink(text) } }
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
