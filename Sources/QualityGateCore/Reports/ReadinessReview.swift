/// `qgate review`: the evaluation read as a production-readiness review, stage
/// by stage, ending in a Go / Conditional Go / No-Go recommendation.
public struct ReadinessReview: Sendable {
    public enum StageStatus: String, Sendable {
        case pass = "Pass"
        case conditional = "Conditional"
        case fail = "Fail"
        case notAssessed = "Not assessed"
    }

    public enum Recommendation: String, Sendable {
        case go = "Go"
        case conditionalGo = "Conditional Go"
        case noGo = "No-Go"
    }

    public struct StageRow: Sendable {
        public var stage: ReviewStage?
        public var title: String
        public var status: StageStatus
        public var results: [ConditionResult]
        public var keyRisk: String
        public var mitigation: String
        public var owner: String
    }

    public var evaluation: Evaluation
    public var rows: [StageRow]
    public var elapsedSeconds: Double
    /// Of the numbers in the conditions' messages.
    public var precision: ReportPrecision

    public init(evaluation: Evaluation, elapsedSeconds: Double, precision: ReportPrecision = .human) {
        self.evaluation = evaluation
        self.elapsedSeconds = elapsedSeconds
        self.precision = precision
        var rows: [StageRow] = []
        let stages: [ReviewStage?] =
            ReviewStage.allCases.map { $0 }
            + (evaluation.results.contains { $0.gate.stage == nil } ? [nil] : [])
        for stage in stages {
            let results = evaluation.results.filter { $0.gate.stage == stage }
            // Waived failures are risks the team accepted: shown, and never "Pass".
            let failed = results.filter { ($0.status == .failed && $0.severity != .info) || $0.status == .waived }
            let status: StageStatus
            if results.isEmpty {
                status = .notAssessed
            } else if failed.contains(where: { evaluation.blocks($0) }) {
                status = .fail
            } else if !failed.isEmpty {
                status = .conditional
            } else {
                status = .pass
            }
            // The key risk is the most severe failure; owners and mitigations come from the failing gates.
            let worst = failed.first { evaluation.blocks($0) } ?? failed.first
            let gates = failed.isEmpty ? results.map(\.gate) : failed.map(\.gate)
            func unique(_ xs: [String]) -> [String] { xs.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
            rows.append(
                StageRow(
                    stage: stage, title: stage?.title ?? "Unstaged gates", status: status, results: results,
                    keyRisk: worst?.message(precision) ?? "—",
                    mitigation: failed.isEmpty
                        ? "—" : (unique(failed.compactMap(\.gate.mitigation)).joined(separator: "; ").nonEmpty ?? "—"),
                    owner: unique(gates.compactMap(\.owner)).joined(separator: ", ").nonEmpty ?? "—"))
        }
        self.rows = rows
    }

    public var recommendation: Recommendation {
        switch evaluation.verdict {
        case .blocked: return .noGo
        case .passedWithWarnings: return .conditionalGo
        case .passed: return evaluation.waivedCount > 0 ? .conditionalGo : .go
        }
    }

    /// What a Conditional Go asks the reviewers to look at.
    public var toReview: [String] {
        evaluation.results.filter { ($0.status == .failed && $0.severity == .warning) || $0.status == .waived }
            .map { "\(Sanitize.name($0.gate.displayName)): \($0.message(precision))" }
    }

    public var recommendationLine: String {
        switch recommendation {
        case .go: return "Recommendation: Go — every assessed stage passed."
        case .conditionalGo: return "Recommendation: Conditional Go — review: " + toReview.joined(separator: "; ")
        case .noGo:
            let failing = rows.filter { $0.status == .fail }.map(\.title).joined(separator: ", ")
            return "Recommendation: No-Go — failed: \(failing)."
        }
    }

    public func text() -> String {
        var out =
            "Production-readiness review · model \(Sanitize.name(evaluation.policy.model ?? "—")) · policy \(Sanitize.inline(evaluation.policy.file))\n\n"
        for (i, row) in rows.enumerated() {
            out += "\(i + 1). \(row.title) — \(row.status.rawValue)\n"
            if row.results.isEmpty { out += "   no gates\n" }
            for r in row.results {
                out += "   \(TextReport.mark(r)) \(Sanitize.name(r.gate.displayName)) \(r.kind.key): \(r.message(precision))\n"
            }
            out += "\n"
        }
        var table = TextTable([.left, .left, .left, .left, .left])
        table.add(["STAGE", "STATUS", "KEY RISK", "SUGGESTED MITIGATION", "OWNER"])
        for row in rows {
            table.add([row.title, row.status.rawValue, row.keyRisk, Sanitize.name(row.mitigation), Sanitize.name(row.owner)])
        }
        for line in table.render(separator: " │ ") { out += line + "\n" }
        out += "\n" + recommendationLine + "\n"
        out += "Elapsed: \(NumberFormatting.rounded(elapsedSeconds, significantDigits: 2)) s\n"
        // Also for the .txt file of --output-dir.
        return WorkflowCommandGuard.neutralise(out)
    }

    public func markdown() -> String {
        var out = "# Production-readiness review: \(Markdown.escape(Sanitize.name(evaluation.policy.model ?? "model")))\n\n"
        out += "**\(recommendation.rawValue)** — \(Markdown.escape(evaluation.verdictLine))\n\n"
        out += "| Stage | Status | Key risk | Suggested mitigation | Owner |\n|---|---|---|---|---|\n"
        for row in rows {
            out +=
                "| \(row.title) | \(row.status.rawValue) | \(Markdown.escape(row.keyRisk)) | \(Markdown.escape(Sanitize.name(row.mitigation))) | \(Markdown.escape(Sanitize.name(row.owner))) |\n"
        }
        for (i, row) in rows.enumerated() where !row.results.isEmpty {
            out += "\n## \(i + 1). \(row.title): \(row.status.rawValue)\n\n"
            for r in row.results {
                out +=
                    "- \(MarkdownReport.status(r).prefix { $0 != " " }) \(Markdown.escape(Sanitize.name(r.gate.displayName))) \(r.kind.key): \(Markdown.escape(r.message(precision)))\n"
            }
        }
        out += "\n\(Markdown.escape(recommendationLine))\n\nElapsed: \(NumberFormatting.rounded(elapsedSeconds, significantDigits: 2)) s\n"
        return out
    }
}
