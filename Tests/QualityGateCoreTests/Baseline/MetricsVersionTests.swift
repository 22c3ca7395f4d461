import XCTest

@testable import QualityGateCore

/// The `version` key of a metrics file, as `baseline promote` and `evaluate --record` read it.
final class MetricsVersionTests: XCTestCase {
    func version(_ text: String, _ file: String = "m.json") throws -> String? {
        try MetricsVersion.read(Array(text.utf8), file: file)
    }

    func testStringsAndNumbersAreTakenAsWritten() throws {
        XCTAssertEqual(try version(#"{"accuracy": 0.9, "version": "1.4.0"}"#), "1.4.0")
        XCTAssertEqual(try version(#"{"version": 1.10}"#), "1.10")
        XCTAssertEqual(try version(#"{"version": 7}"#), "7")
        XCTAssertEqual(try version("accuracy: 0.9\nversion: 1.10  # release\n", "m.yaml"), "1.10")
        XCTAssertEqual(try version("{version: 2, accuracy: 0.9}\n", "m.yaml"), "2")
        XCTAssertEqual(try version("version: '1.4.0-rc1'\n", "m.yaml"), "1.4.0-rc1")
    }

    func testNoTopLevelVersionIsNil() throws {
        XCTAssertNil(try version(#"{"accuracy": 0.9, "meta": {"version": "1"}}"#))
        XCTAssertNil(try version("accuracy: 0.9\n", "m.yaml"))
    }

    func testANonScalarVersionIsAnInputErrorAtTheValue() throws {
        for (text, file, found, position) in [
            (#"{"version": ["1", "4"]}"#, "m.json", "an array", "m.json:1:13"),
            (#"{"version": {"major": 1}}"#, "m.json", "an object", "m.json:1:13"),
            (#"{"version": true}"#, "m.json", "a boolean", "m.json:1:13"),
            (#"{"version": null}"#, "m.json", "null", "m.json:1:13"),
            ("version:\n  major: 1\n", "m.yaml", "a mapping", "m.yaml:2:3")
        ] {
            XCTAssertThrowsError(try version(text, file)) { error in
                let e = error as? MetricsError
                XCTAssertEqual(e?.kind, "versionNotAScalar")
                XCTAssertEqual(e?.message, "`version` must be a string or a number, found \(found)")
                XCTAssertEqual(e?.location.map { "\($0.file):\($0.line):\($0.column)" }, position)
                XCTAssertEqual(e?.hint, "write the version as a string, e.g. \"1.4.0\"")
            }
        }
        XCTAssertThrowsError(try version(#"{"version": ""}"#)) { error in
            XCTAssertEqual((error as? MetricsError)?.message, "`version` is empty")
        }
    }
}
