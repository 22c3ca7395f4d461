/// Maps byte offsets to 1-based line and column numbers. Parsers keep byte
/// offsets while they work and only pay for line/column when a position is
/// needed (an error, or the line of a gate).
public struct LineTable: Sendable {
    /// 32-bit offsets: a file of newlines would otherwise cost 8 bytes of table
    /// per byte. Inputs are read through `FileSystem.readBytes` (at most 1 GiB).
    private let lineStarts: [UInt32]
    private let bytes: [UInt8]
    /// UTF-8 continuation bytes in bytes[0 ..< k·256], for k = 0, 1, …; empty
    /// for ASCII input. Makes a column O(256) even on a megabyte-long line.
    private let continuations: [Int]
    private static let stride = 256

    public init(_ bytes: [UInt8]) {
        precondition(bytes.count < Int(UInt32.max), "LineTable holds 32-bit offsets")
        var starts: [UInt32] = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        var nonASCII = false
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var i = 0
            while i < n {
                // Eight bytes at a time while they hold no CR, taking each LF
                // from the word's mask: a large metrics file (a break every 30
                // bytes) is built a table it rarely needs (only for an error).
                if i + 8 <= n, let base = buffer.baseAddress {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if word & 0x8080_8080_8080_8080 != 0 { nonASCII = true }
                    if LineTable.bytesEqual(word, 0x0D) == 0 {
                        var lf = LineTable.bytesEqual(word, 0x0A)
                        while lf != 0 {
                            starts.append(UInt32(i + lf.trailingZeroBitCount / 8 + 1))
                            lf &= lf &- 1
                        }
                        i += 8
                        continue
                    }
                }
                let b = buffer[i]
                if b >= 0x80 { nonASCII = true }
                if b == 0x0A {
                    starts.append(UInt32(i + 1))
                } else if b == 0x0D {
                    // CR LF counts as one line break; a lone CR is a break too.
                    if i + 1 < n && buffer[i + 1] == 0x0A { i += 1 }
                    starts.append(UInt32(i + 1))
                }
                i += 1
            }
        }
        self.lineStarts = starts
        self.bytes = bytes
        var marks: [Int] = []
        if nonASCII {
            marks.reserveCapacity(bytes.count / LineTable.stride + 2)
            var count = 0
            for (i, b) in bytes.enumerated() {
                if i % LineTable.stride == 0 { marks.append(count) }
                if b & 0xC0 == 0x80 { count += 1 }
            }
            marks.append(count)
        }
        self.continuations = marks
    }

    /// 0x80 in each of the eight bytes of `word` (little-endian) that is
    /// `byte`, 0 in the others: exact, unlike the shorter test that only says
    /// whether there is one (it can mark the byte after a match too).
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        let low7 = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low7 | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// Continuation bytes before `offset`.
    private func continuationsBefore(_ offset: Int) -> Int {
        guard !continuations.isEmpty else { return 0 }
        let block = offset / LineTable.stride
        var count = continuations[min(block, continuations.count - 1)]
        var i = block * LineTable.stride
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 == 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Line and column (in Unicode scalars, so a multi-byte prefix does not shift it).
    public func position(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(lineStarts[mid]) <= offset { lo = mid } else { hi = mid - 1 }
        }
        // Continuation bytes (10xxxxxx) do not start a new scalar.
        let start = Int(lineStarts[lo])
        let column = 1 + (offset - start) - (continuationsBefore(offset) - continuationsBefore(start))
        return (lo + 1, column)
    }

    /// The text of a 1-based line without its line break, for showing context.
    public func lineText(_ line: Int) -> String? {
        guard line >= 1 && line <= lineStarts.count else { return nil }
        let start = Int(lineStarts[line - 1])
        var end = line < lineStarts.count ? Int(lineStarts[line]) : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
