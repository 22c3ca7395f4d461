import XCTest

@testable import QualityGateCore

/// The crash hooks follow the build configuration: present in debug (test)
/// builds, absent in release builds such as the one the composite action ships.
/// `dev/check-release-hooks.sh` checks the real release binary.
final class TestHooksTests: XCTestCase {
    func testCrashHooksExistInDebugBuildsOnly() {
        #if DEBUG
            XCTAssertTrue(TestHooks.compiledIn)
        #else
            XCTAssertFalse(TestHooks.compiledIn, "a release build must not obey QGATE_TEST_CRASH_AT")
        #endif
    }
}
