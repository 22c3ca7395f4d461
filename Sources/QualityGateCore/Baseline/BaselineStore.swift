#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory (default `.qgate/`) that holds each model's current baseline
/// and its hash-chained history:
///
///     .qgate/baselines/<model>.json    the current baseline, human-readable
///     .qgate/history/<model>.jsonl     every promotion, rollback and recorded evaluation
///     .qgate/.lock                     serializes writers (flock)
///
/// The history is the source of truth; the baseline file is its readable view,
/// written after the history. Every write is atomic and done under the lock.
public struct BaselineStore: Sendable {
    public let directory: String
    /// Named by `--store` or `QGATE_STORE` (it must then exist when read), as
    /// opposed to the default `.qgate`, which may legitimately be absent.
    public let isExplicit: Bool

    public init(directory: String, isExplicit: Bool = true) {
        self.directory = directory
        self.isExplicit = isExplicit
    }

    /// `--store DIR`, else `QGATE_STORE`, else `.qgate`.
    public static func resolve(option: String?, environment: [String: String]) -> BaselineStore {
        if let option { return BaselineStore(directory: option) }
        if let env = environment["QGATE_STORE"], !env.isEmpty { return BaselineStore(directory: env) }
        return BaselineStore(directory: ".qgate", isExplicit: false)
    }

    /// Whether to read baselines from this store: an explicitly named store must
    /// exist (a typo must not silently skip every relative gate).
    public func shouldRead() throws -> Bool {
        if try FileSystem.existsStrict(directory) { return true }
        if isExplicit {
            throw BaselineError("baseline store \(Sanitize.quoted(directory)) does not exist",
                                hint: "check --store / QGATE_STORE, or promote a first baseline with `qgate baseline promote`")
        }
        return false
    }


    /// The store's own files must not be symbolic links: a link committed in a
    /// pull request would make the gate read (and echo into CI logs) any file
    /// the runner can see, or treat it as the released baseline.
    func refuseLinks(_ model: ModelName) throws {
        try Self.refuseLinks([directory + "/history", directory + "/baselines", historyPath(model), baselinePath(model)])
    }

    static func refuseLinks(_ paths: [String]) throws {
        for path in paths where FileSystem.isSymbolicLink(path) {
            throw BaselineError("\(Sanitize.quoted(path)) is a symbolic link; qgate does not follow links inside the store",
                                hint: "replace it with the file or directory itself (the store directory as a whole may be a link)")
        }
    }

    func historyPath(_ model: ModelName) -> String { "\(directory)/history/\(model.value).jsonl" }
    func baselinePath(_ model: ModelName) -> String { "\(directory)/baselines/\(model.value).json" }

    // MARK: - Reading

    /// All records of a model's history, each checked against its own hash and
    /// its predecessor's. Throws on the first broken link.
    public func history(_ model: ModelName) throws -> [HistoryRecord] {
        try refuseLinks(model)
        let path = historyPath(model)
        guard try FileSystem.existsStrict(path) else {
            if try FileSystem.existsStrict(baselinePath(model)) {
                throw BaselineError("store \(Sanitize.quoted(directory)) has a baseline file for \(Sanitize.quoted(model.value)) but no history",
                                    hint: "the history is the source of truth: restore \(Sanitize.quoted(path)) from version control")
            }
            return []
        }
        let bytes = try FileSystem.readBytes(path)
        var records: [HistoryRecord] = []
        var prev = HistoryRecord.genesis
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            // git's autocrlf may add a CR to each line; the hashes cover the text without it.
            let text = line.last == 0x0D ? line.dropLast() : line
            let record = try HistoryRecord.parse(line: String(decoding: text, as: UTF8.self), number: number, file: path)
            let at = SourceLocation(file: path, line: number, column: 1)
            if record.prevSHA256 != prev {
                throw BaselineError("history chain broken at record \(number): it follows \(record.prevSHA256.prefix(12))…, but the previous record is \(prev.prefix(12))…",
                                    at: at, hint: "a record before it was deleted or edited; restore the history from version control")
            }
            if record.seq != records.count + 1 {
                throw BaselineError("history record \(number) has sequence number \(record.seq), expected \(records.count + 1)", at: at,
                                    hint: "records were removed or reordered")
            }
            if record.model != model.value {
                throw BaselineError("history record \(number) belongs to model \(Sanitize.quoted(record.model))", at: at)
            }
            if record.event == .rollback {
                guard let target = record.restoresSeq, records.contains(where: { $0.seq == target && $0.event == .promote }) else {
                    throw BaselineError("history record \(number) rolls back to record \(record.restoresSeq.map(String.init) ?? "?"), which is not an earlier promotion",
                                        at: at, hint: "the history was edited; restore it from version control")
                }
            }
            prev = record.sha256
            records.append(record)
        }
        return records
    }

    /// The promotion whose metrics are the current baseline (following rollbacks), if any.
    public func currentBaseline(_ model: ModelName) throws -> HistoryRecord? {
        Self.current(in: try history(model))
    }

    static func current(in records: [HistoryRecord]) -> HistoryRecord? {
        guard let last = records.last(where: { $0.event == .promote || $0.event == .rollback }) else { return nil }
        if last.event == .promote { return last }
        return records.first { $0.seq == last.restoresSeq && $0.event == .promote }
    }

    /// The current baseline as a `MetricSet` for the evaluator.
    public func baselineMetrics(_ model: ModelName) throws -> (MetricSet, HistoryRecord)? {
        guard let record = try currentBaseline(model) else { return nil }
        var set = MetricSet()
        set.noteFile(baselinePath(model))
        let at = SourceLocation(file: historyPath(model), line: record.seq, column: 1)
        for (name, value) in record.metrics {
            try set.add(Metric(name: name, value: .number(value), origin: .location(at)))
        }
        return (set, record)
    }

    // MARK: - Writing

    /// What a promotion records besides the metrics.
    public struct Promotion: Sendable {
        public var version: String?
        public var gitCommit: String?
        public var metricsFile: String
        public var metricsSHA256: String
        public var metrics: [(String, Double)]
        public var artifacts: [HistoryRecord.Artifact]

        public init(version: String?, gitCommit: String?, metricsFile: String, metricsSHA256: String,
                    metrics: [(String, Double)], artifacts: [HistoryRecord.Artifact]) {
            self.version = version
            self.gitCommit = gitCommit
            self.metricsFile = metricsFile
            self.metricsSHA256 = metricsSHA256
            self.metrics = metrics
            self.artifacts = artifacts
        }
    }

    /// Records `promotion` as the model's new baseline. Returns the record written.
    public func promote(_ model: ModelName, _ promotion: Promotion) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try history(model)
            var r = HistoryRecord(seq: records.count + 1, event: .promote, time: Clock.nowUTC(), model: model.value,
                                  prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            r.version = promotion.version ?? "r\(r.seq)"
            r.gitCommit = promotion.gitCommit
            r.metricsFile = promotion.metricsFile
            r.metricsSHA256 = promotion.metricsSHA256
            r.metrics = promotion.metrics
            r.artifacts = promotion.artifacts
            let view = Self.baselineView(of: r)
            r.baselineSHA256 = SHA256.hex(view)
            return try append(r, to: records, model: model, view: view)
        }
    }

    /// Makes an earlier promotion current again (the latest with `version`, or
    /// the one before the current baseline), recorded as a new history event.
    public func rollback(_ model: ModelName, to version: String?) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try history(model)
            guard let current = Self.current(in: records) else {
                throw BaselineError("model \(Sanitize.quoted(model.value)) has no baseline to roll back", hint: "promote one first")
            }
            let promotions = records.filter { $0.event == .promote }
            let target: HistoryRecord?
            if let version {
                target = promotions.last { $0.version == version }
                guard target != nil else {
                    let known = promotions.compactMap(\.version).map(Sanitize.inline).joined(separator: ", ")
                    throw BaselineError("no promotion of \(Sanitize.quoted(model.value)) has version \(Sanitize.quoted(version))",
                                        hint: "recorded versions: \(known)")
                }
            } else {
                target = promotions.last { $0.seq < current.seq }
                guard target != nil else {
                    throw BaselineError("there is no promotion before the current baseline \(Sanitize.quoted(current.version ?? "?"))",
                                        hint: "name the version with --to VERSION")
                }
            }
            guard let target else { throw BaselineError("no rollback target") }
            var r = HistoryRecord(seq: records.count + 1, event: .rollback, time: Clock.nowUTC(), model: model.value,
                                  prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            r.version = target.version
            r.restoresSeq = target.seq
            let view = Self.baselineView(of: target)
            r.baselineSHA256 = SHA256.hex(view)
            return try append(r, to: records, model: model, view: view)
        }
    }

    /// Appends an evaluation's verdict and failing conditions to the history.
    public func record(_ evaluation: Evaluation, model: ModelName, metricsSHA256: String?) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try history(model)
            var r = HistoryRecord(seq: records.count + 1, event: .evaluation, time: Clock.nowUTC(), model: model.value,
                                  prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            r.verdict = evaluation.verdict.rawValue
            r.metricsFile = evaluation.metricsFiles.joined(separator: ",")
            r.metricsSHA256 = metricsSHA256
            // The baseline this evaluation really compared against (a file, a git ref or the store).
            r.baselineVersion = evaluation.baseline.map { $0.version ?? $0.description }
            r.failed = evaluation.results.filter { $0.status == .failed }.map {
                "\($0.severity.rawValue): \($0.gate.displayName) \($0.kind.key) — \($0.message)"
            }
            return try append(r, to: records, model: model, view: nil)
        }
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        try Self.refuseLinks([directory + "/history", directory + "/baselines", directory + "/.lock"])
        try FileSystem.makeDirectories(directory + "/history")
        try FileSystem.makeDirectories(directory + "/baselines")
        let lock = try FileLock(path: directory + "/.lock")
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }

    /// History first (the commit point), then the baseline view. A crash between
    /// the two leaves the previous view, which `verify` recognises as stale.
    private func append(_ record: HistoryRecord, to records: [HistoryRecord], model: ModelName, view: [UInt8]?) throws -> HistoryRecord {
        var r = record
        let (line, hash) = r.line()
        r.sha256 = hash
        let path = historyPath(model)
        var bytes = try FileSystem.existsStrict(path) ? try FileSystem.readBytes(path) : []
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
        bytes.append(contentsOf: Array(line.utf8))
        bytes.append(0x0A)
        try FileSystem.writeAtomically(bytes, to: path, beforeRename: { TestHooks.crashIfRequested("history-before-rename") })
        TestHooks.crashIfRequested("between-history-and-baseline")
        if let view {
            try FileSystem.writeAtomically(view, to: baselinePath(model), beforeRename: { TestHooks.crashIfRequested("baseline-before-rename") })
        }
        return r
    }

    /// The readable baseline file for a promotion; its bytes depend only on the
    /// promotion record, so a rollback reproduces them exactly.
    static func baselineView(of r: HistoryRecord) -> [UInt8] {
        let doc = JSONOutput.object([
            ("schema", .string("qgate.baseline/v1")),
            ("model", .string(r.model)),
            ("version", .optional(r.version)),
            ("promoted_at", .string(r.time)),
            ("promotion_seq", .number(Double(r.seq))),
            ("git_commit", .optional(r.gitCommit)),
            ("metrics_file", .optional(r.metricsFile)),
            ("metrics_sha256", .optional(r.metricsSHA256)),
            ("artifacts", HistoryRecord.Artifact.json(r.artifacts)),
            ("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) })),
        ])
        return Array(doc.rendered().utf8)
    }
}
