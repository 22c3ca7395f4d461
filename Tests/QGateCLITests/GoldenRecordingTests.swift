import Foundation
import QGateTestSupport
import XCTest

/// `QGATE_UPDATE_GOLDEN=1` writes the golden and fails the test, so a recording
/// run can never pass CI (issue 16).
final class GoldenRecordingTests: TemporaryDirectoryTestCase {
    func testRecordingWritesTheGoldenAndFails() throws {
        let path = dir + "/g.txt"
        XCTAssertEqual(
            try TestSupport.checkGolden("new\n", "g.txt", at: path, recording: true),
            "QGATE_UPDATE_GOLDEN=1: created golden g.txt (4 bytes) at \(path); "
                + "review it with `git diff`, then rerun without QGATE_UPDATE_GOLDEN — a recording run always fails")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new\n")
        // Even a recording that changes nothing fails: the run was a recording.
        XCTAssertEqual(
            try TestSupport.checkGolden("new\n", "g.txt", at: path, recording: true)?
                .hasPrefix("QGATE_UPDATE_GOLDEN=1: rewrote (unchanged) golden g.txt (4 bytes)"), true)
        XCTAssertEqual(
            try TestSupport.checkGolden("newer\n", "g.txt", at: path, recording: true)?
                .hasPrefix("QGATE_UPDATE_GOLDEN=1: rewrote (changed) golden g.txt (6 bytes)"), true)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "newer\n")
    }

    func testComparingPassesOnlyOnAnExactMatch() throws {
        let path = try write("g.txt", "same\n")
        XCTAssertNil(try TestSupport.checkGolden("same\n", "g.txt", at: path, recording: false))
        XCTAssertEqual(
            try TestSupport.checkGolden("same", "g.txt", at: path, recording: false)?
                .hasPrefix("golden g.txt differs; rerun with QGATE_UPDATE_GOLDEN=1 if the change is intended"), true)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "same\n", "comparing never writes")
    }
}
