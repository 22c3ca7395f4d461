import XCTest

@testable import QualityGateCore

/// `schema/quality-gates.schema.json` is `PolicySchema` written out: editors and
/// CI read the file, and this keeps it from drifting from the loader
/// (`QGATE_UPDATE_GOLDEN=1` rewrites it, and fails, like every golden).
final class PolicySchemaFileTests: XCTestCase {
    func testCommittedSchemaIsTheGeneratedOne() throws {
        let recording = ProcessInfo.processInfo.environment["QGATE_UPDATE_GOLDEN"] == "1"
        let path = TestSupport.packageRoot + "/schema/quality-gates.schema.json"
        if let failure = try TestSupport.checkGolden(PolicySchema.rendered(), "quality-gates.schema.json", at: path, recording: recording) {
            XCTFail(failure)
        }
    }

    /// Every key the loader accepts has a schema entry, and every condition
    /// kind is one of the alternatives a gate must have.
    func testSchemaCoversEveryKeyAndConditionKind() {
        let text = PolicySchema.rendered()
        for key in PolicyLoader.topLevelKeys + PolicyLoader.gateKeys + PolicyLoader.defaultsKeys + DriftConfig.keys {
            XCTAssertTrue(text.contains("\"\(key)\": {"), key)
        }
        for kind in ConditionKind.allCases {
            XCTAssertTrue(text.contains("\"required\": [\n            \"\(kind.key)\"\n          ]"), kind.key)
        }
    }
}
