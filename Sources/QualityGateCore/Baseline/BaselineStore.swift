#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directory (default `.qgate/`) that holds each model's current baseline
/// and its hash-chained history:
///
///     .qgate/baselines/<model>.json    the current baseline, human-readable
///     .qgate/history/<model>.jsonl     every promotion, rollback and recorded evaluation
///     .qgate/head.json                 with a key: the signed count and last hash of every history
///     .qgate/.lock                     serializes writers (flock)
///
/// The history is the source of truth; the baseline file is its readable view,
/// written after the history. Every write is atomic and done under the lock.
public struct BaselineStore: Sendable {
    public let directory: String
    /// Named by `--store` or `QGATE_STORE` (it must then exist when read), as
    /// opposed to the default `.qgate`, which may legitimately be absent.
    public let isExplicit: Bool
    /// `QGATE_HISTORY_KEY`: when set, every record must be signed with it and
    /// the history must match the signed store head.
    public let historyKey: [UInt8]?
    /// Seconds a writer waits for the store lock (`QGATE_LOCK_TIMEOUT`).
    public let lockTimeout: Double
    /// Stamps history records (and is today for `promote --require-pass`).
    public var clock: Clock
    /// For `--store git:BRANCH`: the branch this directory is a checkout of (GitStoreLocation.swift).
    public internal(set) var git: GitStore?

    public static let defaultLockTimeout = 60.0
    public static let minimumKeyLength = 16

    public init(
        directory: String, isExplicit: Bool = true, historyKey: [UInt8]? = nil, lockTimeout: Double = defaultLockTimeout,
        clock: Clock = .system
    ) {
        self.directory = directory
        self.isExplicit = isExplicit
        self.historyKey = historyKey
        self.lockTimeout = lockTimeout
        self.clock = clock
    }

    /// `--store DIR`, else `QGATE_STORE`, else `.qgate`; the key and lock
    /// timeout from `QGATE_HISTORY_KEY` and `QGATE_LOCK_TIMEOUT`.
    public static func resolve(option: String?, environment: [String: String], clock: Clock) throws(BaselineError) -> BaselineStore {
        var key: [UInt8]?
        if let text = environment["QGATE_HISTORY_KEY"], !text.isEmpty {
            guard text.utf8.count >= minimumKeyLength else {
                throw BaselineError(
                    .historyKeyTooShort(bytes: text.utf8.count),
                    hint: "use a random secret, e.g. `openssl rand -hex 32`, stored as a CI secret")
            }
            key = Array(text.utf8)
        }
        var timeout = defaultLockTimeout
        if let text = environment["QGATE_LOCK_TIMEOUT"], !text.isEmpty {
            guard let t = Double(text), t.isFinite, t >= 0, t <= 86400 else {
                throw BaselineError(
                    .invalidLockTimeout(text),
                    hint: "the seconds a writer waits for the store lock, from 0 to 86400 (default 60)")
            }
            timeout = t
        }
        if let option { return BaselineStore(directory: option, historyKey: key, lockTimeout: timeout, clock: clock) }
        if let env = environment["QGATE_STORE"], !env.isEmpty {
            return BaselineStore(directory: env, historyKey: key, lockTimeout: timeout, clock: clock)
        }
        return BaselineStore(directory: ".qgate", isExplicit: false, historyKey: key, lockTimeout: timeout, clock: clock)
    }

    /// Whether there is a store to read baselines from. A missing store is a
    /// first release, not an error: the evaluation says so, naming the store,
    /// and applies `on_missing_baseline`.
    public func shouldRead() throws -> Bool {
        try FileSystem.existsStrict(directory)
    }

    /// The store's own files must not be symbolic links: a link committed in a
    /// pull request would make the gate read (and echo into CI logs) any file
    /// the runner can see, or treat it as the released baseline.
    func refuseLinks(_ model: ModelName) throws {
        try Self.refuseLinks([directory + "/history", directory + "/baselines", historyPath(model), baselinePath(model), headPath])
    }

    static func refuseLinks(_ paths: [String]) throws {
        for path in paths where FileSystem.isSymbolicLink(path) {
            throw BaselineError(
                .symbolicLinkInStore(path),
                hint: "replace it with the file or directory itself (the store directory as a whole may be a link)")
        }
    }

    func historyPath(_ model: ModelName) -> String { "\(directory)/history/\(model.value).jsonl" }
    func baselinePath(_ model: ModelName) -> String { "\(directory)/baselines/\(model.value).json" }
    var headPath: String { "\(directory)/head.json" }

    // MARK: - Reading

    /// All records of a model's history, each checked against its own hash and
    /// its predecessor's, and with a key, against its signature and the signed
    /// store head. Throws on the first problem.
    public func history(_ model: ModelName) throws -> [HistoryRecord] {
        try authenticatedHistory(model).records
    }

    /// The history and, with a key, how many records lie past the signed head
    /// (written by a writer interrupted before it updated the head).
    func authenticatedHistory(_ model: ModelName) throws -> (records: [HistoryRecord], pastHead: Int) {
        let records = try chain(model)
        guard let key = historyKey else { return (records, 0) }
        return (records, try authenticate(records, model: model, key: key))
    }

    /// The history's lines (without line ends; trailing blank lines ignored).
    func historyLines(_ path: String) throws -> [ArraySlice<UInt8>] {
        // regularOnly: a FIFO in place of the history must be refused, not waited on.
        let bytes = try FileSystem.readBytes(path, regularOnly: true)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // git's autocrlf may add a CR to each line; the hashes cover the text without it.
        lines = lines.map { $0.last == 0x0D ? $0.dropLast() : $0 }
        // An editor may add a final blank line; it holds no record.
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The records, each checked against its own hash and its predecessor's.
    func chain(_ model: ModelName) throws -> [HistoryRecord] {
        try refuseLinks(model)
        let path = historyPath(model)
        guard try FileSystem.existsStrict(path) else {
            if try FileSystem.existsStrict(baselinePath(model)) {
                throw BaselineError(
                    .baselineWithoutHistory(directory, model: model),
                    hint: "the history is the source of truth: restore \(Sanitize.quoted(path)) from version control")
            }
            return []
        }
        var records: [HistoryRecord] = []
        var prev = HistoryRecord.genesis
        for (index, text) in try historyLines(path).enumerated() {
            let number = index + 1
            if text.isEmpty {
                throw BaselineError(
                    .blankHistoryLine(number),
                    at: SourceLocation(file: path, line: number, column: 1), hint: "restore the history from version control")
            }
            let record = try HistoryRecord.parse(line: String(decoding: text, as: UTF8.self), number: number, file: path)
            let at = SourceLocation(file: path, line: number, column: 1)
            if record.prevSHA256 != prev {
                throw BaselineError(
                    .brokenChain(at: number, follows: record.prevSHA256, previous: prev),
                    at: at, hint: "a record before it was deleted or edited; restore the history from version control")
            }
            if record.seq != records.count + 1 {
                throw BaselineError(
                    .wrongSequenceNumber(number, seq: record.seq, expected: records.count + 1), at: at,
                    hint: "records were removed or reordered")
            }
            if record.model != model.value {
                throw BaselineError(.recordOfAnotherModel(number, model: record.model), at: at)
            }
            if record.event == .rollback {
                guard let target = record.restoresSeq, records.contains(where: { $0.seq == target && $0.event == .promote }) else {
                    throw BaselineError(
                        .rollbackToNonPromotion(number, target: record.restoresSeq),
                        at: at, hint: "the history was edited; restore it from version control")
                }
            }
            prev = record.sha256
            records.append(record)
        }
        return records
    }

    /// Checks every record's signature and that the history reaches the signed
    /// head; returns how many records lie past the head.
    func authenticate(_ records: [HistoryRecord], model: ModelName, key: [UInt8]) throws -> Int {
        let path = historyPath(model)
        for r in records {
            let at = SourceLocation(file: path, line: r.seq, column: 1)
            guard let mac = r.hmac else {
                throw BaselineError(
                    .unsignedRecord(r.seq), at: at,
                    hint:
                        "if the store predates the key, check it with `qgate baseline verify` and adopt it once with `qgate baseline sign`; otherwise restore the history from version control"
                )
            }
            guard HMACSHA256.equal(mac, HistoryRecord.signature(of: r.sha256, key: key)) else {
                throw BaselineError(
                    .wrongRecordSignature(r.seq), at: at,
                    hint: "restore the history from version control; check that QGATE_HISTORY_KEY is the store's key")
            }
        }
        let entry = try StoreHead.read(path: headPath, key: key)?.models[model.value]
        guard let entry else {
            if records.isEmpty { return 0 }
            throw BaselineError(
                .modelMissingFromHead(model, records: records.count, head: headPath),
                hint: "the head was deleted or replaced; restore the store from version control")
        }
        if records.count < entry.records {
            let what =
                records.isEmpty
                ? "the history \(Sanitize.quoted(path)) is gone" : "the history has \(records.count) record\(records.count == 1 ? "" : "s")"
            throw BaselineError(
                .truncatedHistory(model, headRecords: entry.records, found: what),
                hint: "restore the history from version control")
        }
        guard entry.records >= 1, records[entry.records - 1].sha256 == entry.lastSHA256 else {
            throw BaselineError(
                .headMismatch(entry.records, model: model),
                at: SourceLocation(file: path, line: entry.records, column: 1), hint: "restore the history from version control")
        }
        return records.count - entry.records
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

        public init(
            version: String?, gitCommit: String?, metricsFile: String, metricsSHA256: String,
            metrics: [(String, Double)], artifacts: [HistoryRecord.Artifact]
        ) {
            self.version = version
            self.gitCommit = gitCommit
            self.metricsFile = metricsFile
            self.metricsSHA256 = metricsSHA256
            self.metrics = metrics
            self.artifacts = artifacts
        }
    }

    /// Records `promotion` as the model's new baseline. Returns the record written;
    /// `warn` hears of failures after the commit point (the promotion stands).
    /// A version already promoted is refused unless `repeatingVersion`: two
    /// releases under one name are usually a forgotten version bump, and
    /// `rollback --to` would pick the later one.
    public func promote(
        _ model: ModelName, _ promotion: Promotion, repeatingVersion: Bool = false, warn: (String) -> Void = { _ in }
    ) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try historyForWriting(model)
            var r = HistoryRecord(
                seq: records.count + 1, event: .promote, time: try nextTime(after: records), model: model.value,
                prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            let version = promotion.version ?? "r\(r.seq)"
            if !repeatingVersion, let earlier = records.first(where: { $0.event == .promote && $0.version == version }) {
                throw BaselineError(.versionAlreadyPromoted(version, model: model, seq: earlier.seq))
            }
            r.version = version
            r.gitCommit = promotion.gitCommit
            r.metricsFile = promotion.metricsFile
            r.metricsSHA256 = promotion.metricsSHA256
            r.metrics = promotion.metrics
            r.artifacts = promotion.artifacts
            let view = Self.baselineView(of: r)
            r.baselineSHA256 = SHA256.hex(view)
            return try append(r, to: records, model: model, view: view, warn: warn)
        }
    }

    /// Makes an earlier promotion current again (the latest with `version`, or
    /// the one before the current baseline), recorded as a new history event.
    public func rollback(_ model: ModelName, to version: String?, warn: (String) -> Void = { _ in }) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try historyForWriting(model)
            guard let current = Self.current(in: records) else {
                throw BaselineError(.nothingToRollBack(model), hint: "promote one first")
            }
            let promotions = records.filter { $0.event == .promote }
            let target: HistoryRecord?
            if let version {
                target = promotions.last { $0.version == version }
                guard target != nil else {
                    let known = promotions.compactMap(\.version).map(Sanitize.inline).joined(separator: ", ")
                    throw BaselineError(
                        .unknownVersion(version, model: model),
                        hint: "recorded versions: \(known)")
                }
            } else {
                target = promotions.last { $0.seq < current.seq }
                guard target != nil else {
                    throw BaselineError(.noEarlierPromotion(current: current.version))
                }
            }
            guard let target else { throw BaselineError(.noRollbackTarget) }
            var r = HistoryRecord(
                seq: records.count + 1, event: .rollback, time: try nextTime(after: records), model: model.value,
                prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            r.version = target.version
            r.restoresSeq = target.seq
            let view = Self.baselineView(of: target)
            r.baselineSHA256 = SHA256.hex(view)
            return try append(r, to: records, model: model, view: view, warn: warn)
        }
    }

    /// Appends an evaluation's verdict (as computed, `--fail-on-warning` in it)
    /// and the conditions that did not pass to the history.
    /// `version` and `gitCommit` say which candidate was evaluated (the metrics'
    /// `version` key, the commit it was built from), when known.
    public func record(
        _ evaluation: Evaluation, model: ModelName, metricsSHA256: String?, version: String? = nil, gitCommit: String? = nil,
        warn: (String) -> Void = { _ in }
    ) throws -> HistoryRecord {
        try withLock { () throws -> HistoryRecord in
            let records = try historyForWriting(model)
            var r = HistoryRecord(
                seq: records.count + 1, event: .evaluation, time: try nextTime(after: records), model: model.value,
                prevSHA256: records.last?.sha256 ?? HistoryRecord.genesis)
            r.version = version
            r.gitCommit = gitCommit
            r.verdict = evaluation.verdict.rawValue
            r.failOnWarning = evaluation.failOnWarning
            r.metricsFile = evaluation.metricsFiles.joined(separator: ",")
            r.metricsSHA256 = metricsSHA256
            // The baseline this evaluation really compared against (a file, a git ref or the store).
            r.baselineVersion = evaluation.baseline.map { $0.version ?? $0.description }
            r.failed = evaluation.results.compactMap(RecordedFailure.init)
            return try append(r, to: records, model: model, view: nil, warn: warn)
        }
    }

    /// Adopts a history written before the key was introduced: signs every
    /// record as it stands and enters it in the signed head. Only for a history
    /// with no signature yet, so it can never re-vouch for a signed history
    /// that was cut short. Returns the number of records signed.
    public func sign(_ model: ModelName) throws -> Int {
        guard let key = historyKey else {
            throw BaselineError(
                .signWithoutKey,
                hint: "set QGATE_HISTORY_KEY to the store's secret (at least \(Self.minimumKeyLength) bytes)")
        }
        return try withLock { () throws -> Int in
            let records = try chain(model)
            guard !records.isEmpty else {
                throw BaselineError(
                    .nothingToSign(model, in: directory),
                    hint: "promotions made with QGATE_HISTORY_KEY set are signed as they are written")
            }
            let inHead = try StoreHead.read(path: headPath, key: key)?.models[model.value] != nil
            if inHead || records.contains(where: { $0.hmac != nil }) {
                throw BaselineError(
                    .alreadySigned(model),
                    hint: "check it with `qgate baseline verify`")
            }
            let path = historyPath(model)
            var bytes: [UInt8] = []
            for (line, r) in zip(try historyLines(path), records) {
                bytes += Array(HistoryRecord.signedLine(String(decoding: line, as: UTF8.self), sha256: r.sha256, key: key).utf8)
                bytes.append(0x0A)
            }
            try FileSystem.writeAtomically(bytes, to: path)
            try writeHead(model: model, records: records.count, last: records[records.count - 1].sha256, key: key)
            return records.count
        }
    }

    /// The history a writer appends to. Without a key, a signed store is
    /// refused: an unsigned record would be refused by every keyed reader.
    private func historyForWriting(_ model: ModelName) throws -> [HistoryRecord] {
        let records = try history(model)
        let signed = records.contains { $0.hmac != nil }
        if historyKey == nil, try signed || FileSystem.existsStrict(headPath) {
            throw BaselineError(
                .signedStoreWithoutKey(directory),
                hint: "set QGATE_HISTORY_KEY to the store's secret; unsigned records would be refused")
        }
        return records
    }

    /// Now, which must not be before the last record: `verify` refuses a
    /// history whose times go backwards.
    private func nextTime(after records: [HistoryRecord]) throws -> String {
        let now = clock.nowUTC()
        if let last = records.last, now < last.time {
            throw BaselineError(
                .clockBeforeLastRecord(now: now, last: last.time),
                hint: "history times must not go backwards: check the runner's clock (or QGATE_NOW)")
        }
        return now
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        if let git { return try inGitTransaction(git) { try $0.withLock(body) } }
        try Self.refuseLinks([directory + "/history", directory + "/baselines", directory + "/.lock", headPath])
        try FileSystem.makeDirectories(directory + "/history")
        try FileSystem.makeDirectories(directory + "/baselines")
        let lock = try FileLock(path: directory + "/.lock", timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        // Every writer holds the lock, so any temp file now present was left by a killed one.
        for dir in [directory, directory + "/history", directory + "/baselines"] { FileSystem.removeStaleTempFiles(in: dir) }
        return try body()
    }

    /// History first (the commit point), then the signed head, then the
    /// baseline view. A crash after the history leaves a head or view one step
    /// behind, which readers and `verify` recognise; a failure after it is a
    /// warning, not an error: the change is committed, and retrying would make it twice.
    private func append(
        _ record: HistoryRecord, to records: [HistoryRecord], model: ModelName, view: [UInt8]?,
        warn: (String) -> Void
    ) throws -> HistoryRecord {
        var r = record
        let (line, hash) = r.line(key: historyKey)
        r.sha256 = hash
        r.hmac = historyKey.map { HistoryRecord.signature(of: hash, key: $0) }
        let path = historyPath(model)
        var bytes = try FileSystem.existsStrict(path) ? try FileSystem.readBytes(path, regularOnly: true) : []
        // One line end after the last record, whatever blank lines or CR an editor left.
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        if !bytes.isEmpty { bytes.append(0x0A) }
        bytes.append(contentsOf: Array(line.utf8))
        bytes.append(0x0A)
        try FileSystem.writeAtomically(bytes, to: path, beforeRename: { TestHooks.crashIfRequested("history-before-rename") })
        TestHooks.crashIfRequested("between-history-and-baseline")
        if let key = historyKey {
            do {
                try writeHead(model: model, records: r.seq, last: hash, key: key)
            } catch {
                warn(
                    "history record \(r.seq) is committed, but the signed store head could not be updated: \(Self.describe(error)); the next write updates it"
                )
            }
        }
        if let view {
            do {
                try FileSystem.writeAtomically(
                    view, to: baselinePath(model), beforeRename: { TestHooks.crashIfRequested("baseline-before-rename") })
            } catch {
                warn(
                    "history record \(r.seq) is committed and is the current baseline, but the baseline file could not be rewritten: \(Self.describe(error)); `verify` reports the file as stale until the next promote or rollback — do not retry this one"
                )
            }
        }
        return r
    }

    private func writeHead(model: ModelName, records: Int, last: String, key: [UInt8]) throws {
        var head = try StoreHead.read(path: headPath, key: key) ?? StoreHead()
        head.models[model.value] = StoreHead.Entry(records: records, lastSHA256: last)
        try FileSystem.writeAtomically(head.rendered(key: key), to: headPath)
    }

    private static func describe(_ error: Error) -> String {
        (error as? QGateError)?.message ?? "\(error)"
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
            ("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) }))
        ])
        return Array(doc.rendered().utf8)
    }
}

extension BaselineError.Message {
    fileprivate static func historyKeyTooShort(bytes: Int) -> Self {
        Self("QGATE_HISTORY_KEY is too short (\(bytes) bytes; at least \(BaselineStore.minimumKeyLength))")
    }
    fileprivate static func versionAlreadyPromoted(_ version: String, model: ModelName, seq: Int) -> Self {
        Self("version \(Sanitize.quoted(version)) of \(Sanitize.quoted(model.value)) was already promoted (history record \(seq))")
    }
    fileprivate static func invalidLockTimeout(_ text: String) -> Self { Self("invalid QGATE_LOCK_TIMEOUT \(Sanitize.quoted(text))") }
    fileprivate static func symbolicLinkInStore(_ path: String) -> Self {
        Self("\(Sanitize.quoted(path)) is a symbolic link; qgate does not follow links inside the store")
    }
    fileprivate static func baselineWithoutHistory(_ directory: String, model: ModelName) -> Self {
        Self("store \(Sanitize.quoted(directory)) has a baseline file for \(Sanitize.quoted(model.value)) but no history")
    }
    fileprivate static func blankHistoryLine(_ number: Int) -> Self {
        Self("history line \(number) is blank: a record was deleted or the file was edited (only a final blank line is ignored)")
    }
    fileprivate static func brokenChain(at number: Int, follows: String, previous: String) -> Self {
        Self(
            "history chain broken at record \(number): it follows \(follows.prefix(12))…, but the previous record is \(previous.prefix(12))…"
        )
    }
    fileprivate static func wrongSequenceNumber(_ number: Int, seq: Int, expected: Int) -> Self {
        Self("history record \(number) has sequence number \(seq), expected \(expected)")
    }
    fileprivate static func recordOfAnotherModel(_ number: Int, model: String) -> Self {
        Self("history record \(number) belongs to model \(Sanitize.quoted(model))")
    }
    fileprivate static func rollbackToNonPromotion(_ number: Int, target: Int?) -> Self {
        Self("history record \(number) rolls back to record \(target.map(String.init) ?? "?"), which is not an earlier promotion")
    }
    fileprivate static func unsignedRecord(_ seq: Int) -> Self {
        Self("history record \(seq) is not signed, but QGATE_HISTORY_KEY is set: it was written without the key")
    }
    fileprivate static func wrongRecordSignature(_ seq: Int) -> Self {
        Self("history record \(seq) has a wrong signature: it was written or altered without QGATE_HISTORY_KEY (or with another key)")
    }
    fileprivate static func modelMissingFromHead(_ model: ModelName, records: Int, head: String) -> Self {
        Self(
            "the history of \(Sanitize.quoted(model.value)) has \(records) signed records, but the signed store head \(Sanitize.quoted(head)) does not list the model"
        )
    }
    fileprivate static func truncatedHistory(_ model: ModelName, headRecords: Int, found: String) -> Self {
        Self(
            "records were removed from the end of \(Sanitize.quoted(model.value))'s history: the signed store head records \(headRecords), but \(found)"
        )
    }
    fileprivate static func headMismatch(_ record: Int, model: ModelName) -> Self {
        Self("history record \(record) of \(Sanitize.quoted(model.value)) is not the one the signed store head records")
    }
    fileprivate static func nothingToRollBack(_ model: ModelName) -> Self {
        Self("model \(Sanitize.quoted(model.value)) has no baseline to roll back")
    }
    fileprivate static func unknownVersion(_ version: String, model: ModelName) -> Self {
        Self("no promotion of \(Sanitize.quoted(model.value)) has version \(Sanitize.quoted(version))")
    }
    fileprivate static func noEarlierPromotion(current: String?) -> Self {
        Self("there is no promotion before the current baseline \(Sanitize.quoted(current ?? "?"))")
    }
    fileprivate static var noRollbackTarget: Self { Self("no rollback target") }
    fileprivate static var signWithoutKey: Self { Self("`qgate baseline sign` needs the key: QGATE_HISTORY_KEY is not set") }
    fileprivate static func nothingToSign(_ model: ModelName, in directory: String) -> Self {
        Self("model \(Sanitize.quoted(model.value)) has no history in \(Sanitize.quoted(directory)) to sign")
    }
    fileprivate static func alreadySigned(_ model: ModelName) -> Self {
        Self("the history of \(Sanitize.quoted(model.value)) is already signed; `sign` only adopts a history written before the key")
    }
    fileprivate static func signedStoreWithoutKey(_ directory: String) -> Self {
        Self("the store \(Sanitize.quoted(directory)) is signed, but QGATE_HISTORY_KEY is not set")
    }
    fileprivate static func clockBeforeLastRecord(now: String, last: String) -> Self {
        Self("the clock says \(now), before the last history record's time \(last)")
    }
}
