/// An input file's bytes and name, shared by the values parsed from it so that
/// each value keeps only a byte offset; line and column are computed when a
/// message needs them (as swift-syntax and TOMLDecoder do).
public final class SourceText: Sendable {
    public let file: String
    public let lines: LineTable

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.lines = LineTable(bytes)
    }

    public func location(of offset: Int) -> SourceLocation {
        lines.location(of: offset, file: file)
    }
}
