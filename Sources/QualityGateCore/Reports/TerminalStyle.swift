/// ANSI colour for terminal output, or none. Whether to use colour is decided
/// by the caller (TTY, `NO_COLOR`, `TERM=dumb`, `--color`), never here.
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TerminalStyle(enabled: false)

    /// The only escape sequences qgate writes; `WorkflowCommandGuard` lets
    /// these through and shows any other ESC as `\u{1b}`.
    public static let sequences = ["0", "1", "2", "31", "32", "33"].map { "\u{1B}[\($0)m" }

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func bold(_ s: String) -> String { wrap(s, "1") }

    /// The colour decision shared by every command: `always`/`never` win;
    /// `auto` means a TTY, `NO_COLOR` unset or empty, and `TERM` not `dumb`.
    public static func shouldColor(mode: String, isTTY: Bool, environment: [String: String]) -> Bool {
        switch mode {
        case "always": return true
        case "never": return false
        default:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTTY
        }
    }
}
