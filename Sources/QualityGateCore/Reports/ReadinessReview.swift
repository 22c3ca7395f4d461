/// `qgate review`: the evaluation read as a production-readiness review, stage
/// by stage, ending in a Go / Conditional Go / No-Go recommendation.
public struct ReadinessReview: Sendable {
    public enum StageStatus: String, Sendable {
        case pass = "Pass"
        case conditional = "Conditional"
        case fail = "Fail"
        case notAssessed = "Not assessed"

        /// The stable name in the JSON review.
        public var code: String {
            switch self {
            case .pass: return "pass"
            case .conditional: return "conditional"
            case .fail: return "fail"
            case .notAssessed: return "not_assessed"
            }
        }
    }

    public enum Recommendation: String, Sendable {
        case go = "Go"
        case conditionalGo = "Conditional Go"
        case noGo = "No-Go"

        /// The stable name in the JSON review.
        public var code: String {
            switch self {
            case .go: return "go"
            case .conditionalGo: return "conditional_go"
            case .noGo: return "no_go"
            }
        }
    }

    public struct StageRow: Sendable {
        /// nil for the row of gates without `stage:`, which is not a stage.
        public var stage: ReviewStage?
        public var title: String
        public var status: StageStatus
        public var results: [ConditionResult]
        /// The most severe failure (or accepted waiver) of the stage.
        public var keyRisk: ConditionResult?
        /// The failing gates' `mitigation:`s, each once.
        public var mitigations: [String]
        /// The failing gates' `owner:`s (every gate's when none failed), each once.
        public var owners: [String]
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
            // A stage whose every condition was skipped judged nothing, like one without gates.
            if results.allSatisfy({ $0.status == .skipped }) {
                status = .notAssessed
            } else if failed.contains(where: { evaluation.blocks($0) }) {
                status = .fail
            } else if !failed.isEmpty {
                status = .conditional
            } else {
                status = .pass
            }
            // The key risk is the most severe failure; owners and mitigations come from the failing gates.
            let gates = failed.isEmpty ? results.map(\.gate) : failed.map(\.gate)
            func unique(_ xs: [String]) -> [String] { xs.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
            rows.append(
                StageRow(
                    stage: stage, title: stage?.title ?? "Unstaged gates", status: status, results: results,
                    keyRisk: failed.first { evaluation.blocks($0) } ?? failed.first,
                    mitigations: unique(failed.compactMap(\.gate.mitigation)), owners: unique(gates.compactMap(\.owner))))
        }
        self.rows = rows
    }

    /// No gate has a `stage:`, so the review judged no stage: never a plain Go.
    public var noStageAssessed: Bool {
        !rows.contains { $0.stage != nil && $0.status != .notAssessed }
    }

    public var recommendation: Recommendation {
        switch evaluation.verdict {
        case .blocked: return .noGo
        case .passedWithWarnings: return .conditionalGo
        case .passed: return evaluation.waivedCount > 0 || noStageAssessed ? .conditionalGo : .go
        }
    }

    /// What a Conditional Go asks the reviewers to look at: failed warnings and waived failures.
    public var toReview: [ConditionResult] {
        evaluation.results.filter { ($0.status == .failed && $0.severity == .warning) || $0.status == .waived }
    }

    public var recommendationLine: String {
        switch recommendation {
        case .go: return "Recommendation: Go — every assessed stage passed."
        case .conditionalGo:
            var reasons: [String] = []
            if noStageAssessed { reasons.append("no stage was assessed") }
            let review = toReview.map { "\(Sanitize.name($0.gate.displayName)): \($0.message(precision))" }
            if !review.isEmpty { reasons.append("review: " + review.joined(separator: "; ")) }
            return "Recommendation: Conditional Go — " + reasons.joined(separator: "; ") + (toReview.isEmpty ? "." : "")
        case .noGo:
            let failing = rows.filter { $0.status == .fail }.map(\.title).joined(separator: ", ")
            return "Recommendation: No-Go — failed: \(failing)."
        }
    }

    /// A row's cells as the text and Markdown tables print them ("—" for none).
    func keyRiskText(_ row: StageRow) -> String { row.keyRisk?.message(precision) ?? "—" }
    static func listText(_ xs: [String], _ separator: String) -> String {
        let joined = xs.joined(separator: separator)
        return joined.isEmpty ? "—" : Sanitize.name(joined)
    }

    public func text() -> String {
        var out =
            "Production-readiness review · model \(Sanitize.name(evaluation.policy.model ?? "—")) · policy \(Sanitize.inline(evaluation.policy.file))\n\n"
        if let method = evaluation.aggregate { out += RepeatedRunsText.provenance(method, runs: evaluation.metricsFiles.count) + "\n\n" }
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
            table.add([
                row.title, row.status.rawValue, keyRiskText(row), Self.listText(row.mitigations, "; "), Self.listText(row.owners, ", ")
            ])
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
        if let method = evaluation.aggregate {
            out += Markdown.escape(RepeatedRunsText.provenance(method, runs: evaluation.metricsFiles.count)) + "\n\n"
        }
        out += "| Stage | Status | Key risk | Suggested mitigation | Owner |\n|---|---|---|---|---|\n"
        for row in rows {
            out +=
                "| \(row.title) | \(row.status.rawValue) | \(Markdown.escape(keyRiskText(row))) | \(Markdown.escape(Self.listText(row.mitigations, "; "))) | \(Markdown.escape(Self.listText(row.owners, ", "))) |\n"
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

    /// The review as JSON (schema `qgate.review/v1`): numbers and messages at
    /// full precision, stages in review order with their conditions as
    /// `qgate.evaluation/v1` reports them. No elapsed time: the document
    /// depends only on the inputs.
    public func json() -> String {
        var full = self
        full.precision = .full
        return JSONOutput.object([
            ("schema", .string(Self.schema)),
            ("qgate_version", .string(QGateVersion.current)),
            ("model", .optional(evaluation.policy.model)),
            ("recommendation", .string(recommendation.code)),
            ("no_stage_assessed", .bool(noStageAssessed)),
            ("summary", .string(full.recommendationLine)),
            ("verdict", .string(evaluation.verdict.rawValue)),
            ("release_allowed", .bool(evaluation.releaseAllowed)),
            ("provenance", Provenance.json(evaluation)),
            (
                "stages",
                .array(
                    rows.map { row in
                        .object([
                            ("stage", .optional(row.stage?.rawValue)),
                            ("title", .string(row.title)),
                            ("status", .string(row.status.code)),
                            ("key_risk", row.keyRisk.map(Self.risk) ?? .null),
                            ("mitigations", .array(row.mitigations.map { .string($0) })),
                            ("owners", .array(row.owners.map { .string($0) })),
                            ("conditions", .array(row.results.map(JSONReport.condition)))
                        ])
                    })
            ),
            ("to_review", .array(toReview.map(Self.risk)))
        ]).rendered()
    }

    public static let schema = "qgate.review/v1"

    static func risk(_ r: ConditionResult) -> JSONOutput {
        .object([
            ("gate", .string(r.gate.displayName)), ("metric", .string(r.metric)), ("kind", .string(r.kind.key)),
            ("message", .string(r.message))
        ])
    }
}
