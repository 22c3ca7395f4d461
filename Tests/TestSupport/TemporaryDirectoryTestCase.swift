import Foundation
import XCTest

/// A test case with a fresh temporary directory per test and a helper to write
/// files into it; shared by both test targets.
open class TemporaryDirectoryTestCase: XCTestCase {
    public var dir = ""

    override open func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "qgate-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override open func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    public func write(_ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
