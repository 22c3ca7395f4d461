/// An input file's bytes and name, shared by the values parsed from it so that
/// each value keeps only a byte offset; line and column are computed when a
/// message needs them (as swift-syntax and TOMLDecoder do). The locations it
/// makes carry it, so an error shows its source line without reading the file again.
///
/// A streaming reader (CSV) keeps an excerpt instead: the one line an error
/// is on, starting at line `firstLine`.
public final class SourceText: Sendable {
    public let file: String
    public let firstLine: Int
    private let bytes: [UInt8]
    /// Built up front, or nil when positions are only for errors (see `init`).
    private let table: LineTable?

    /// `indexed: false` builds no line table: each position then costs one pass
    /// over the bytes. For files whose positions only an error needs (a metrics
    /// file, read once per run, is a third of a megabyte); a file whose values
    /// carry their positions into a report (a policy's gates) stays indexed.
    /// A lazily built, shared table would need a lock in this Sendable class.
    public init(file: String, bytes: [UInt8], firstLine: Int = 1, indexed: Bool = true) {
        self.file = file
        self.firstLine = firstLine
        self.bytes = bytes
        self.table = indexed ? LineTable(bytes) : nil
    }

    /// The same table either way, so a position is the same either way.
    private var lines: LineTable { table ?? LineTable(bytes) }

    public func location(of offset: Int) -> SourceLocation {
        let p = lines.position(of: offset)
        return SourceLocation(file: file, line: p.line + firstLine - 1, column: p.column, source: self)
    }

    /// The text of 1-based file line `line` without its line break; nil outside the text held.
    public func lineText(_ line: Int) -> String? {
        lines.lineText(line - firstLine + 1)
    }
}
