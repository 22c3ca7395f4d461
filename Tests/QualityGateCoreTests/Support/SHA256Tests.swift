import Foundation
import XCTest

@testable import QualityGateCore

final class SHA256Tests: XCTestCase {
    /// The engines this CPU can run: always the portable one, and the SHA
    /// extensions where present (the machines qgate is developed on have them).
    let engines = SHA256.Engine.allCases.filter(\.isAvailable)

    func hex(_ engine: SHA256.Engine, _ bytes: [UInt8]) -> String {
        var h = SHA256(engine: engine)
        h.update(bytes)
        return h.finalizeHex()
    }

    /// FIPS 180-4 / NIST CAVP example vectors, on every engine.
    func testNISTVectors() {
        let vectors: [(String, [UInt8])] = [
            ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", []),
            ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Array("abc".utf8)),
            (
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            ),
            (
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
                Array(
                    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                        .utf8)
            ),
            ("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", [UInt8](repeating: 0x61, count: 1_000_000))
        ]
        for engine in engines {
            for (digest, message) in vectors {
                XCTAssertEqual(hex(engine, message), digest, "\(engine), \(message.count) bytes")
            }
        }
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Where the CPU has them, `SHA256()` uses the SHA extensions unless
    /// QGATE_SHA256=portable; without them, always the portable engine.
    func testEngineChoice() {
        XCTAssertEqual(SHA256.Engine.choose(environment: nil, hardwareAvailable: true), .shaExtensions)
        XCTAssertEqual(SHA256.Engine.choose(environment: "portable", hardwareAvailable: true), .portable)
        XCTAssertEqual(SHA256.Engine.choose(environment: "sha-extensions", hardwareAvailable: false), .portable)
        XCTAssertEqual(SHA256.Engine.choose(environment: nil, hardwareAvailable: false), .portable)
        #if arch(x86_64)
            if ProcessInfo.processInfo.environment["QGATE_SHA256"] == nil,
                (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" sha_ni") == true
            {
                XCTAssertEqual(SHA256.Engine.preferred, .shaExtensions)
            }
        #endif
    }

    func testIncrementalUpdatesEqualOneShotAtEveryBlockBoundary() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for engine in engines {
            for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 299] {
                var h = SHA256(engine: engine)
                h.update(data[0..<split])
                h.update(data[split...])
                XCTAssertEqual(h.finalizeHex(), SHA256.hex(data), "\(engine), split at \(split)")
            }
        }
    }

    /// Every length from 0 to 1000 bytes (each padding case, one to sixteen
    /// blocks), random bytes, against one `sha256sum` over all of them.
    func testEveryLengthUpTo1000MatchesSha256sum() throws {
        let dir = NSTemporaryDirectory() + "qgate-sha-lengths-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix64(seed: 22)
        var messages: [[UInt8]] = []
        var paths: [String] = []
        for length in 0...1000 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let path = "\(dir)/\(length)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            messages.append(bytes)
            paths.append(path)
        }
        let expected = try sha256sum(paths)
        for engine in engines {
            for (length, message) in messages.enumerated() {
                XCTAssertEqual(hex(engine, message), expected[length], "\(engine), \(length) bytes")
            }
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
        let expected = try sha256sum([path])[0]
        let (hex, size) = try FileSystem.sha256(ofFile: path)
        XCTAssertEqual(hex, expected)
        XCTAssertEqual(size, 8_000_003)
        for engine in engines {
            // In pieces of odd sizes, so blocks straddle the calls.
            var h = SHA256(engine: engine)
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 1_000_003, bytes.count)
                h.update(bytes[offset..<end])
                offset = end
            }
            XCTAssertEqual(h.finalizeHex(), expected, "\(engine)")
        }
    }

    /// coreutils' digests of `paths`, in order.
    func sha256sum(_ paths: [String]) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"] + paths
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let digests = out.split(separator: "\n").map { String($0.prefix(64)) }
        XCTAssertEqual(digests.count, paths.count)
        return digests
    }
}
