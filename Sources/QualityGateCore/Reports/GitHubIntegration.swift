/// What qgate does by itself inside GitHub Actions (`GITHUB_ACTIONS=true`):
/// append the Markdown report to `$GITHUB_STEP_SUMMARY` and write step outputs
/// to `$GITHUB_OUTPUT`.
public enum GitHubIntegration {
    /// GitHub drops a step summary over 1 MiB; stay well below it.
    public static let summaryLimit = 900 * 1024

    public static func isActive(environment: [String: String]) -> Bool {
        environment["GITHUB_ACTIONS"] == "true"
    }

    /// Writes the summary and outputs where the runner asked; missing variables are skipped.
    public static func publish(_ e: Evaluation, precision: ReportPrecision = .human, environment: [String: String]) throws {
        try publish(
            markdown: MarkdownReport.render(e, precision: precision), outputs: { outputs(e, delimiter: $0) }, environment: environment)
    }

    public static func publish(_ d: DriftResult, environment: [String: String]) throws {
        try publish(markdown: DriftReport.markdown(d), outputs: { DriftReport.githubOutputs(d, delimiter: $0) }, environment: environment)
    }

    public static func publish(_ d: DataCheckEvaluation, environment: [String: String]) throws {
        try publish(
            markdown: DataCheckReport.markdown(d), outputs: { DataCheckReport.githubOutputs(d, delimiter: $0) }, environment: environment)
    }

    static func publish(markdown: String, outputs: (String) -> String, environment: [String: String]) throws {
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try FileSystem.append(Array(stepSummary(markdown).utf8), to: summary)
        }
        if let output = environment["GITHUB_OUTPUT"], !output.isEmpty {
            try FileSystem.append(Array(outputs(randomDelimiter()).utf8), to: output)
        }
    }

    static func stepSummary(_ markdown: String) -> String {
        var text = markdown
        if text.utf8.count > summaryLimit {
            var bytes = Array(text.utf8.prefix(summaryLimit))
            // Cut at a line start so no table row or UTF-8 sequence is split.
            while let last = bytes.last, last != 0x0A { bytes.removeLast() }
            text =
                String(decoding: bytes, as: UTF8.self)
                + "\n\n_Report truncated to stay under GitHub's 1 MiB step-summary limit; see the JSON report for every row._\n"
        }
        return text + "\n"
    }

    /// `passed`, `blocked`, `warnings` and the multi-line `failed_gates`, in the
    /// `name<<DELIMITER` syntax with a delimiter that cannot occur in the value.
    static func outputs(_ e: Evaluation, delimiter: String) -> String {
        let failed = e.resultsFailuresFirst.filter { $0.status == .failed }
            .map { WorkflowCommandGuard.neutralise("\(Sanitize.inline($0.gate.displayName)) \($0.kind.key) (\($0.severity.rawValue))") }
        var d = delimiter
        while failed.contains(where: { $0.contains(d) }) { d += "_" }
        var out = "passed=\(e.verdict != .blocked)\n"
        out += "blocked=\(e.verdict == .blocked)\n"
        out += "warnings=\(e.warningCount)\n"
        out += "failed_gates<<\(d)\n"
        for line in failed { out += line + "\n" }
        out += "\(d)\n"
        return out
    }

    static func randomDelimiter() -> String {
        "ghadelimiter_"
            + FileSystem.randomBytes(16).map { b in
                let h = String(b, radix: 16)
                return h.count == 1 ? "0" + h : h
            }.joined()
    }
}
