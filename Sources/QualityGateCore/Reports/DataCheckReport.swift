/// Reports of `qgate profile --config` (the policy's `data:` checks): text,
/// Markdown, JSON, and the GitHub step outputs. Every sentence about a data
/// check is written here; `DataCheckEvaluation` only records findings.
public enum DataCheckReport {
    public static func text(_ e: DataCheckEvaluation, style: TerminalStyle = .plain) -> String {
        var out = style.bold("qgate profile · data checks of \(Sanitize.quoted(e.source))") + "\n\n"
        var table = TextTable([.left, .left, .left])
        for r in e.results { table.add([r.passed ? "✓" : "✗", label(r), finding(r)]) }
        for line in table.render(decorate: { row, column, cell in
            guard column == 0 else { return cell }
            return e.results[row].passed ? style.green(cell) : style.red(cell)
        }) { out += "  " + line + "\n" }
        out += "\n" + (e.passed ? style.green(verdict(e)) : style.bold(style.red(verdict(e)))) + "\n"
        // Column names come from the data: a report printed in CI must not talk to the runner.
        return WorkflowCommandGuard.neutralise(out)
    }

    public static func markdown(_ e: DataCheckEvaluation) -> String {
        var out = "## \(e.passed ? (e.failed.isEmpty ? "✅" : "⚠️") : "❌") qgate data checks: \(Markdown.escape(verdict(e)))\n\n"
        out += "Dataset \(Markdown.escape(Sanitize.quoted(e.source)))\n\n| | Check | Finding |\n|---|---|---|\n"
        for r in e.results {
            out += "| \(r.passed ? "✓" : "✗") | \(Markdown.escape(label(r))) | \(Markdown.escape(finding(r))) |\n"
        }
        return out
    }

    public static func json(_ e: DataCheckEvaluation) -> String {
        JSONOutput.object([
            ("schema", .string("qgate.data-checks/v1")),
            ("passed", .bool(e.passed)),
            ("verdict", .string(verdict(e))),
            ("source", .string(e.source)),
            (
                "checks",
                .array(
                    e.results.map { r in
                        let value: Double? = if case .value(let v) = r.finding { v } else { nil }
                        return .object([
                            ("check", .string(r.check.rawValue)), ("column", .optional(column(r))), ("metric", .string(r.metric)),
                            ("value", .optional(value)), ("limit", .number(r.limit)), ("finding", .string(findingKind(r.finding))),
                            ("passed", .bool(r.passed)), ("severity", .string(r.severity.rawValue)), ("message", .string(finding(r)))
                        ])
                    })
            )
        ]).rendered()
    }

    /// `data_checks_passed` and the multi-line `failed_checks` (one `CHECK: finding (severity)` a line).
    public static func githubOutputs(_ e: DataCheckEvaluation, delimiter: String) -> String {
        let failed = e.failed.map { WorkflowCommandGuard.neutralise("\(label($0)): \(finding($0)) (\($0.severity.rawValue))") }
        var delim = delimiter
        while failed.contains(where: { $0.contains(delim) }) { delim += "_" }
        return "data_checks_passed=\(e.passed)\nfailed_checks<<\(delim)\n" + failed.map { $0 + "\n" }.joined() + "\(delim)\n"
    }

    /// `PASSED: all 4 data checks passed`, `BLOCKED: 2 of 4 data checks failed: …`.
    public static func verdict(_ e: DataCheckEvaluation) -> String {
        let n = e.results.count
        let failed = e.failed
        guard !failed.isEmpty else { return "PASSED: all \(n) data check\(n == 1 ? "" : "s") passed" }
        let names = failed.map(label).joined(separator: ", ")
        let head = e.passed ? "PASSED with warnings" : "BLOCKED"
        return "\(head): \(failed.count) of \(n) data check\(n == 1 ? "" : "s") failed (\(failed[0].severity.rawValue)): \(names)"
    }

    /// `max_missing_share (income)`: the `data:` key, and the columns of a per-column limit.
    public static func label(_ r: DataCheckResult) -> String {
        switch r.columns {
        case .named(let name)?: return "\(r.check.rawValue) (\(Sanitize.name(name)))"
        case .others(let count)?: return "\(r.check.rawValue) (default, \(count) other column\(count == 1 ? "" : "s"))"
        case .all?, nil: return r.check.rawValue
        }
    }

    /// What the check found, with the numbers compared: `data.age_days 12 > 7`.
    public static func finding(_ r: DataCheckResult) -> String {
        let metric = Sanitize.name(r.metric)
        let limit = NumberFormatting.exact(r.limit)
        switch r.finding {
        case .value(let v):
            let op = r.check.isMinimum ? (r.passed ? "≥" : "<") : (r.passed ? "≤" : ">")
            return "\(metric) \(NumberFormatting.exact(v)) \(op) \(limit)"
        case .notProfiled:
            return "\(metric) was not computed: pass \(r.check == .maxAgeDays ? "--timestamp" : "--label") COLUMN to check it"
        case .undefined:
            return "\(metric) is null (\(undefinedReason(r.check))): cannot show \(r.check.rawValue) \(limit) is met"
        case .noSuchColumn:
            return "the data has no column \(Sanitize.quoted(column(r) ?? "")) (\(metric))"
        }
    }

    private static func undefinedReason(_ check: DataCheckResult.Check) -> String {
        switch check {
        case .maxAgeDays: return "no timestamp in the data"
        case .minClassShare: return "fewer than two label classes"
        case .minRows, .maxMissingShare: return "the data has no rows"
        }
    }

    private static func column(_ r: DataCheckResult) -> String? {
        if case .named(let name)? = r.columns { return name }
        return nil
    }

    private static func findingKind(_ f: DataCheckResult.Finding) -> String {
        switch f {
        case .value: return "value"
        case .notProfiled: return "not_profiled"
        case .undefined: return "undefined"
        case .noSuchColumn: return "no_such_column"
        }
    }
}
