import Foundation
import XCTest

/// `promtool check metrics` (Debian's `prometheus` package) on an exposition
/// qgate wrote: the linter Prometheus users run, so its complaints (a `_days`
/// name, a malformed line) fail the test. Skipped when promtool is not
/// installed, unless QGATE_REQUIRE_PROMTOOL=1 (.ci/run sets it).
public enum PromtoolCheck {
    public static let binary = "/usr/bin/promtool"

    public static func metrics(_ exposition: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            if ProcessInfo.processInfo.environment["QGATE_REQUIRE_PROMTOOL"] == "1" {
                XCTFail("promtool is not installed but QGATE_REQUIRE_PROMTOOL=1", file: file, line: line)
            }
            throw XCTSkip("promtool not installed (Debian package prometheus)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(exposition.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // promtool exits 0 even for some lint findings: any output is a finding.
        XCTAssertEqual(process.terminationStatus, 0, said, file: file, line: line)
        XCTAssertEqual(said, "", "promtool check metrics: " + said, file: file, line: line)
    }
}
