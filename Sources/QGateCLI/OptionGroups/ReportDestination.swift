import QualityGateCore

/// One `--output`: a file and the format written to it. Without `FORMAT=` it is
/// the `--format` report (`evaluate` only), which then leaves stdout.
struct ReportDestination<Format> {
    var format: Format?
    var path: String
}

extension ReportDestination where Format: ReportChoice {
    /// `FORMAT=FILE` (FORMAT must be known) or a plain `FILE`.
    static var formattedOrPlain: ArgumentValue<Self> {
        ArgumentValue(
            parse: { spec, _ throws(UsageError) in
                guard let eq = spec.firstIndex(of: "="), spec[..<eq].allSatisfy({ $0.isLetter && $0.isASCII }) else {
                    return ReportDestination(format: nil, path: spec)
                }
                let name = String(spec[..<eq])
                guard let format = Format(rawValue: name) else {
                    let known = Format.allCases.map(\.rawValue)
                    throw UsageError(
                        "unknown report format '\(Sanitize.inline(name))' in '--output \(Sanitize.inline(spec))'",
                        hint: Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'?" }
                            ?? "one of: \(known.joined(separator: ", "))")
                }
                let path = String(spec[spec.index(after: eq)...])
                guard !path.isEmpty else { throw UsageError("empty file name in '--output \(Sanitize.inline(spec))'") }
                return ReportDestination(format: format, path: path)
            }, show: { $0.path })
    }

    /// `FORMAT=FILE` only.
    static var formatted: ArgumentValue<Self> {
        ArgumentValue(
            parse: { spec, _ throws(UsageError) in
                guard let eq = spec.firstIndex(of: "="), let format = Format(rawValue: String(spec[..<eq])),
                    spec.index(after: eq) < spec.endIndex
                else {
                    let known = Format.allCases.map(\.rawValue).joined(separator: ", ")
                    throw UsageError("'--output' needs FORMAT=FILE with FORMAT one of \(known)")
                }
                return ReportDestination(format: format, path: String(spec[spec.index(after: eq)...]))
            }, show: { $0.path })
    }
}
