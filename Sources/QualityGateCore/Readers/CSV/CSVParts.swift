#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a large file's records on every core: the data after the header is
/// cut into parts at line breaks, and each part is read by its own reader on
/// its own thread into its own tally, which the caller then merges.
///
/// A line break ends a record only outside quotes, so a cut is trusted only if
/// no part meets a quoted field; a part that does, or that meets any error,
/// makes the whole read give up (nil). The caller then reads the file serially,
/// which reports every error with its exact position: a part's line numbers
/// count from the part's start and are never shown.
enum CSVParts {
    /// Files with less data than this are read serially (a thread costs more than it saves).
    /// Only tests lower it; production never sets it.
    nonisolated(unsafe) static var minimumBytes = 4 << 20
    /// Parts a file is cut into: one per core, at most 8. Only tests change it.
    nonisolated(unsafe) static var count = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// The file's header and where each part of its data starts and ends: from
    /// just after the header to the end of the file, cut just after a line feed
    /// near each equal share. Nil (having read nothing of a pipe) when the file
    /// is small, not a regular file, has no line feed to cut at, or its header
    /// cannot be read.
    static func split(path: String) -> (header: CSVHeader, ranges: [Range<Int>])? {
        // Looked at before it is opened: opening a named pipe would wait for its
        // writer and then take, and lose, what the serial read needs.
        var st = stat()
        guard count > 1, stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
            let file = FileDescriptor(opening: path, O_RDONLY | O_CLOEXEC)
        else { return nil }
        guard fstat(file.rawValue, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= max(1, minimumBytes),
            var reader = try? CSVReader(path: path), let header = try? CSVHeader.read(&reader)
        else { return nil }
        let size = Int(st.st_size)
        let dataStart = reader.offset
        guard size - dataStart >= max(1, minimumBytes) else { return nil }
        var cuts = [dataStart]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<count {
            var at = max(cuts.last!, dataStart + (size - dataStart) / count * k)
            // The first line feed at or after `at`; the part then starts just after it.
            var cut: Int?
            while cut == nil && at < size {
                let n = chunk.withUnsafeMutableBytes { pread(file.rawValue, $0.baseAddress!, $0.count, off_t(at)) }
                if n <= 0 { return nil }
                if let i = chunk[0..<n].firstIndex(of: 0x0A) { cut = at + i + 1 } else { at += n }
            }
            guard let cut, cut < size else { break }
            if cut > cuts.last! { cuts.append(cut) }
        }
        guard cuts.count > 1 else { return nil }
        cuts.append(size)
        return (header, zip(cuts, cuts.dropFirst()).map { $0..<$1 })
    }

    /// Reads one part's records (blank lines skipped; each must have `width`
    /// fields), handing each to `record`, until about `bytes` of the part are
    /// read (a sample of a file's records for estimates) or all of it (the
    /// default). The bytes read, or nil when the part cannot be trusted (a
    /// quoted field) or `record` gave up by returning false.
    static func read(
        path: String, range: Range<Int>, width: Int, bytes: Int = Int.max, record: (_ fields: CSVFields) throws -> Bool
    ) throws -> Int? {
        var reader = try CSVReader(path: path, range: range)
        while reader.offset - range.lowerBound < bytes, try reader.next() {
            if reader.sawQuote { return nil }
            if reader.isBlankLine { continue }
            if reader.fieldCount != width { try CSVBatches.checkWidth(reader, width) }
            if try !reader.withFields(record) { return nil }
        }
        return reader.offset - range.lowerBound
    }

    /// Runs `body` for each part at once, one thread each; nil if any part gave up or threw.
    static func each<T>(_ ranges: [Range<Int>], _ body: (_ range: Range<Int>) throws -> T?) -> [T]? {
        var out: [T] = []
        for r in ParallelMap.results(ranges.count, { try body(ranges[$0]) }) {
            guard let r else { return nil }
            out.append(r)
        }
        return out
    }
}
