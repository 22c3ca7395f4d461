import Foundation
import QGateTestSupport
import XCTest

/// `--output FILE` without `FORMAT=`: the extension picks the format, and
/// missing parent directories are created.
final class ReportDestinationTests: TemporaryDirectoryTestCase {
    private let evaluate = [
        "evaluate", "--metrics", "Examples/sentiment/metrics.json", "--baseline", "Examples/sentiment/baseline.json"
    ]
    private let now = ["QGATE_NOW": "2026-11-29T12:00:00Z"]

    private func report(_ format: String) throws -> String {
        let r = try TestSupport.runBinary(evaluate + ["--format", format], environment: now)
        XCTAssertEqual(r.exit, 0, r.stderr)
        return r.stdout
    }

    private func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// A plain FILE whose extension names a format is written in it, whatever
    /// `--format` says; stdout still only gets the verdict line, on stderr.
    /// Before, every plain FILE got the `--format` report (here json).
    func testTheExtensionPicksTheFormat() throws {
        let cases = [
            ("r.md", "markdown"), ("r.markdown", "markdown"), ("R.MD", "markdown"), ("r.json", "json"), ("r.xml", "junit"),
            ("r.prom", "prometheus"), ("r.txt", "text"), ("r.Txt", "text"), ("r.html", "html"), ("r.htm", "html")
        ]
        for (name, format) in cases {
            let path = dir + "/" + name
            let r = try TestSupport.runBinary(evaluate + ["--format", "json", "--output", path], environment: now)
            XCTAssertEqual(r.exit, 0, r.stderr)
            XCTAssertEqual(r.stdout, "", name)
            XCTAssertEqual(r.stderr, "qgate: PASSED with 1 warning (report written to \(path))\n", name)
            XCTAssertEqual(try contents(path), try report(format), name)
        }
    }

    /// An unknown or missing extension (and `.github`, a hidden `.json`, a dot
    /// in a directory's name) keeps the `--format` report.
    func testAnUnknownOrMissingExtensionKeepsTheFormatReport() throws {
        let markdown = try report("markdown")
        try FileManager.default.createDirectory(atPath: dir + "/d.json", withIntermediateDirectories: true)
        for name in ["r.xhtml", "r", "r.github", ".json", "d.json/r", "r.json.bak", "r."] {
            let path = dir + "/" + name
            let r = try TestSupport.runBinary(evaluate + ["--format", "markdown", "--output", path], environment: now)
            XCTAssertEqual(r.exit, 0, r.stderr)
            XCTAssertEqual(r.stdout, "", name)
            XCTAssertEqual(try contents(path), markdown, name)
        }
    }

    /// `FORMAT=` still wins over the extension, and the report stays on stdout.
    func testAnExplicitFormatWinsOverTheExtension() throws {
        let path = dir + "/r.md"
        let r = try TestSupport.runBinary(evaluate + ["--output", "json=" + path], environment: now)
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stdout, try report("text"))
        XCTAssertEqual(try contents(path), try report("json"))
    }

    /// Missing parent directories are created, for FORMAT=FILE, a plain FILE,
    /// `drift --output` and `score --output`. Before, each was "No such file or directory", exit 2.
    func testMissingParentDirectoriesAreCreated() throws {
        let plain = dir + "/a/b/gate.md"
        let junit = dir + "/c/gate.xml"
        let r = try TestSupport.runBinary(evaluate + ["--output", plain, "--output", "junit=" + junit], environment: now)
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stderr, "qgate: PASSED with 1 warning (report written to \(plain), \(junit))\n")
        XCTAssertEqual(try contents(plain), try report("markdown"))
        XCTAssertEqual(try contents(junit), try report("junit"))

        let driftReport = dir + "/drift/out/report.json"
        let drift = try TestSupport.runBinary(
            [
                "drift", "--reference", "Examples/sentiment/drift/reference.csv", "--current", "Examples/sentiment/drift/current.csv",
                "--output",
                "json=" + driftReport
            ], environment: now)
        XCTAssertNotEqual(drift.exit, 2, drift.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: driftReport))

        let predictions = try write("p.csv", "label,score\n1,0.9\n0,0.2\n1,0.7\n0,0.4\n")
        let metrics = dir + "/score/out/metrics.json"
        let score = try TestSupport.runBinary([
            "score", "--predictions", predictions, "--label", "label", "--score", "score", "--output", metrics
        ])
        XCTAssertEqual(score.exit, 0, score.stderr)
        XCTAssertTrue(try contents(metrics).hasPrefix("{"))
    }

    /// A parent that exists as a file is an error (exit 2) naming it; nothing is written.
    func testAParentThatIsAFileIsAnErrorNamingIt() throws {
        let file = try write("gate", "not a directory\n")
        let r = try TestSupport.runBinary(evaluate + ["--output", file + "/sub/r.md"], environment: now)
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(
            r.stderr,
            "error: cannot create directory `\(file)`: it exists and is not a directory — a file is where a directory is needed: move it, or choose another path\n"
        )
        XCTAssertEqual(try contents(file), "not a directory\n")
    }

    /// A run that fails after writing a report removes it; the directories it
    /// created stay (they hold nothing of the run).
    func testAFailedRunRemovesItsReportsButKeepsTheDirectories() throws {
        let file = try write("gate", "x\n")
        let first = dir + "/new/dir/r.md"
        let r = try TestSupport.runBinary(
            evaluate + ["--output", "markdown=" + first, "--output", "json=" + file + "/r.json"], environment: now)
        XCTAssertEqual(r.exit, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: first), "the report of a failed run stayed")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/new/dir", isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/new/dir"), [])
    }
}
