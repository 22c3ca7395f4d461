/// GitHub Actions workflow commands (`::error file=…,line=…::message`) for each
/// failed condition, pointing at the condition's line in the policy. Data and
/// properties are escaped exactly as actions/toolkit does, so a metric name like
/// `x\n::set-env` stays data. GitHub shows at most 10 errors and 10 warnings per
/// step: the most important come first and the rest are summarised.
public enum GitHubAnnotations {
    public static let perKindLimit = 10

    public static func render(_ e: Evaluation) -> String {
        var out = ""
        var shown: [String: Int] = [:]
        var hidden = 0
        for r in e.resultsFailuresFirst where r.status == .failed {
            let command: String
            switch r.severity {
            case .critical: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            if shown[command, default: 0] >= perKindLimit { hidden += 1; continue }
            shown[command, default: 0] += 1
            let title = "qgate: \(r.gate.displayName) \(r.kind.key)"
            out += "::\(command) file=\(escapeProperty(r.location.file)),line=\(r.location.line),col=\(r.location.column),title=\(escapeProperty(title))::\(escapeData(r.message))\n"
        }
        for r in e.results where r.status == .waived {
            out += "::notice file=\(escapeProperty(r.location.file)),line=\(r.location.line),title=\(escapeProperty("qgate: \(r.gate.displayName) waived"))::\(escapeData(r.message))\n"
        }
        for notice in e.notices { out += "::warning title=qgate waiver::\(escapeData(notice))\n" }
        if hidden > 0 {
            out += "::notice title=qgate::\(escapeData("\(hidden) more failed condition\(hidden == 1 ? "" : "s") not annotated; see the job summary"))\n"
        }
        let verdictCommand = e.verdict == .blocked ? "error" : (e.verdict == .passedWithWarnings ? "warning" : "notice")
        out += "::\(verdictCommand) title=qgate verdict::\(escapeData(e.verdictLine))\n"
        return out
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
