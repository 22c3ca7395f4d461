/// `qgate baseline verify`: checks a model's history chain (with a key, its
/// signatures and the signed head), that each record's baseline hash is that of
/// its own metrics, that times never go backwards, that the baseline file is
/// the one the history says, and that given artifacts match the hashes recorded
/// when the baseline was promoted.
public struct StoreVerification: Sendable {
    /// Lines for the report: `ok` findings and problems (any problem means exit 1).
    public var ok: [String] = []
    public var notes: [String] = []
    public var problems: [String] = []

    public var passed: Bool { problems.isEmpty }

    public static func run(store: BaselineStore, model: ModelName, artifacts: [String]) throws -> StoreVerification {
        var v = StoreVerification()
        let records: [HistoryRecord]
        let pastHead: Int
        do {
            (records, pastHead) = try store.authenticatedHistory(model)
        } catch let e as BaselineError {
            v.problems.append(e.description)
            return v
        }
        guard !records.isEmpty else {
            throw BaselineError(.noHistory(model, in: store.locationName))
        }
        v.ok.append(
            "history: \(records.count) record\(records.count == 1 ? "" : "s"), hash chain intact (head \(records.last?.sha256.prefix(16) ?? "")…)"
        )
        if store.historyKey != nil {
            v.ok.append(
                "signatures: every record signed with QGATE_HISTORY_KEY; the signed store head covers record \(records.count - pastHead)")
            if pastHead > 0 {
                v.notes.append(
                    "the signed store head is \(pastHead) record\(pastHead == 1 ? "" : "s") behind the history (an interrupted write); the next write updates it"
                )
            }
        } else if records.contains(where: { $0.hmac != nil }) {
            v.notes.append("the records are signed, but QGATE_HISTORY_KEY is not set: signatures and the signed head were not checked")
        }
        v.checkContent(records)

        let changes = records.filter { $0.event == .promote || $0.event == .rollback }
        if let last = changes.last, let current = BaselineStore.current(in: records) {
            let path = store.baselinePath(model)
            let fileHash = try FileSystem.existsStrict(path) ? try FileSystem.sha256(ofFile: path, regularOnly: true).hex : nil
            // Each interrupted promote or rollback leaves the view of some earlier change.
            let stale = changes.dropLast().last { fileHash != nil && $0.baselineSHA256 == fileHash }
            if fileHash == last.baselineSHA256 {
                v.ok.append("baseline file: matches history record \(last.seq) (version \(Sanitize.inline(current.version ?? "?")))")
            } else if let stale {
                v.notes.append(
                    "baseline file is the view of history record \(stale.seq), behind the history (an interrupted write); the history's record \(last.seq) is current and the file is rewritten by the next promote or rollback"
                )
            } else if fileHash == nil && changes.count == 1 {
                v.notes.append("baseline file not written yet (an interrupted first promote); the history's record \(last.seq) is current")
            } else if fileHash == nil {
                // Only a view: evaluate reads the history, so a missing file changes no verdict.
                v.notes.append(
                    "baseline file \(Sanitize.quoted(path)) is missing (interrupted writes since the first promote, or deleted); the history's record \(last.seq) is current and the next promote or rollback writes it"
                )
            } else {
                v.problems.append("baseline file \(Sanitize.quoted(path)) was modified: it matches no promotion in the history")
            }
            for artifact in artifacts {
                let (hash, size) = try FileSystem.sha256(ofFile: artifact)
                let base = FileSystem.baseName(of: artifact)
                guard
                    let recorded = current.artifacts.first(where: { $0.path == artifact })
                        ?? current.artifacts.first(where: { FileSystem.baseName(of: $0.path) == base })
                else {
                    v.problems.append(
                        "artifact \(Sanitize.quoted(artifact)) is not recorded for version \(Sanitize.inline(current.version ?? "?"))")
                    continue
                }
                if recorded.sha256 == hash && recorded.size == size {
                    v.ok.append("artifact \(Sanitize.inline(artifact)): sha256 \(hash.prefix(16))… matches")
                } else {
                    v.problems.append(
                        "artifact \(Sanitize.quoted(artifact)) does not match: sha256 \(hash.prefix(16))… (\(size) bytes), recorded \(recorded.sha256.prefix(16))… (\(recorded.size) bytes)"
                    )
                }
            }
        } else if !artifacts.isEmpty {
            v.problems.append("no baseline has been promoted, so no artifact hashes are recorded")
        }
        return v
    }

    /// What the chain alone cannot show: a record whose `baseline_sha256` is not
    /// the hash of its own metrics' view (so the baseline file could be made to
    /// match metrics other than the ones evaluated), and times going backwards.
    mutating func checkContent(_ records: [HistoryRecord]) {
        var viewsOK = true
        for r in records where r.event == .promote || r.event == .rollback {
            let source = r.event == .promote ? r : records.first { $0.seq == r.restoresSeq }
            guard let source else { continue }
            let recomputed = SHA256.hex(BaselineStore.baselineView(of: source))
            if r.baselineSHA256 != recomputed {
                viewsOK = false
                problems.append(
                    "history record \(r.seq): its baseline_sha256 \((r.baselineSHA256 ?? "none").prefix(12))… is not the hash of its metrics' baseline view (\(recomputed.prefix(12))…)"
                )
            }
        }
        var timesOK = true
        for (earlier, later) in zip(records, records.dropFirst()) where later.time < earlier.time {
            timesOK = false
            problems.append(
                "history record \(later.seq) is dated \(later.time), before record \(earlier.seq) (\(earlier.time)): times go backwards")
        }
        // A version-2 evaluation keeps what its verdict was computed from.
        for r in records where r.event == .evaluation && r.format == .v2 {
            let counted = r.failed.filter(\.counts)
            let expected = Evaluation.verdict(
                criticalFailed: counted.contains { $0.severity == .critical },
                warnings: counted.count(where: { $0.severity == .warning }),
                failOnWarning: r.failOnWarning ?? false)
            if r.verdict != expected.rawValue {
                problems.append(
                    "history record \(r.seq): its verdict \(Sanitize.inline(r.verdict ?? "none")) does not follow from its failures (\(expected.rawValue))"
                )
            }
        }
        if viewsOK && timesOK { ok.append("records: every baseline hash recomputed from its metrics; times in order") }
    }
}

extension BaselineError.Message {
    fileprivate static func noHistory(_ model: ModelName, in directory: String) -> Self {
        Self("no history for model \(Sanitize.quoted(model.value)) in \(Sanitize.quoted(directory))")
    }
}
