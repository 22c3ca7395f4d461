import QualityGateCore

/// How a command that decides something (`evaluate`, `drift`, `baseline
/// history --stats`) hands the decision out. Whatever can still fail — the
/// Pushgateway push, the report files, then `$GITHUB_OUTPUT` and the step
/// summary — comes before the decision is shown on stdout, and if a later step
/// fails, the files this run wrote are removed: a `passed=true` or a PASSED
/// report from a run that then exits 2 would let a `continue-on-error` step release.
enum Publishing {
    /// Pushes, writes each report atomically (creating missing parent
    /// directories), then `github` (the one a later step acts on, so last); on
    /// any failure removes the reports written — not the directories created,
    /// which hold nothing of this run — and rethrows.
    static func publish(
        push: PushOptions, pushed: PushedMetrics, reports: [(path: String, render: () -> String)],
        github: (() throws -> Void)?, console: Console
    ) throws {
        try push.push(pushed.render, model: pushed.model, job: pushed.job, announcing: pushed.what, console: console)
        var written: [String] = []
        do {
            for report in reports {
                try FileSystem.makeParentDirectories(of: report.path)
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
