/// Finding a named column in a CSV header, for `qgate score` and `qgate profile`.
enum CSVColumn {
    /// The position of `name` in `header`, or an error naming the closest column and listing the header.
    /// The name comes from the command line, not the file: the error points at the header row it is missing from.
    static func index(of name: String, role: String, in header: CSVHeader, path: String) throws -> Int {
        if let i = header.names.firstIndex(of: name) { return i }
        let suggestion = Suggestion.closest(to: name, in: header.names).map { " — did you mean \(Sanitize.quoted($0))?" } ?? ""
        throw ScoreError("no \(role) column \(Sanitize.quoted(name)) in the header of \(Sanitize.quoted(path))\(suggestion)",
                         at: header.row,
                         hint: "the header has: \(header.names.prefix(20).map(Sanitize.inline).joined(separator: ", "))")
    }
}
