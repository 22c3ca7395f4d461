import QualityGateCore

/// One `--output`: a file and the format written to it. A plain `FILE`
/// (`evaluate` only) takes the report's place on stdout; its format is the one
/// its extension names, else the `--format` report (`format` nil).
struct ReportDestination<Format> {
    var format: Format?
    var path: String
    /// Written without `FORMAT=`: the report then leaves stdout.
    var isPlain = false
}

extension ReportDestination where Format: ReportChoice {
    /// `FORMAT=FILE` (FORMAT must be known) or a plain `FILE`.
    static var formattedOrPlain: ArgumentValue<Self> {
        ArgumentValue(
            parse: { spec, _ throws(UsageError) in
                guard let eq = spec.firstIndex(of: "="), spec[..<eq].allSatisfy({ $0.isLetter && $0.isASCII }) else {
                    return ReportDestination(format: formatNamed(byExtensionOf: spec), path: spec, isPlain: true)
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

    /// The format a file name's extension names (ASCII case ignored), or nil
    /// for an unknown or missing one. No extension names `github`: annotations
    /// are lines for the runner's log, and `.github` is a directory's name.
    static func formatNamed(byExtensionOf path: String) -> Format? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        // `.json` alone is a hidden file's name, not an extension.
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return extensionFormats[name[name.index(after: dot)...].lowercased()].flatMap(Format.init(rawValue:))
    }

    /// `--output FILE`'s extensions and the formats they name.
    static var extensionFormats: [String: String] {
        [
            "md": "markdown", "markdown": "markdown", "json": "json", "xml": "junit", "prom": "prometheus", "txt": "text", "html": "html",
            "htm": "html"
        ]
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
