import Dispatch

/// An input file's bytes and name, shared by the values parsed from it so that
/// each value keeps only a byte offset; line and column are computed when a
/// message needs them (as swift-syntax and TOMLDecoder do). The locations it
/// makes carry it, so an error shows its source line without reading the file again.
///
/// A streaming reader (CSV) keeps an excerpt instead: the one line an error
/// is on, starting at line `firstLine`.
public final class SourceText: @unchecked Sendable {
    public let file: String
    public let firstLine: Int
    private let bytes: [UInt8]
    /// Built up front, or nil when positions are only for errors (see `init`).
    private let table: LineTable?
    /// Without an up-front table: the one built for the first position asked
    /// for, kept for the next ones (a report may ask for one per gated null
    /// metric: building it each time would cost the file's size each time).
    /// The lock makes that one write safe from any thread.
    private var built: LineTable?
    private let buildLock = DispatchSemaphore(value: 1)

    /// `indexed: false` builds no line table until a position is asked for. For
    /// files whose positions usually only an error needs (a metrics file, read
    /// once per run, is a third of a megabyte); a file whose values carry their
    /// positions into every report (a policy's gates) stays indexed.
    public init(file: String, bytes: [UInt8], firstLine: Int = 1, indexed: Bool = true) {
        self.file = file
        self.firstLine = firstLine
        self.bytes = bytes
        self.table = indexed ? LineTable(bytes) : nil
    }

    /// Whether a line table is held (built up front or kept since the first position).
    var holdsLineTable: Bool {
        buildLock.wait()
        defer { buildLock.signal() }
        return table != nil || built != nil
    }

    /// The same table either way, so a position is the same either way.
    private var lines: LineTable {
        if let table { return table }
        buildLock.wait()
        defer { buildLock.signal() }
        if let built { return built }
        let table = LineTable(bytes)
        built = table
        return table
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
