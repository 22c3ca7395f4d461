import QualityGateCore

/// How a command that decides something (`evaluate`, `drift`) hands the
/// decision out. Whatever can still fail — the report files, then
/// `$GITHUB_OUTPUT` and the step summary — comes before the decision is shown
/// on stdout, and if a later step fails, the files this run wrote are removed:
/// a `passed=true` or a PASSED report from a run that then exits 2 would let a
/// `continue-on-error` step release.
enum Publishing {
    /// Writes each report atomically, then `github` (the one a later step acts
    /// on, so last); on any failure removes the reports written and rethrows.
    static func publish(reports: [(path: String, render: () -> String)], github: (() throws -> Void)?) throws {
        var written: [String] = []
        do {
            for report in reports {
                try FileSystem.writeAtomically(Array(report.render().utf8), to: report.path)
                written.append(report.path)
            }
            try github?()
        } catch {
            for path in written { FileSystem.removeWrittenFile(path) }
            throw error
        }
    }
}
