import XCTest

@testable import QualityGateCore

/// The first invalid UTF-8 byte, found with an ASCII fast path of 32 bytes at
/// a time, must be the one a byte-by-byte check finds, wherever it lies
/// relative to those blocks.
final class UTF8ValidationTests: XCTestCase {
    /// The byte-by-byte answer: the longest valid prefix, by the standard library's decoder.
    func reference(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            var length = 0
            for n in 1...4 where i + n <= bytes.count {
                if String(validating: bytes[i..<(i + n)], as: UTF8.self) != nil {
                    length = n
                    break
                }
            }
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    func testAgreesWithAByteByByteCheck() {
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(String(repeating: "x", count: 31).utf8), Array("é".utf8), Array("漢".utf8),
            Array("🙂".utf8), [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]
        ]
        var invalid = 0
        for round in 0..<3000 {
            var bytes = Array(repeating: UInt8(0x61), count: next(100))
            for _ in 0..<next(4) { bytes += pieces[next(pieces.count)] }
            bytes += Array(repeating: UInt8(0x62), count: next(70))
            if round % 3 == 0 { bytes.insert(0xC0, at: next(bytes.count + 1)) }
            let expected = reference(bytes)
            if expected != nil { invalid += 1 }
            XCTAssertEqual(UTF8Validation.firstInvalidOffset(bytes), expected, "\(bytes)")
        }
        XCTAssertGreaterThan(invalid, 1000)
        // An invalid byte at each place of a block, after whole ASCII blocks.
        for k in 0..<96 {
            var bytes = Array(repeating: UInt8(0x20), count: 96)
            bytes[k] = 0x80
            XCTAssertEqual(UTF8Validation.firstInvalidOffset(bytes), k)
        }
    }
}
