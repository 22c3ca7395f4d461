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
    static func runBinary(_ args: [String], environment: [String: String] = [:],
                          program: String = binary, directory: String = packageRoot) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        // A test run inside GitHub Actions must not write to the job's own outputs.
        env.removeValue(forKey: "GITHUB_ACTIONS")
        // Never pick up a developer's own .qgate store by accident: an empty store has no baselines.
        env["QGATE_STORE"] = emptyStore
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(exit: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs the command line in-process with a recording console, from the package root.
    static func run(_ args: [String], environment: [String: String] = [:], tty: Bool = false, store: String? = emptyStore) -> Result {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(packageRoot)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        final class Box: @unchecked Sendable { var out = ""; var err = "" }
        let box = Box()
        var env: [String: String] = [:]
        if let store { env["QGATE_STORE"] = store }
        for (k, v) in environment { env[k] = v }
        let console = Console(writeOut: { box.out += $0 }, writeErr: { box.err += $0 }, environment: env,
                              stdoutIsTTY: tty, stderrIsTTY: tty)
        let code = QGateCommandLine.run(args, console: console)
        return Result(exit: code, stdout: box.out, stderr: box.err)
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
        return actual == expected ? nil
            : "golden \(name) differs; rerun with QGATE_UPDATE_GOLDEN=1 if the change is intended\n--- expected\n\(expected)\n+++ actual\n\(actual)"
    }
}
