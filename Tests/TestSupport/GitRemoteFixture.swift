import Foundation
import XCTest

/// A bare repository on the local disk acting as `origin`, and clones of it,
/// for the tests of the store kept in git. git runs without the system config
/// and with HOME inside the test's directory (whose global config sets only a
/// user name and email), so the tests behave the same on a clean CI machine.
public struct GitRemoteFixture {
    public let root: String
    public var remote: String { root + "/remote.git" }
    /// For every git and qgate process the test starts.
    public let environment: [String: String]

    public init(root: String) throws {
        self.root = root
        let home = root + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "[user]\n\tname = Test Writer\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"
            .write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
        environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": home, "GIT_TERMINAL_PROMPT": "0", "XDG_CONFIG_HOME": home + "/.config"]
        try git(["init", "--quiet", "--bare", remote], in: root)
    }

    /// A clone of the remote (without any commit while the remote is empty).
    public func clone(_ name: String) throws -> String {
        let path = root + "/" + name
        try git(["clone", "--quiet", remote, path], in: root)
        return path
    }

    /// Runs git; its stdout, or a test failure with its stderr.
    @discardableResult
    public func git(_ arguments: [String], in directory: String) throws -> String {
        let r = try run("/usr/bin/env", ["git"] + arguments, in: directory)
        guard r.status == 0 else {
            throw NSError(
                domain: "git", code: Int(r.status),
                userInfo: [NSLocalizedDescriptionKey: "git \(arguments.joined(separator: " ")): \(r.stderr)"])
        }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `program` in `directory` with the fixture's environment (over the test's own).
    public func run(
        _ program: String, _ arguments: [String], in directory: String,
        extra: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = start(program, arguments, in: directory, extra: extra)
        try p.process.run()
        return p.finish()
    }

    /// A process ready to run (`process.run()`), and how to collect its result.
    public func start(
        _ program: String, _ arguments: [String], in directory: String,
        extra: [String: String] = [:]
    ) -> (process: Process, finish: () -> (status: Int32, stdout: String, stderr: String)) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GITHUB_ACTIONS")
        env.removeValue(forKey: "QGATE_HISTORY_KEY")
        for (k, v) in environment { env[k] = v }
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        return (
            p,
            {
                let o = out.fileHandleForReading.readDataToEndOfFile()
                let e = err.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
            }
        )
    }

    /// Sets the fixture's environment on this process (for in-process tests that
    /// run git through qgate) and returns how to put the old one back.
    public func applyToThisProcess() -> () -> Void {
        let saved = environment.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
        for (k, v) in environment { setenv(k, v, 1) }
        return {
            for (k, v) in saved {
                if let v { setenv(k, v, 1) } else { unsetenv(k) }
            }
        }
    }

    /// Rewrites `history/MODEL.jsonl` on the remote branch with `edit` applied
    /// and force-pushes it, as someone rewriting the store's history would.
    public func tamper(branch: String, model: String, _ edit: (String) -> String) throws {
        let work = try clone("tamper-\(UUID().uuidString.prefix(8))")
        try git(["fetch", "--quiet", "origin", branch], in: work)
        try git(["checkout", "--quiet", "-B", branch, "FETCH_HEAD"], in: work)
        let path = work + "/history/\(model).jsonl"
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        try git(["commit", "--quiet", "-am", "edit a record"], in: work)
        try git(["push", "--quiet", "--force", "origin", branch], in: work)
    }
}
