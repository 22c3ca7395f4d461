import Foundation
import XCTest

@testable import QGateCLI

/// Paths and helpers shared by the CLI tests.
enum TestSupport {
    /// The package root (tests run commands from there, as README does).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The built `qgate` binary next to the test bundle.
    static var binary: String {
        if let env = ProcessInfo.processInfo.environment["QGATE_BIN"] { return env }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("qgate").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot + "/.build/debug/qgate"
    }

    /// An existing store directory without any history.
    static let emptyStore: String = {
        let path = NSTemporaryDirectory() + "qgate-empty-store-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    struct Result {
        var exit: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the real binary (or `program`) from the package root (or `directory`).
    static func runBinary(
        _ args: [String], environment: [String: String] = [:],
        program: String = binary, directory: String = packageRoot
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        // A test run inside GitHub Actions must not write to the job's own outputs.
        env.removeValue(forKey: "GITHUB_ACTIONS")
        // Never pick up a developer's own .qgate store by accident: an empty store has no baselines.
        env["QGATE_STORE"] = emptyStore
        for (k, v) in environment { env[k] = v }
        return try launch(program, args, environment: env, directory: directory, tty: false)
    }

    /// Runs `qgate` from the package root with only the environment given
    /// (no variable of the test run that qgate reads leaks in), its streams
    /// terminals when `tty` is set. The child gets its working directory; this
    /// process never changes its own (BoundaryTests checks).
    static func run(_ args: [String], environment: [String: String] = [:], tty: Bool = false, store: String? = emptyStore) -> Result {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !(key.hasPrefix("QGATE_") || key.hasPrefix("GITHUB_") || ["NO_COLOR", "TERM", "CI"].contains(key))
        }
        if let store { env["QGATE_STORE"] = store }
        for (k, v) in environment { env[k] = v }
        do {
            return try launch(binary, args, environment: env, directory: packageRoot, tty: tty)
        } catch {
            return Result(exit: -1, stdout: "", stderr: "cannot run \(binary): \(error)")
        }
    }

    private static func launch(
        _ program: String, _ args: [String], environment: [String: String], directory: String,
        tty: Bool
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = environment
        if tty {
            let out = try PseudoTerminal()
            let err = try PseudoTerminal()
            p.standardOutput = out.follower
            p.standardError = err.follower
            try p.run()
            // Only the child holds the terminals now, so reading ends when it exits.
            try out.follower.close()
            try err.follower.close()
            let o = out.readAll()
            let e = err.readAll()
            p.waitUntilExit()
            return Result(exit: p.terminationStatus, stdout: o, stderr: e)
        }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(exit: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A pseudo-terminal, so that the child's `isatty` is true: it writes to
    /// `follower`, the test reads what arrived at the leader side.
    final class PseudoTerminal {
        let leader: FileHandle
        let follower: FileHandle

        struct Failure: Error { var call: String }

        init() throws {
            let fd = posix_openpt(O_RDWR | O_NOCTTY)
            guard fd >= 0 else { throw Failure(call: "posix_openpt") }
            leader = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            guard grantpt(fd) == 0, unlockpt(fd) == 0, let name = ptsname(fd) else { throw Failure(call: "grantpt") }
            let f = open(name, O_RDWR | O_NOCTTY)
            guard f >= 0 else { throw Failure(call: "open \(String(cString: name))") }
            // Bytes exactly as written: no "\n" to "\r\n" translation.
            var settings = termios()
            tcgetattr(f, &settings)
            settings.c_oflag &= ~tcflag_t(OPOST)
            tcsetattr(f, TCSANOW, &settings)
            follower = FileHandle(fileDescriptor: f, closeOnDealloc: true)
        }

        /// Everything written until the last writer closed its side (Linux then reports EIO).
        func readAll() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(leader.fileDescriptor, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Compares with a golden file in Tests/Fixtures/golden. `QGATE_UPDATE_GOLDEN=1`
    /// rewrites it and then fails the test, so a recording run can never pass CI.
    static func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let recording = ProcessInfo.processInfo.environment["QGATE_UPDATE_GOLDEN"] == "1"
        if let failure = try checkGolden(actual, name, at: packageRoot + "/Tests/Fixtures/golden/" + name, recording: recording) {
            XCTFail(failure, file: file, line: line)
        }
    }

    /// The decision behind `assertGolden`, apart from XCTest so it can be tested:
    /// nil when `actual` matches the golden at `path`, else the failure to report.
    /// Recording writes `actual` to `path` and always reports a failure naming what
    /// it wrote: a recording is for a person to review with `git diff`, not a pass.
    static func checkGolden(_ actual: String, _ name: String, at path: String, recording: Bool) throws -> String? {
        if recording {
            let previous = try? String(contentsOfFile: path, encoding: .utf8)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            let what = previous == nil ? "created" : previous == actual ? "rewrote (unchanged)" : "rewrote (changed)"
            return "QGATE_UPDATE_GOLDEN=1: \(what) golden \(name) (\(actual.utf8.count) bytes) at \(path); "
                + "review it with `git diff`, then rerun without QGATE_UPDATE_GOLDEN — a recording run always fails"
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        return actual == expected
            ? nil
            : "golden \(name) differs; rerun with QGATE_UPDATE_GOLDEN=1 if the change is intended\n--- expected\n\(expected)\n+++ actual\n\(actual)"
    }
}

#if canImport(Glibc)
    // glibc declares the pseudo-terminal calls only under _XOPEN_SOURCE, which the
    // Glibc module does not define; they are plain C functions of ints and pointers.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    @_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
    @_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
    @_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
    @_silgen_name("ptsname") private func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?
#endif
