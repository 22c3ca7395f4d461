import Foundation
import QGateTestSupport
import XCTest

@testable import QGateCLI

/// `qgate evaluate`: a command line that cannot be understood changes nothing.
final class EvaluateCommandTests: TemporaryDirectoryTestCase {
    /// Every option value is checked while parsing, before the evaluation runs:
    /// a misspelt `--output` format used to be found after `--record` had
    /// already appended the verdict to the history, so a run that exits 2 left
    /// a record behind (and a retry recorded twice).
    func testAnUnknownOutputFormatRecordsNothing() throws {
        let store = dir + "/store"
        let r = try TestSupport.runBinary(
            [
                "evaluate", "--metrics", "Examples/sentiment/metrics-blocked.json",
                "--baseline", "Examples/sentiment/baseline.json", "--record", "--output", "jsn=" + dir + "/gate.json"
            ],
            environment: ["QGATE_STORE": store])
        XCTAssertEqual(r.exit, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(
            r.stderr,
            "error: unknown report format 'jsn' in '--output jsn=\(dir)/gate.json' — did you mean 'json'?\nSee 'qgate evaluate --help'.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: store), "the store was written")
    }
}
