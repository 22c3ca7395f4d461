import XCTest

@testable import QualityGateCore

/// Baseline store errors matched by kind.
final class BaselineErrorKindTests: XCTestCase {
    func testNamesAndSettings() {
        XCTAssertEqual(thrownKinds(BaselineArea.self) { _ = try ModelName("../etc") }, ["invalidModelName"])
        XCTAssertEqual(
            thrownKinds(BaselineArea.self) {
                _ = try BaselineStore.resolve(option: nil, environment: ["QGATE_HISTORY_KEY": "short"], clock: .system)
            },
            ["historyKeyTooShort"])
        XCTAssertEqual(
            thrownKinds(BaselineArea.self) {
                _ = try BaselineStore.resolve(option: nil, environment: ["QGATE_LOCK_TIMEOUT": "soon"], clock: .system)
            },
            ["invalidLockTimeout"])
        XCTAssertEqual(
            thrownKinds(BaselineArea.self) { _ = try GitRevision.readFile(ref: "--output=x", path: "m.json") }, ["invalidRevision"])
        XCTAssertEqual(
            thrownKinds(BaselineArea.self) { _ = try ReleaseStatistics.compute([], model: "m", since: "last week", policy: nil) },
            ["invalidSinceDate"])
    }

    func testTamperedRecords() {
        func kinds(_ line: String) -> [ErrorKind] {
            thrownKinds(BaselineArea.self) { _ = try HistoryRecord.parse(line: line, number: 1, file: "h.jsonl") }
        }
        XCTAssertEqual(kinds("{}"), ["recordWithoutHash"])
        let hash = String(repeating: "0", count: 64)
        XCTAssertEqual(kinds(#"{"seq":1,"sha256":"\#(hash)"}"#), ["modifiedRecord"])
        let body = #"{"seq":1,"event":"promote","time":"yesterday","model":"m","prev_sha256":"\#(hash)"}"#
        let sealed = String(body.dropLast()) + #","sha256":"\#(SHA256.hex(Array(body.utf8)))"}"#
        XCTAssertEqual(kinds(sealed), ["invalidRecordField"])
    }
}
