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
    /// The run's clock, pinned or not (`QGateCommandLine.run` sets it from the environment).
    public var clock = Clock.system
    /// Whether a write to stdout failed (a full disk, a closed pipe): the
    /// command must then not report success.
    public var stdoutFailed: () -> Bool = { false }

    /// `writeOut` and `writeErr` receive the guarded text as UTF-8 bytes, ready
    /// for the streams.
    public init(
        writeOut: @escaping ([UInt8]) -> Void, writeErr: @escaping ([UInt8]) -> Void,
        environment: [String: String], stdoutIsTTY: Bool, stderrIsTTY: Bool
    ) {
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
        private let sink: ([UInt8]) -> Void

        init(_ sink: @escaping ([UInt8]) -> Void) { self.sink = sink }

        func write(_ text: String) { emit(guardState.filterBytes(text)) }
        func command(_ line: String) { emit(guardState.commandBytes(line)) }
        func finish() { emit(guardState.finishBytes()) }

        private func emit(_ bytes: [UInt8]) { if !bytes.isEmpty { sink(bytes) } }
    }

    /// Remembers a failed write to stdout.
    final class FailureFlag: @unchecked Sendable { var failed = false }

    /// The process's own streams. Each write goes out at once so that stdout and
    /// stderr lines keep their order in CI logs.
    public static func system() -> Console {
        var env: [String: String] = [:]
        for key in [
            "NO_COLOR", "TERM", "GITHUB_ACTIONS", "CI", "QGATE_STORE", "GITHUB_SHA", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "QGATE_TODAY",
            "QGATE_NOW",
            "QGATE_HISTORY_KEY", "QGATE_LOCK_TIMEOUT"
        ] + PushCredentials.variables {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        let flag = FailureFlag()
        var console = Console(
            // Unbuffered whole writes: a workflow command or a report line is never split.
            writeOut: { if !SystemCall.writeAll(1, $0) { flag.failed = true } },
            writeErr: { _ = SystemCall.writeAll(2, $0) },
            environment: env,
            stdoutIsTTY: isatty(1) == 1,
            stderrIsTTY: isatty(2) == 1)
        console.stdoutFailed = { flag.failed }
        return console
    }
}

extension Console {
    /// The system's clock, unless `QGATE_NOW` (an ISO 8601 time) or `QGATE_TODAY`
    /// (`YYYY-MM-DD`) pins it, for tests and replays.
    func pinnedClock() throws -> Clock {
        var clock = Clock.system
        if let now = environment["QGATE_NOW"], !now.isEmpty {
            // 1970 to 9999: history records are compared as four-digit-year text.
            guard let seconds = Clock.epochSeconds(fromISO: now), seconds >= 0, seconds < 253_402_300_800 else {
                throw UsageError(
                    "invalid QGATE_NOW \(Sanitize.quoted(now))", command: nil, hint: "use an ISO 8601 time such as 2026-11-24T08:30:00Z")
            }
            clock.pinnedEpochSeconds = seconds
        }
        if let today = environment["QGATE_TODAY"], !today.isEmpty {
            guard let day = Clock.days(fromISODate: today) else {
                throw UsageError("invalid QGATE_TODAY \(Sanitize.quoted(today))", command: nil, hint: "use YYYY-MM-DD")
            }
            clock.pinnedDay = day
        }
        return clock
    }
}
