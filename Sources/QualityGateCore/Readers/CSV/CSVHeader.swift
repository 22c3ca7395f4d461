/// A CSV file's header row: the column names and where each is written, so
/// that an error about a column points at its name.
public struct CSVHeader: Sendable {
    public var names: [String]
    /// Where each name's cell starts.
    public var locations: [SourceLocation]
    /// Where the header row starts, for errors about the header as a whole
    /// (a column it lacks): their messages say "in the header".
    public var row: SourceLocation

    public var count: Int { names.count }
    public subscript(i: Int) -> String { names[i] }

    /// Reads the first record of `reader` as the header: it must exist, be
    /// UTF-8 and name every column once.
    static func read(_ reader: inout CSVReader) throws -> CSVHeader {
        guard try reader.next() else {
            throw CSVError(.emptyFile(reader.path), hint: "write the column names on the first line")
        }
        var names: [String] = []
        for i in 0..<reader.fieldCount {
            let cell = Array(reader.field(i))
            if cell.contains(where: { $0 >= 0x80 }), let bad = UTF8Validation.firstInvalidOffset(cell) {
                throw CSVError(.invalidUTF8InHeader(cell[bad]), at: reader.location(ofField: i), hint: "write the file as UTF-8")
            }
            names.append(String(decoding: cell, as: UTF8.self))
        }
        let header = CSVHeader(names: names, locations: reader.fieldLocations(), row: reader.recordLocation())
        var seen = Set<String>()
        for (name, at) in zip(header.names, header.locations) where !seen.insert(name).inserted {
            throw CSVError(.duplicateColumn(name), at: at, hint: "give every column a distinct name")
        }
        return header
    }

    /// The position of the column named `name`, which the command line gave
    /// for `role` ("label", "score", …): the error points at the header row it
    /// is missing from, names the closest column and lists the header.
    public func index(of name: String, role: String) throws(CSVError) -> Int {
        if let i = names.firstIndex(of: name) { return i }
        throw CSVError(
            .noSuchColumn(name, role: role, path: row.file, closest: Suggestion.closest(to: name, in: names)), at: row,
            hint: "the header has: \(names.prefix(20).map(Sanitize.inline).joined(separator: ", "))")
    }
}

extension CSVError.Message {
    fileprivate static func emptyFile(_ path: String) -> Self {
        Self("\(Sanitize.quoted(path)) is empty: a CSV file needs a header row")
    }
    fileprivate static func invalidUTF8InHeader(_ byte: UInt8) -> Self {
        Self("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) in the header")
    }
    fileprivate static func duplicateColumn(_ name: String) -> Self {
        Self("duplicate column \(Sanitize.quoted(name)) in the header")
    }
    fileprivate static func noSuchColumn(_ name: String, role: String, path: String, closest: String?) -> Self {
        Self(
            "no \(role) column \(Sanitize.quoted(name)) in the header of \(Sanitize.quoted(path))"
                + (closest.map { " — did you mean \(Sanitize.quoted($0))?" } ?? ""))
    }
}
