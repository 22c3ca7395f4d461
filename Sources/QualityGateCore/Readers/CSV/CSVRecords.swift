/// Streams a CSV file's records on the calling thread, each handed over in
/// place as a view of its fields: no batch, no copy of a field. For a caller
/// that converts every cell as it goes (one pass that splits, parses and counts),
/// where `CSVBatches` would copy each field once more and hand it to a second thread.
enum CSVRecords {
    /// Reads `path`'s header row into `header`, then calls `record` with every
    /// data record (blank lines skipped; each must have the header's width) and
    /// its 1-based line, until the end of the file or until `record` returns false.
    static func read(
        path: String, header: (CSVHeader) throws -> Void,
        record: (_ fields: CSVFields, _ line: Int) throws -> Bool
    ) throws {
        var reader = try CSVReader(path: path)
        let names = try CSVHeader.read(&reader)
        try header(names)
        while try reader.next() {
            if reader.isBlankLine { continue }
            try CSVBatches.checkWidth(reader, names.count)
            let line = reader.recordLine
            if try !reader.withFields({ try record($0, line) }) { return }
        }
    }
}
