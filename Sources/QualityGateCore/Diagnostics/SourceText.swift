/// An input file's bytes and name, shared by the values parsed from it so that
/// each value keeps only a byte offset; line and column are computed when a
/// message needs them (as swift-syntax and TOMLDecoder do). The locations it
/// makes carry it, so an error shows its source line without reading the file again.
///
/// A streaming reader (CSV) keeps an excerpt instead: the one line an error
/// is on, starting at line `firstLine`.
public final class SourceText: Sendable {
    public let file: String
    public let lines: LineTable
    public let firstLine: Int

    public init(file: String, bytes: [UInt8], firstLine: Int = 1) {
        self.file = file
        self.lines = LineTable(bytes)
        self.firstLine = firstLine
    }

    public func location(of offset: Int) -> SourceLocation {
        let p = lines.position(of: offset)
        return SourceLocation(file: file, line: p.line + firstLine - 1, column: p.column, source: self)
    }

    /// The text of 1-based file line `line` without its line break; nil outside the text held.
    public func lineText(_ line: Int) -> String? {
        lines.lineText(line - firstLine + 1)
    }
}
