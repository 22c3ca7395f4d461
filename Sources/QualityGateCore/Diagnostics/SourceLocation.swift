/// A position in an input file, 1-based, used by every error and every gate result
/// so that a message can point at the exact place to fix.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The text the position is in, when the reader that made it still had it:
    /// the renderer shows the line from here and never reads the file again
    /// (it may be gone, changed, a pipe, or a gigabyte). Not part of equality.
    public var source: SourceText?

    public init(file: String, line: Int, column: Int, source: SourceText? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.source = source
    }

    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        a.file == b.file && a.line == b.line && a.column == b.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
    }

    /// `file:line:column`, the form editors and CI annotations understand.
    public var description: String { "\(file):\(line):\(column)" }
}
