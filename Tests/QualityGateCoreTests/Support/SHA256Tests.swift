import Foundation
import XCTest

@testable import QualityGateCore

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 / NIST CAVP example vectors.
    func testNISTVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUpdatesEqualOneShotAtEveryBlockBoundary() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 299] {
            var h = SHA256()
            h.update(data[0..<split])
            h.update(data[split...])
            XCTAssertEqual(h.finalizeHex(), SHA256.hex(data), "split at \(split)")
        }
    }

    /// Against coreutils on a large file (about 8 MB, streamed in 1 MiB chunks).
    func testMatchesSha256sumOnALargeFile() throws {
        let path = NSTemporaryDirectory() + "qgate-sha-\(getpid()).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = [UInt8](repeating: 0, count: 8_000_003)
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<bytes.count {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            bytes[i] = UInt8(truncatingIfNeeded: x)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let (hex, size) = try FileSystem.sha256(ofFile: path)
        XCTAssertEqual(hex, String(out.prefix(64)))
        XCTAssertEqual(size, 8_000_003)
    }
}
