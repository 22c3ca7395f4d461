/// Left/right aligned columns for terminal reports. Widths count Unicode
/// scalars so that `✓` or `é` do not shift the columns.
struct TextTable {
    enum Alignment { case left, right }

    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ alignments: [Alignment]) { self.alignments = alignments }

    mutating func add(_ row: [String]) { rows.append(row) }

    static func width(_ s: String) -> Int { s.unicodeScalars.count }

    /// Renders rows; `decorate` may colour a cell after padding (so escape codes
    /// do not count towards the width).
    func render(separator: String = "  ", decorate: (Int, Int, String) -> String = { _, _, s in s }) -> [String] {
        var widths = [Int](repeating: 0, count: alignments.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextTable.width(cell)) }
        }
        return rows.enumerated().map { r, row in
            var cells: [String] = []
            for (i, cell) in row.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - TextTable.width(cell))
                let last = i == row.count - 1
                let padded = alignments[i] == .left ? cell + (last ? "" : pad) : pad + cell
                cells.append(decorate(r, i, padded))
            }
            return cells.joined(separator: separator)
        }
    }
}
