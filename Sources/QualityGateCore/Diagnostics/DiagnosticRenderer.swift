/// Renders errors for people, swift-syntax style: the one-line message, then
/// the offending source line with a caret under the column.
///
///     quality-gates.yaml:7:5: error: unknown key `mni` in a gate — did you mean `min`?
///       7 │     mni: 0.92
///         │     ^
///
/// The line comes from the source text the error's location carries; a
/// location without one shows no line. The file is never read again: it may
/// have changed or gone since, be a pipe, or be a gigabyte CSV.
public struct DiagnosticRenderer {
    public var style: TerminalStyle

    /// Lines wider than this are not shown: they would wrap into noise.
    public static let widestLineShown = 200

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ error: any Error) -> String {
        if let many = error as? QGateErrors {
            return many.errors.map { render(single: $0) }.joined()
        }
        if let one = error as? any QGateError { return render(single: one) }
        return style.red("error:") + " " + Sanitize.inline(String(describing: error)) + "\n"
    }

    func render(single error: any QGateError) -> String {
        var head = ""
        if let location = error.location { head += Sanitize.inline(location.description) + ": " }
        head += style.red("error:") + " " + error.message
        if let hint = error.hint { head += " — " + hint }
        var out = head + "\n"
        if let location = error.location, let snippet = snippet(location) { out += snippet }
        return out
    }

    func snippet(_ location: SourceLocation) -> String? {
        guard let text = location.source?.lineText(location.line) else { return nil }
        // As the output guard will show it (escapes, `##\[`), so the caret stays under its column.
        let shown = WorkflowCommandGuard.defuseLegacyPrefix(Sanitize.inline(text))
        guard shown.unicodeScalars.count <= Self.widestLineShown else { return nil }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs are shown escaped, so count columns on the escaped prefix.
        let prefix = String(text.unicodeScalars.prefix(max(0, location.column - 1)).map(Character.init))
        let caretColumn = WorkflowCommandGuard.defuseLegacyPrefix(Sanitize.inline(prefix)).unicodeScalars.count
        return "  \(number) │ \(shown)\n  \(gutter) │ \(String(repeating: " ", count: caretColumn))\(style.red("^"))\n"
    }
}
