#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A view of one CSV record's fields as byte buffers (see `CSVReader.withFields`).
public struct CSVFields {
    let buffer: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>

    public var count: Int { ends.count }

    @inline(__always) public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = starts[i]
        return s >= 0
            ? UnsafeBufferPointer(rebasing: buffer[s..<ends[i]])
            : UnsafeBufferPointer(rebasing: scratch[(-s - 1)..<ends[i]])
    }
}

/// A streaming RFC 4180 reader on UTF-8 bytes: quoted fields with `""`
/// escapes and embedded commas or line breaks, LF or CRLF, an optional BOM.
/// Memory stays at one buffer (1 MiB, or the longest record) whatever the file
/// size. Errors name the file, line and column.
///
/// A record is at most `maximumRecordBytes` long and has at most
/// `maximumColumns` fields: the buffer and the per-field offsets then stay
/// bounded whatever the file holds (a 1 GB line, a header of 200,000 names).
public struct CSVReader: ~Copyable {
    /// 16 MiB: room for long text fields, far below what a gigabyte line would take.
    public static let maximumRecordBytes = 16 << 20
    /// Wide feature tables have thousands of columns; genomics tens of thousands.
    public static let maximumColumns = 100_000

    public let path: String
    private let file: FileDescriptor
    private var buffer: [UInt8]
    private var start = 0  // first unconsumed byte in buffer
    private var end = 0  // bytes valid in buffer
    private var eof = false
    private var line = 1  // line of `start`
    private var lineStartOffset = 0  // absolute offset of the current line's start
    private var consumed = 0  // absolute offset of buffer[0]
    /// The current record's fields: unquoted ones as ranges of `buffer`, quoted
    /// ones (unescaped) as ranges of `scratch`, marked by a negative start.
    private var scratch: [UInt8] = []
    /// Owned memory rather than arrays: an append per field would check the
    /// array's uniqueness with a runtime call, two per cell on the hot path.
    private var fieldStarts: UnsafeMutablePointer<Int>
    private var fieldEnds: UnsafeMutablePointer<Int>
    private var fieldCapacity = 64
    public private(set) var fieldCount = 0
    /// 1-based line where the current record starts.
    public private(set) var recordLine = 0
    /// Absolute offset of the current record's first byte (always the start of a line).
    private var recordStartOffset = 0
    /// The current record is an empty line (not `""`, which is a field holding an empty string).
    public private(set) var isBlankLine = false
    /// A quoted field was read: a reader of one part of a file (see `CSVParts`) can then no longer trust where its part began.
    public private(set) var sawQuote = false
    /// Absolute offset where reading stops (the end of a part; `Int.max`: the end of the file).
    private let limit: Int

    /// Absolute offset of the first byte not yet read as part of a record.
    var offset: Int { consumed + start }

    /// `maximumRecordBytes`, smaller in tests.
    let recordLimit: Int

    /// Reads the file, or only the bytes of `range` (a part that starts at a
    /// line boundary; its line numbers then count from the part's start).
    public init(path: String, range: Range<Int>? = nil, recordLimit: Int = CSVReader.maximumRecordBytes) throws(FileError) {
        guard let file = FileDescriptor(opening: path, O_RDONLY | O_CLOEXEC) else {
            throw FileSystem.error(errno, path: path, operation: "read")
        }
        var st = stat()
        let known = fstat(file.rawValue, &st) == 0
        if known && (st.st_mode & S_IFMT) == S_IFDIR { throw FileSystem.error(EISDIR, path: path, operation: "read") }
        if let range, range.lowerBound > 0, lseek(file.rawValue, off_t(range.lowerBound), SEEK_SET) != off_t(range.lowerBound) {
            throw FileSystem.error(errno, path: path, operation: "read")
        }
        self.path = path
        self.file = file
        self.recordLimit = recordLimit
        self.limit = range?.upperBound ?? Int.max
        if let range, range.lowerBound > 0 {
            consumed = range.lowerBound
            lineStartOffset = range.lowerBound
        }
        // 1 MiB, or less for a small file (a pipe reports size 0: start small, the buffer grows).
        var size = known && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) + 1 : 1 << 16
        if let range { size = min(size, range.count + 1) }
        self.buffer = [UInt8](repeating: 0, count: max(4096, min(1 << 20, size)))
        self.fieldStarts = .allocate(capacity: fieldCapacity)
        self.fieldEnds = .allocate(capacity: fieldCapacity)
    }

    deinit {
        fieldStarts.deallocate()
        fieldEnds.deallocate()
    }

    /// Records field `n`'s range, doubling the storage when it is full.
    @inline(__always) private static func setField(
        _ n: Int, _ s: Int, _ e: Int, starts: inout UnsafeMutablePointer<Int>, ends: inout UnsafeMutablePointer<Int>,
        capacity: inout Int
    ) {
        if n == capacity {
            let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
            let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
            newStarts.update(from: starts, count: capacity)
            newEnds.update(from: ends, count: capacity)
            starts.deallocate()
            ends.deallocate()
            starts = newStarts
            ends = newEnds
            capacity *= 2
        }
        starts[n] = s
        ends[n] = e
    }

    /// The bytes of field `i` of the current record (valid until the next `next()`).
    @inline(__always) public func field(_ i: Int) -> ArraySlice<UInt8> {
        precondition(i >= 0 && i < fieldCount)
        let s = fieldStarts[i]
        return s >= 0 ? buffer[s..<fieldEnds[i]] : scratch[(-s - 1)..<fieldEnds[i]]
    }

    /// Unretained access to the current record's fields, for hot loops: no
    /// reference counting per cell. Valid only inside `body`.
    public func withFields<R>(_ body: (CSVFields) throws -> R) rethrows -> R {
        let starts = UnsafeBufferPointer(start: fieldStarts, count: fieldCount)
        let ends = UnsafeBufferPointer(start: fieldEnds, count: fieldCount)
        return try buffer.withUnsafeBufferPointer { b in
            // An unquoted record has nothing in `scratch` (a quoted "" is an empty range of it).
            if scratch.isEmpty {
                return try body(CSVFields(buffer: b, scratch: UnsafeBufferPointer(start: nil, count: 0), starts: starts, ends: ends))
            }
            return try scratch.withUnsafeBufferPointer { sc in try body(CSVFields(buffer: b, scratch: sc, starts: starts, ends: ends)) }
        }
    }

    /// Appends the selected fields of the current record to `bytes`, with each
    /// field's end offset in `ends` (the batch layout of `CSVBatch`). One call
    /// per record, on the reader's own storage: no closure, no reference counting per cell.
    func appendFields(_ columns: [Int], to bytes: inout [UInt8], ends: inout [Int]) {
        buffer.withUnsafeBufferPointer { b in
            scratch.withUnsafeBufferPointer { sc in
                for c in columns {
                    precondition(c < fieldCount)
                    let s = fieldStarts[c]
                    let e = fieldEnds[c]
                    if s >= 0 {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: sc[(-s - 1)..<e]))
                    }
                    ends.append(bytes.count)
                }
            }
        }
    }

    private mutating func fill() throws(FileError) {
        if start > 0 {
            // Keep the unconsumed tail (a partial record) at the front.
            let tail = end - start
            if tail > 0 { buffer.withUnsafeMutableBufferPointer { p in _ = memmove(p.baseAddress!, p.baseAddress! + start, tail) } }
            consumed += start
            end = tail
            start = 0
        }
        // Doubling, but never past the longest record (+3: a line end and one byte to
        // tell it is longer), and without a temporary array.
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: max(1, min(buffer.count, recordLimit + 3 - buffer.count))))
        }
        // Fill the whole buffer (a pipe returns ~64 KiB per read): a long record is
        // then re-parsed once per buffer size, not once per read.
        while end < buffer.count {
            let room = min(buffer.count, limit - consumed)
            if end >= room {
                eof = true
                return
            }
            let n = buffer.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end..<room])) }
            if n < 0 { throw FileSystem.error(errno, path: path, operation: "read") }
            if n == 0 {
                eof = true
                return
            }
            end += n
        }
    }

    private func location(_ absoluteOffset: Int, line: Int, lineStart: Int) -> SourceLocation {
        // Column in Unicode scalars: count non-continuation bytes when they are still buffered.
        var column = 1
        let from = lineStart - consumed
        let to = absoluteOffset - consumed
        if from >= 0 && to <= end {
            var i = from
            while i < to {
                if buffer[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        } else {
            column = absoluteOffset - lineStart + 1
        }
        return SourceLocation(file: path, line: line, column: column, source: excerpt(line: line, lineStart: lineStart))
    }

    /// The text of `line`, which starts at absolute offset `lineStart`, for an
    /// error to show: nil unless it is buffered to its end and narrow enough for
    /// the renderer to show (at most 4 bytes a character), so an error keeps at
    /// most a short line, never the file.
    private func excerpt(line: Int, lineStart: Int) -> SourceText? {
        let from = lineStart - consumed
        guard from >= 0 && from <= end else { return nil }
        let widest = DiagnosticRenderer.widestLineShown * 4
        var i = from
        while i < end && i - from <= widest && buffer[i] != 0x0A && buffer[i] != 0x0D { i += 1 }
        guard i - from <= widest && (i < end || eof) else { return nil }
        return SourceText(file: path, bytes: Array(buffer[from..<i]), firstLine: line)
    }

    /// Reads the next record (see `field(_:)`). Returns false at the end of the file.
    public mutating func next() throws -> Bool {
        while true {
            if start >= end && !eof { try fill() }
            if start >= end && eof { return false }
            if consumed == 0 && start == 0 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                start = 3
                lineStartOffset = 3
            }
            if let ok = try parseRecord() { return ok }
            // The record runs past the buffered bytes: read more and parse it again,
            // unless it is already longer than any record may be (+2: a line end).
            if end - start > recordLimit + 2 { throw tooLong() }
            try fill()
        }
    }

    /// The record starting at `start` (on `line`, which starts there) is over the limit.
    private func tooLong() -> CSVError {
        CSVError(
            .recordTooLong(recordLimit), at: location(lineStartOffset, line: line, lineStart: lineStartOffset),
            hint: "a row may be at most \(recordLimit) bytes; if a quoted field starts in this row, check that its quote is closed")
    }

    /// Parses one record starting at `start`; nil if more input is needed.
    private mutating func parseRecord() throws -> Bool? {
        // Only quoted fields fill it: an unquoted file skips the array's uniqueness check per record.
        if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
        fieldCount = 0
        let recordStartIndex = start
        var i = start
        var curLine = line
        var curLineStart = lineStartOffset
        let recordStartLine = line
        isBlankLine = start < end && (buffer[start] == 0x0A || buffer[start] == 0x0D)
        return try buffer.withUnsafeBufferPointer { b -> Bool? in
            while true {
                // One field.
                if fieldCount == Self.maximumColumns {
                    throw CSVError(
                        .tooManyColumns(Self.maximumColumns), at: location(consumed + i, line: curLine, lineStart: curLineStart),
                        hint: "qgate reads at most \(Self.maximumColumns) columns; split the table or drop columns before checking it")
                }
                if i >= end { if !eof { return nil } }
                if i < end && b[i] == 0x22 {
                    sawQuote = true
                    let quotedStart = -(scratch.count + 1)
                    let quoteOffset = consumed + i
                    let quoteLine = curLine
                    let quoteLineStart = curLineStart
                    i += 1
                    while true {
                        // Checked here too: a stray quote would otherwise swallow the file up to the buffer's limit or its end.
                        if i - start > recordLimit { throw tooLong() }
                        if i >= end {
                            if !eof { return nil }
                            throw CSVError(
                                .unterminatedQuote(), at: location(quoteOffset, line: quoteLine, lineStart: quoteLineStart),
                                hint: "close the quote; a quote inside a field is written as \"\"")
                        }
                        let c = b[i]
                        if c == 0x22 {
                            if i + 1 >= end && !eof { return nil }
                            if i + 1 < end && b[i + 1] == 0x22 {
                                scratch.append(0x22)
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        if c == 0x0A {
                            curLine += 1
                            curLineStart = consumed + i + 1
                        }
                        scratch.append(c)
                        i += 1
                    }
                    Self.setField(
                        fieldCount, quotedStart, scratch.count, starts: &fieldStarts, ends: &fieldEnds, capacity: &fieldCapacity)
                    fieldCount += 1
                    if i < end && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D {
                        throw CSVError(
                            .textAfterClosingQuote(), at: location(consumed + i, line: curLine, lineStart: curLineStart),
                            hint: "quote the whole field")
                    }
                } else {
                    let s = i
                    // Locals (not the captured `i`, not `self.end`) keep this byte loop in registers;
                    // the four bytes that end or break a field are all at most 0x2C, digits and letters above.
                    var k = i
                    let stop = end
                    // Eight bytes at a time while none is below 0x2D (the classic "has a byte
                    // less than n" word test, exact for the lowest such byte); the byte loop
                    // below then looks at that byte.
                    while k &+ 8 <= stop {
                        let w = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + k).loadUnaligned(as: UInt64.self))
                        let below = (w &- 0x2D2D_2D2D_2D2D_2D2D) & ~w & 0x8080_8080_8080_8080
                        if below != 0 {
                            k &+= below.trailingZeroBitCount >> 3
                            break
                        }
                        k &+= 8
                    }
                    while k < stop {
                        let c = b[k]
                        if c <= 0x2C && (c == 0x2C || c == 0x0A || c == 0x0D || c == 0x22) { break }
                        k += 1
                    }
                    i = k
                    if i < end && b[i] == 0x22 {
                        throw CSVError(
                            .quoteInUnquotedField(), at: location(consumed + i, line: curLine, lineStart: curLineStart),
                            hint: "quote the field and double the quote: \"a \"\"b\"\"\"")
                    }
                    if i >= end && !eof { return nil }
                    Self.setField(fieldCount, s, i, starts: &fieldStarts, ends: &fieldEnds, capacity: &fieldCapacity)
                    fieldCount += 1
                }
                // After a field: comma, line end, or end of file.
                if i - start > recordLimit { throw tooLong() }
                if i >= end {
                    if !eof { return nil }
                    break
                }
                if b[i] == 0x2C {
                    i += 1
                    continue
                }
                if b[i] == 0x0D {
                    if i + 1 >= end && !eof { return nil }
                    i += 1
                    if i < end && b[i] == 0x0A { i += 1 }
                } else {
                    i += 1
                }
                curLine += 1
                curLineStart = consumed + i
                break
            }
            start = i
            line = curLine
            lineStartOffset = curLineStart
            recordLine = recordStartLine
            recordStartOffset = consumed + recordStartIndex
            return true
        }
    }

    /// Where each of fields 0 ... `last` of the current record starts, as an
    /// editor counts: the line it starts on (a quoted field before it may span
    /// lines), the column in Unicode scalars from that line's start, and the
    /// line's absolute offset. Index `fieldCount` is the end of the record, where
    /// a missing field would go. Computed from the record's raw bytes, still
    /// buffered until the next `next()`, so reading costs nothing until a message
    /// needs a position.
    func fieldPositions(through last: Int) -> [(line: Int, column: Int, lineStart: Int)] {
        var lineStart = recordStartOffset
        var out = [(line: recordLine, column: 1, lineStart: lineStart)]
        var i = recordStartOffset - consumed
        var line = recordLine
        var column = 1
        var quoted = false
        while i < start && out.count <= last {
            let c = buffer[i]
            i += 1
            if c == 0x22 {
                quoted.toggle()
            } else if quoted && c == 0x0A {
                // A line break inside a quoted field; the reader counts only LF there too.
                line += 1
                column = 1
                lineStart = consumed + i
                continue
            } else if !quoted && (c == 0x0A || c == 0x0D) {
                break
            }
            if c & 0xC0 != 0x80 { column += 1 }
            if !quoted && c == 0x2C { out.append((line, column, lineStart)) }
        }
        if out.count <= last { out.append((line, column, lineStart)) }
        return out
    }

    /// Where field `index` of the current record starts (`fieldCount`: where the record ends).
    public func location(ofField index: Int) -> SourceLocation {
        let p = fieldPositions(through: index)[min(index, fieldCount)]
        return SourceLocation(file: path, line: p.line, column: p.column, source: excerpt(line: p.line, lineStart: p.lineStart))
    }

    /// Where the current record starts, for problems with the whole record.
    public func recordLocation() -> SourceLocation {
        SourceLocation(file: path, line: recordLine, column: 1, source: excerpt(line: recordLine, lineStart: recordStartOffset))
    }

    /// Where each of the current record's fields starts; the fields on one line share its excerpt.
    func fieldLocations() -> [SourceLocation] {
        var excerpts: [Int: SourceText?] = [:]
        return fieldPositions(through: fieldCount - 1).prefix(fieldCount).map { p in
            if excerpts[p.lineStart] == nil { excerpts[p.lineStart] = excerpt(line: p.line, lineStart: p.lineStart) }
            return SourceLocation(file: path, line: p.line, column: p.column, source: excerpts[p.lineStart] ?? nil)
        }
    }

    /// The position of field `field` in the data record `record` (0 = the first
    /// row after the header, blank lines not counted) or starting on `line`, found
    /// by reading the file again: batched readers keep only line numbers, and a
    /// cell is reported rarely. nil when the file cannot be read again (a pipe).
    public static func location(path: String, record: Int, field: Int) -> SourceLocation? {
        guard var reader = try? CSVReader(path: path) else { return nil }
        var index = -1  // the header is record -1
        while (try? reader.next()) == true {
            if reader.isBlankLine { continue }
            if index == record { return reader.location(ofField: field) }
            index += 1
        }
        return nil
    }

    public static func location(path: String, line: Int, field: Int) -> SourceLocation? {
        guard var reader = try? CSVReader(path: path) else { return nil }
        while (try? reader.next()) == true {
            if reader.recordLine == line { return reader.location(ofField: field) }
            if reader.recordLine > line { break }
        }
        return nil
    }

    /// A cell's position for an error: its location, or — when the file cannot
    /// be read again — none, and the line in the message instead (`suffix`).
    public static func cell(path: String, line: Int, field: Int) -> (at: SourceLocation?, suffix: String) {
        if let at = location(path: path, line: line, field: field) { return (at, "") }
        return (nil, " on line \(line)")
    }
}

extension CSVError.Message {
    fileprivate static func recordTooLong(_ limit: Int) -> Self { Self("record longer than \(limit) bytes") }
    fileprivate static func tooManyColumns(_ limit: Int) -> Self { Self("more than \(limit) columns in a row") }
    fileprivate static func unterminatedQuote() -> Self { Self("unterminated quoted field") }
    fileprivate static func textAfterClosingQuote() -> Self { Self("unexpected text after a closing quote") }
    fileprivate static func quoteInUnquotedField() -> Self { Self("quote inside an unquoted field") }
}
