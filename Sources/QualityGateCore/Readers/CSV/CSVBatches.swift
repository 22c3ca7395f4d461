import Dispatch

/// Reads a CSV file on a second thread and hands its records over in batches,
/// so that splitting records (here) and converting and binning cells (the
/// caller) run on two cores at once. At most `inFlight` batches exist at any
/// time, so memory stays bounded whatever the file size.
public struct CSVBatch: Sendable {
    /// The selected fields of every row, concatenated; `ends[r * columns + j]`
    /// is where field j of row r ends.
    public var bytes: [UInt8] = []
    public var ends: [Int] = []
    /// 1-based line of each row, for error messages.
    public var lines: [Int] = []
    public var columns: Int

    public var rows: Int { lines.count }

    /// Runs `body` with field (row, column) as a byte buffer.
    public func withCells<R>(_ body: (_ cell: (Int, Int) -> UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                try body { row, column in
                    let i = row * columns + column
                    let start = i == 0 ? 0 : e[i - 1]
                    return UnsafeBufferPointer(rebasing: b[start..<e[i]])
                }
            }
        }
    }
}

enum CSVBatches {
    /// A batch ends at this many rows, or earlier once it holds `cellsPerBatch`
    /// cells or `bytesPerBatch` bytes: memory then follows the data read, not
    /// rows × columns reserved up front (200,000 columns once reserved 26 GB).
    static let rowsPerBatch = 8192
    static let cellsPerBatch = 1 << 20
    static let bytesPerBatch = 8 << 20
    static let inFlight = 3
    /// Reads on the calling thread instead (the fuzz harness: one thread per
    /// input costs more than the parse, and keeps allocations alive across inputs).
    /// Set once at start-up, before any read; production never sets it.
    nonisolated(unsafe) static var singleThreaded = false

    /// Streams `path` (after its header row, which `header` receives first) in
    /// batches of the columns `select(header)` returns. Rows must have the header's width.
    static func read(
        path: String, select: (CSVHeader) throws -> [Int],
        header: (CSVHeader) throws -> Void, body: (CSVBatch) throws -> Void
    ) throws {
        // An error drops the reader, which closes its file (fuzzing once found a descriptor leaked per bad header).
        var reader = try CSVReader(path: path)
        let names = try CSVHeader.read(&reader)
        try header(names)
        let columns = try select(names)
        @Sendable func nextBatch(_ reader: inout CSVReader) throws -> CSVBatch? {
            var batch = CSVBatch(columns: columns.count)
            batch.bytes.reserveCapacity(min(rowsPerBatch * 16 * max(1, columns.count), bytesPerBatch))
            batch.ends.reserveCapacity(min(rowsPerBatch * columns.count, cellsPerBatch))
            while batch.rows < rowsPerBatch && batch.ends.count < cellsPerBatch && batch.bytes.count < bytesPerBatch,
                try reader.next()
            {
                if reader.isBlankLine { continue }
                try checkWidth(reader, names.count)
                reader.appendFields(columns, to: &batch.bytes, ends: &batch.ends)
                batch.lines.append(reader.recordLine)
            }
            return batch.rows == 0 ? nil : batch
        }
        if singleThreaded {
            while let batch = try nextBatch(&reader) { try body(batch) }
            return
        }
        let channel = Channel()
        let box = ReaderBox(reader)
        DispatchQueue.global(qos: .userInitiated).async {
            channel.produce { () throws -> CSVBatch? in try nextBatch(&box.reader) }
        }
        defer { channel.cancel() }
        while let batch = try channel.next() { try body(batch) }
    }

    /// A row must have the header's width: a short row is reported where its
    /// missing field would go, a long one at its first extra field.
    static func checkWidth(_ reader: borrowing CSVReader, _ width: Int) throws(CSVError) {
        if reader.fieldCount != width {
            throw CSVError(
                .rowWidth(reader.fieldCount, header: width), at: reader.location(ofField: min(width, reader.fieldCount)),
                hint: "quote fields that contain commas")
        }
    }

    /// The reader, moved to the producer thread (only it touches it).
    final class ReaderBox: @unchecked Sendable {
        var reader: CSVReader
        init(_ reader: consuming CSVReader) { self.reader = reader }
    }

    /// A bounded queue between the producer thread and the consumer.
    final class Channel: @unchecked Sendable {
        private var queue: [Result<CSVBatch?, any Error>] = []
        private let lock = DispatchSemaphore(value: 1)
        private let items = DispatchSemaphore(value: 0)
        private let slots = DispatchSemaphore(value: CSVBatches.inFlight)
        private var finished = false
        private var cancelled = false

        /// Stops the producer when the consumer gives up early (e.g. on an error).
        func cancel() {
            lock.wait()
            cancelled = true
            lock.signal()
            for _ in 0..<CSVBatches.inFlight { slots.signal() }
        }

        func produce(_ make: () throws -> CSVBatch?) {
            while true {
                slots.wait()
                lock.wait()
                let stop = cancelled
                lock.signal()
                if stop { return }
                let item: Result<CSVBatch?, any Error>
                do { item = .success(try make()) } catch { item = .failure(error) }
                lock.wait()
                queue.append(item)
                lock.signal()
                items.signal()
                if case .success(let b) = item, b != nil { continue }
                return
            }
        }

        /// The next batch; nil at the end; rethrows the producer's error.
        func next() throws -> CSVBatch? {
            if finished { return nil }
            items.wait()
            lock.wait()
            let item = queue.removeFirst()
            lock.signal()
            slots.signal()
            switch item {
            case .success(let b):
                if b == nil { finished = true }
                return b
            case .failure(let e):
                finished = true
                throw e
            }
        }
    }
}

extension CSVError.Message {
    fileprivate static func rowWidth(_ fields: Int, header width: Int) -> Self {
        Self("row has \(fields) field\(fields == 1 ? "" : "s"), the header has \(width)")
    }
}
