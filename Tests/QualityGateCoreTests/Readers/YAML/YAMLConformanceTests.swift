import XCTest

@testable import QualityGateCore

/// Runs the YAML parser over the official yaml-test-suite (../shared/conformance
/// beside the clone) and sorts every case into matched, refused as unsupported,
/// refused as invalid, or wrong. Any wrong case fails the test.
final class YAMLConformanceTests: XCTestCase {
    static var suiteDirectory: String {
        if let env = ProcessInfo.processInfo.environment["QGATE_YAML_SUITE"] { return env }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/conformance/yaml-test-suite").path
    }

    func testYAMLTestSuite() throws {
        let dir = Self.suiteDirectory
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            XCTFail(
                """
                YAML TEST SUITE NOT FOUND at \(dir).
                The conformance test needs the official yaml-test-suite beside the clone \
                (../shared/conformance/yaml-test-suite) or QGATE_YAML_SUITE=path. It refuses to pass silently.
                """)
            return
        }
        let report = YAMLConformance.run(suiteDirectory: dir)
        print(report.summary)
        for line in report.wrong { print("WRONG: \(line)") }
        if ProcessInfo.processInfo.environment["QGATE_YAML_SUITE_VERBOSE"] != nil {
            for line in report.refusedOther { print("REFUSED-VALID: \(line)") }
        }
        XCTAssertGreaterThan(report.total, 300, "expected the whole suite, found \(report.total) cases")
        XCTAssertEqual(
            report.wrong.count, 0, "cases parsed to a wrong value or accepted although invalid:\n" + report.wrong.joined(separator: "\n"))
    }
}
