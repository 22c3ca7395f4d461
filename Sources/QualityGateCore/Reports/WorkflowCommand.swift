/// One GitHub Actions annotation that qgate means to emit
/// (`::error file=F,line=L,title=T::message`). Built only from a kind and
/// escaped values, so its line is always exactly one command: properties and
/// message are escaped as actions/toolkit `command.ts` does (`%`, CR, LF; in
/// properties also `:` and `,`), after controls and invisible characters are
/// shown as escapes (`Sanitize`) and any `##[` is defused. Printed only through
/// `Console.writeWorkflowCommands`, the one way qgate writes a line that
/// starts with `::`.
public struct WorkflowCommand: Sendable {
    public enum Kind: String, Sendable { case error, warning, notice }

    public var kind: Kind
    public var properties: [(name: String, value: String)]
    public var message: String

    public init(_ kind: Kind, _ properties: [(name: String, value: String)] = [], message: String) {
        self.kind = kind
        self.properties = properties
        self.message = message
    }

    /// The command line, without its line feed.
    public var line: String {
        var out = "::" + kind.rawValue
        if !properties.isEmpty {
            out +=
                " "
                + properties.map { "\($0.name)=\(WorkflowCommand.escapeProperty(WorkflowCommand.clean($0.value)))" }
                .joined(separator: ",")
        }
        return out + "::" + WorkflowCommand.escapeData(WorkflowCommand.clean(message))
    }

    /// Controls and invisible characters shown (CR and LF are left to the
    /// toolkit's escaping), `##[` defused.
    static func clean(_ s: String) -> String {
        let shown = Escaping.map(s) { u in u != "\n" && u != "\r" && Sanitize.mustEscape(u) ? Sanitize.escape(u) : nil }
        return WorkflowCommandGuard.defuseLegacyPrefix(shown)
    }

    /// toolkit `escapeData`: `%` first, then CR and LF.
    public static func escapeData(_ s: String) -> String {
        Escaping.map(s) { u in
            switch u {
            case "%": return "%25"
            case "\r": return "%0D"
            case "\n": return "%0A"
            default: return nil
            }
        }
    }

    /// toolkit `escapeProperty`: as data, plus `:` and `,`.
    public static func escapeProperty(_ s: String) -> String {
        Escaping.map(escapeData(s)) { u in u == ":" ? "%3A" : (u == "," ? "%2C" : nil) }
    }
}
