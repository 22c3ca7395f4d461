import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `FileSystem.makeDirectories` and `makeParentDirectories`: `mkdir -p`, with a
/// file in the way named.
final class FileSystemTests: TemporaryDirectoryTestCase {
    func testMakeParentDirectoriesCreatesEveryMissingLevel() throws {
        try FileSystem.makeParentDirectories(of: dir + "/a/b/c/report.md")
        XCTAssertTrue(FileSystem.isDirectory(dir + "/a/b/c"))
        XCTAssertFalse(FileSystem.exists(dir + "/a/b/c/report.md"))
        try FileSystem.makeParentDirectories(of: dir + "/a/b/c/report.md")  // existing: nothing to do
        try FileSystem.makeParentDirectories(of: "report.md")  // the working directory
    }

    /// A file where a directory is needed used to be taken for a directory
    /// (EEXIST ignored); the write after it then failed naming the report, not the file.
    func testAFileInTheWayIsAnErrorNamingIt() throws {
        let file = try write("gate", "x\n")
        for path in [file, file + "/sub"] {
            XCTAssertThrowsError(try FileSystem.makeDirectories(path + "/deeper")) { error in
                let fileError = error as? FileError
                XCTAssertEqual(fileError?.kind, .notDirectory)
                XCTAssertEqual(fileError?.message, "cannot create directory `\(file)`: it exists and is not a directory")
            }
        }
    }
}
