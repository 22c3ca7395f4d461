/// Finding a named column in a CSV header, for `qgate score` and `qgate profile`.
enum CSVColumn {
    /// The position of `name` in `header`, or an error naming the closest column and listing the header.
    static func index(of name: String, role: String, in header: [String], path: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        let suggestion = Suggestion.closest(to: name, in: header).map { " — did you mean \(Sanitize.quoted($0))?" } ?? ""
        throw ScoreError("no \(role) column \(Sanitize.quoted(name)) in the header of \(Sanitize.quoted(path))\(suggestion)",
                         at: SourceLocation(file: path, line: 1, column: 1),
                         hint: "the header has: \(header.prefix(20).map(Sanitize.inline).joined(separator: ", "))")
    }
}
