/// `qgate baseline verify`: checks a model's history chain, that the baseline
/// file is the one the history says, and that given artifacts match the hashes
/// recorded when the baseline was promoted.
public struct StoreVerification: Sendable {
    /// Lines for the report: `ok` findings and problems (any problem means exit 1).
    public var ok: [String] = []
    public var notes: [String] = []
    public var problems: [String] = []

    public var passed: Bool { problems.isEmpty }

    public static func run(store: BaselineStore, model: ModelName, artifacts: [String]) throws -> StoreVerification {
        var v = StoreVerification()
        let records: [HistoryRecord]
        do {
            records = try store.history(model)
        } catch let e as BaselineError {
            v.problems.append(e.description)
            return v
        }
        guard !records.isEmpty else {
            throw BaselineError("no history for model \(Sanitize.quoted(model.value)) in \(Sanitize.quoted(store.directory))",
                                hint: "promote a baseline first, or pass --store DIR / --model NAME")
        }
        v.ok.append("history: \(records.count) record\(records.count == 1 ? "" : "s"), hash chain intact (head \(records.last?.sha256.prefix(16) ?? "")…)")

        let changes = records.filter { $0.event == .promote || $0.event == .rollback }
        if let last = changes.last, let current = BaselineStore.current(in: records) {
            let path = store.baselinePath(model)
            let fileHash = FileSystem.exists(path) ? try FileSystem.sha256(ofFile: path).hex : nil
            let previous = changes.dropLast().last
            if fileHash == last.baselineSHA256 {
                v.ok.append("baseline file: matches history record \(last.seq) (version \(Sanitize.inline(current.version ?? "?")))")
            } else if let previous, fileHash != nil, fileHash == previous.baselineSHA256 {
                v.notes.append("baseline file is one change behind the history (an interrupted write); the history's record \(last.seq) is current and the file is rewritten by the next promote or rollback")
            } else if fileHash == nil && changes.count == 1 {
                v.notes.append("baseline file not written yet (an interrupted first promote); the history's record \(last.seq) is current")
            } else if fileHash == nil {
                v.problems.append("baseline file \(Sanitize.quoted(path)) is missing")
            } else {
                v.problems.append("baseline file \(Sanitize.quoted(path)) was modified: it matches no promotion in the history")
            }
            for artifact in artifacts {
                let (hash, size) = try FileSystem.sha256(ofFile: artifact)
                let base = FileSystem.baseName(of: artifact)
                guard let recorded = current.artifacts.first(where: { $0.path == artifact })
                        ?? current.artifacts.first(where: { FileSystem.baseName(of: $0.path) == base }) else {
                    v.problems.append("artifact \(Sanitize.quoted(artifact)) is not recorded for version \(Sanitize.inline(current.version ?? "?"))")
                    continue
                }
                if recorded.sha256 == hash && recorded.size == size {
                    v.ok.append("artifact \(Sanitize.inline(artifact)): sha256 \(hash.prefix(16))… matches")
                } else {
                    v.problems.append("artifact \(Sanitize.quoted(artifact)) does not match: sha256 \(hash.prefix(16))… (\(size) bytes), recorded \(recorded.sha256.prefix(16))… (\(recorded.size) bytes)")
                }
            }
        } else if !artifacts.isEmpty {
            v.problems.append("no baseline has been promoted, so no artifact hashes are recorded")
        }
        return v
    }
}
