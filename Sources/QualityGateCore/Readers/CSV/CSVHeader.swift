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
}
