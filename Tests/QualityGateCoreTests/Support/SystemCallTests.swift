import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The one syscall layer: EINTR is retried in one place, writes are whole, and
/// a descriptor closes when its owner goes away (issue 16, "One syscall layer").
final class SystemCallTests: TemporaryDirectoryTestCase {
    func testAnInterruptedCallIsMadeAgainAndItsFailureKept() {
        var calls = 0
        let n = SystemCall.retryingOnInterrupt { () -> Int in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        XCTAssertEqual(n, 7)
        XCTAssertEqual(calls, 3)
        // Any other failure is returned at once, with its errno.
        calls = 0
        let failed = SystemCall.retryingOnInterrupt { () -> Int32 in
            calls += 1
            errno = EBADF
            return -1
        }
        XCTAssertEqual(failed, -1)
        XCTAssertEqual(errno, EBADF)
        XCTAssertEqual(calls, 1)
    }

    func testWriteAllWritesEveryByteOrReportsErrno() throws {
        let path = dir + "/out"
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        if let file = FileDescriptor(opening: path, O_WRONLY | O_CREAT | O_CLOEXEC) {
            XCTAssertTrue(file.writeAll(bytes))
        } else {
            XCTFail("cannot create \(path)")
        }
        XCTAssertEqual(try FileSystem.readBytes(path), bytes)
        XCTAssertFalse(SystemCall.writeAll(-1, [1]))
        XCTAssertEqual(errno, EBADF)
    }

    /// Open descriptors of this process (Linux; elsewhere the test skips).
    func openDescriptors() throws -> Int {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self/fd"), "needs /proc/self/fd")
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    func testADescriptorClosesWhenItsOwnerGoesAway() throws {
        let path = try write("data.csv", "a,b\n1,2\n")
        func readOnce() -> Int32 {
            guard let file = FileDescriptor(opening: path, O_RDONLY | O_CLOEXEC) else { return -1 }
            return file.rawValue
        }
        let raw = readOnce()
        XCTAssertGreaterThanOrEqual(raw, 0)
        XCTAssertEqual(fcntl(raw, F_GETFD), -1, "the descriptor is closed once its owner returns")
        // Every owner of a descriptor, on success and on error, leaves none behind.
        let bad = try write("bad.csv", "\"a\n")
        let before = try openDescriptors()
        for _ in 0..<20 {
            XCTAssertNil(CSVReader.location(path: path, line: 9, field: 0))
            XCTAssertThrowsError(try CSVBatches.read(path: bad, select: { _ in [] }, header: { _ in }, body: { _ in }))
            XCTAssertThrowsError(try FileSystem.readBytes(dir))
            try FileSystem.writeAtomically([1], to: dir + "/written")
            try FileSystem.append([2], to: dir + "/written")
            XCTAssertEqual(try FileSystem.readBytes(dir + "/written"), [1, 2])
            _ = try FileLock(path: dir + "/.lock", timeout: 1)
            let child = Subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
            XCTAssertEqual(child?.status, 3)
            XCTAssertEqual(child?.stdout, Array("out\n".utf8))
            XCTAssertEqual(child?.stderr, Array("err\n".utf8))
            // The https push's plumbing: stdin through a socket, a secret on descriptor 3.
            let fed = Subprocess.run(["sh", "-c", "cat; cat <&3"], input: Array("in|".utf8), descriptor3: Array("secret".utf8))
            XCTAssertEqual(fed?.stdout, Array("in|secret".utf8))
            let early = Subprocess.run(["sh", "-c", "exit 4"], input: [UInt8](repeating: 65, count: 1 << 20))
            XCTAssertEqual(early?.status, 4, "a program that never reads its stdin neither blocks nor kills qgate")
            XCTAssertNil(Subprocess.run(["true"], descriptor3: [UInt8](repeating: 0, count: 16 * 1024 + 1)))
        }
        XCTAssertEqual(try openDescriptors(), before)
    }
}
