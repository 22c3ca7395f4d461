/// One line of a model's history log (`history/<model>.jsonl`): a promotion, a
/// rollback or a recorded evaluation. Each line ends with its own SHA-256 and
/// holds the previous line's, so an edited or deleted record breaks the chain;
/// in a keyed store an HMAC of that hash follows it.
///
/// Records qgate writes now are version 2 (`"schema":"qgate.history/v2"`, the
/// first field): an evaluation keeps its failures as typed objects and whether
/// `--fail-on-warning` was in its verdict. Version-1 records (no `schema`) kept
/// failures as prose; they stay readable and verifiable, each hash being over
/// the record's own text.
public struct HistoryRecord: Sendable {
    public enum Event: String, Sendable { case promote, rollback, evaluation }

    public enum Format: Int, Sendable {
        /// No `schema` field; evaluation failures are `severity: gate kind — message` strings.
        case v1 = 1
        /// `"schema":"qgate.history/v2"`; evaluation failures are `RecordedFailure` objects.
        case v2 = 2
    }

    public static let schemaV2 = "qgate.history/v2"

    public static let genesis = String(repeating: "0", count: 64)

    /// New records are `.v2`; parsed ones say which format their line has.
    public var format: Format = .v2
    public var seq: Int
    public var event: Event
    public var time: String
    public var model: String
    public var version: String?
    /// Promotions and rollbacks: what the baseline file must hash to.
    public var baselineSHA256: String?
    /// Rollbacks: the sequence number of the promotion made current again.
    public var restoresSeq: Int?
    public var gitCommit: String?
    public var metricsFile: String?
    public var metricsSHA256: String?
    public var metrics: [(String, Double)]
    public var artifacts: [Artifact]
    /// Evaluations: the verdict as computed (with `--fail-on-warning` in it),
    /// the baseline compared against, and the conditions that did not pass.
    public var verdict: String?
    /// Version-2 evaluations: whether `--fail-on-warning` was part of the verdict.
    public var failOnWarning: Bool?
    public var baselineVersion: String?
    /// Version-2 evaluations: failed, waived and pre-existing conditions.
    public var failed: [RecordedFailure]
    /// Version-1 evaluations only: the failures as prose, read back only by
    /// `LegacyFailureText`. Never written to a new record.
    public var v1Failed: [String] = []
    public var prevSHA256: String
    /// This record's hash (over its line without the trailing `sha256` field).
    public var sha256: String = ""
    /// In a keyed store: HMAC-SHA256 of `sha256` under `QGATE_HISTORY_KEY`, the
    /// line's last field. Outside the hashed text, so signing an existing
    /// history (`qgate baseline sign`) leaves every hash and the chain unchanged.
    public var hmac: String?

    public struct Artifact: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int

        static func json(_ artifacts: [Artifact]) -> JSONOutput {
            .array(
                artifacts.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("size", .number(Double($0.size)))]) })
        }
    }

    public init(seq: Int, event: Event, time: String, model: String, prevSHA256: String) {
        self.seq = seq
        self.event = event
        self.time = time
        self.model = model
        self.metrics = []
        self.artifacts = []
        self.failed = []
        self.prevSHA256 = prevSHA256
    }

    /// The fields in a fixed order; the line is this, compact, plus `sha256`.
    func fields() -> [(String, JSONOutput)] {
        var f: [(String, JSONOutput)] = format == .v2 ? [("schema", .string(Self.schemaV2))] : []
        f += [
            ("seq", .number(Double(seq))), ("event", .string(event.rawValue)), ("time", .string(time)),
            ("model", .string(model))
        ]
        if let version { f.append(("version", .string(version))) }
        if let restoresSeq { f.append(("restores_seq", .number(Double(restoresSeq)))) }
        if let gitCommit { f.append(("git_commit", .string(gitCommit))) }
        if let metricsFile { f.append(("metrics_file", .string(metricsFile))) }
        if let metricsSHA256 { f.append(("metrics_sha256", .string(metricsSHA256))) }
        if event == .promote { f.append(("metrics", .object(metrics.map { ($0.0, .number($0.1)) }))) }
        if !artifacts.isEmpty { f.append(("artifacts", Artifact.json(artifacts))) }
        if let baselineSHA256 { f.append(("baseline_sha256", .string(baselineSHA256))) }
        if let verdict { f.append(("verdict", .string(verdict))) }
        if let failOnWarning { f.append(("fail_on_warning", .bool(failOnWarning))) }
        if let baselineVersion { f.append(("baseline_version", .string(baselineVersion))) }
        if event == .evaluation {
            switch format {
            case .v1: f.append(("failed", .array(v1Failed.map { .string($0) })))
            case .v2: f.append(("failed", .array(failed.map { $0.json() })))
            }
        }
        f.append(("prev_sha256", .string(prevSHA256)))
        return f
    }

    /// The record's line (without newline) and its hash; signed when `key` is given.
    func line(key: [UInt8]? = nil) -> (text: String, sha256: String) {
        let body = JSONOutput.object(fields()).renderedCompact()
        let hash = SHA256.hex(body)
        let text = String(body.dropLast()) + ",\"sha256\":\"\(hash)\"}"
        guard let key else { return (text, hash) }
        return (Self.signedLine(text, sha256: hash, key: key), hash)
    }

    /// A line with its signature added (`hmac_sha256` after `sha256`).
    static func signedLine(_ unsigned: String, sha256: String, key: [UInt8]) -> String {
        String(unsigned.dropLast()) + ",\"hmac_sha256\":\"\(signature(of: sha256, key: key))\"}"
    }

    /// The HMAC of a record's hash; the prefix keeps it distinct from any other signed text.
    static func signature(of sha256: String, key: [UInt8]) -> String {
        HMACSHA256.hex(key: key, message: "qgate.history-record/v1\n" + sha256)
    }

    static let hashSuffixLength = ",\"sha256\":\"\"}".utf8.count + 64
    static let hmacSuffixLength = ",\"hmac_sha256\":\"\"}".utf8.count + 64

    /// Parses and checks one line: its own hash must match its content.
    static func parse(line: String, number: Int, file: String) throws(BaselineError) -> HistoryRecord {
        let at = SourceLocation(file: file, line: number, column: 1)
        var bytes = Array(line.utf8)
        // A signed line ends with `,"hmac_sha256":"…"}` after the hash; split it off.
        var hmac: String?
        let hmacPrefix = Array(",\"hmac_sha256\":\"".utf8)
        if bytes.count > hmacSuffixLength, bytes.last == 0x7D, bytes[bytes.count - 2] == 0x22,
            Array(bytes[(bytes.count - hmacSuffixLength)..<(bytes.count - hmacSuffixLength + hmacPrefix.count)]) == hmacPrefix
        {
            hmac = String(decoding: bytes[(bytes.count - 66)..<(bytes.count - 2)], as: UTF8.self)
            bytes = Array(bytes[0..<(bytes.count - hmacSuffixLength)]) + [0x7D]
        }
        let prefix = ",\"sha256\":\""
        guard bytes.count > hashSuffixLength,
            String(decoding: bytes[(bytes.count - hashSuffixLength)..<(bytes.count - hashSuffixLength + prefix.utf8.count)], as: UTF8.self)
                == prefix,
            bytes.last == 0x7D, bytes[bytes.count - 2] == 0x22
        else {
            throw BaselineError(
                .recordWithoutHash(number), at: at,
                hint: "restore the history file from version control or a backup")
        }
        let body = Array(bytes[0..<(bytes.count - hashSuffixLength)]) + [0x7D]
        let claimed = String(decoding: bytes[(bytes.count - 66)..<(bytes.count - 2)], as: UTF8.self)
        let actual = SHA256.hex(body)
        guard claimed == actual else {
            throw BaselineError(
                .modifiedRecord(number, actual: actual, claimed: claimed), at: at,
                hint: "restore the history file from version control or a backup")
        }
        let value: JSONValue
        do { value = try JSON.parse(bytes, file: file) } catch {
            throw BaselineError(.recordNotJSON(number, error.message), at: at)
        }
        guard case .object(let members) = value.kind else {
            throw BaselineError(.recordNotAnObject(number), at: at)
        }
        var fields: [String: JSONValue] = [:]
        for m in members { fields[m.key] = m.value }
        func bad(_ what: String) -> BaselineError {
            BaselineError(.invalidRecordField(number, what), at: at, hint: "the history was edited; restore it from version control")
        }
        func str(_ k: String) -> String? {
            if case .string(let s)? = fields[k]?.kind { return s }
            return nil
        }
        func int(_ k: String) throws(BaselineError) -> Int? {
            guard let v = fields[k] else { return nil }
            guard case .number(let d) = v.kind, let i = Int(exactly: d), i >= 0 else { throw bad("`\(k)`") }
            return i
        }
        func isHash(_ s: String) -> Bool {
            s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        }
        let format: Format
        switch fields["schema"]?.kind {
        case nil: format = .v1
        case .string(let s)? where s == schemaV2: format = .v2
        default:
            throw BaselineError(
                .unknownRecordSchema(number), at: at,
                hint: "read this store with the qgate version that wrote it")
        }
        guard let seq = try int("seq"), let eventText = str("event"), let event = Event(rawValue: eventText),
            let time = str("time"), let model = str("model"), let prev = str("prev_sha256")
        else {
            throw BaselineError(.incompleteRecord(number), at: at)
        }
        // Fields shown to people must look like what qgate writes, so an edit cannot smuggle text into reports.
        guard time.utf8.count == 20, time.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x3A) || $0 == 0x2D || $0 == 0x54 || $0 == 0x5A }) else {
            throw bad("`time`")
        }
        guard isHash(prev) else { throw bad("`prev_sha256`") }
        var r = HistoryRecord(seq: seq, event: event, time: time, model: model, prevSHA256: prev)
        r.format = format
        r.version = str("version")
        r.restoresSeq = try int("restores_seq")
        r.gitCommit = str("git_commit")
        r.metricsFile = str("metrics_file")
        r.metricsSHA256 = str("metrics_sha256")
        r.baselineSHA256 = str("baseline_sha256")
        if let h = r.baselineSHA256, !isHash(h) { throw bad("`baseline_sha256`") }
        r.verdict = str("verdict")
        if let v = r.verdict, Evaluation.Verdict(rawValue: v) == nil { throw bad("`verdict`") }
        r.baselineVersion = str("baseline_version")
        r.sha256 = actual
        r.hmac = hmac
        if event == .rollback && r.restoresSeq == nil { throw bad("rollback without `restores_seq`") }
        if case .object(let ms)? = fields["metrics"]?.kind {
            for x in ms {
                guard case .number(let d) = x.value.kind, d.isFinite else { throw bad("metric \(Sanitize.quoted(x.key))") }
                r.metrics.append((x.key, d))
            }
        } else if event == .promote {
            throw bad("`metrics`")
        }
        if case .array(let items)? = fields["artifacts"]?.kind {
            for item in items {
                guard case .object(let fs) = item.kind else { throw bad("artifact") }
                var a = Artifact(path: "", sha256: "", size: 0)
                for f in fs {
                    switch (f.key, f.value.kind) {
                    case ("path", .string(let s)): a.path = s
                    case ("sha256", .string(let s)): a.sha256 = s
                    case ("size", .number(let d)):
                        guard let i = Int(exactly: d), i >= 0 else { throw bad("artifact size") }
                        a.size = i
                    default: break
                    }
                }
                guard isHash(a.sha256) else { throw bad("artifact hash") }
                r.artifacts.append(a)
            }
        }
        switch (format, fields["failed"]?.kind) {
        case (.v1, .array(let items)?):
            for item in items { if case .string(let s) = item.kind { r.v1Failed.append(s) } }
        case (.v2, .array(let items)?):
            for (i, item) in items.enumerated() {
                guard let failure = RecordedFailure.parse(item) else { throw bad("failed condition (entry \(i + 1) of `failed`)") }
                r.failed.append(failure)
            }
        case (.v2, _) where event == .evaluation:
            throw bad("`failed`")
        default:
            break
        }
        if format == .v2 && event == .evaluation {
            guard case .bool(let b)? = fields["fail_on_warning"]?.kind else { throw bad("`fail_on_warning`") }
            guard r.verdict != nil else { throw bad("`verdict`") }
            r.failOnWarning = b
        }
        return r
    }
}

extension BaselineError.Message {
    fileprivate static func recordWithoutHash(_ number: Int) -> Self {
        Self("history record \(number) has no trailing sha256 field: the line was edited or truncated")
    }
    fileprivate static func modifiedRecord(_ number: Int, actual: String, claimed: String) -> Self {
        Self("history record \(number) was modified: its content hashes to \(actual.prefix(12))…, the record says \(claimed.prefix(12))…")
    }
    fileprivate static func recordNotJSON(_ number: Int, _ problem: String) -> Self {
        Self("history record \(number) is not valid JSON: \(problem)")
    }
    fileprivate static func recordNotAnObject(_ number: Int) -> Self { Self("history record \(number) is not a JSON object") }
    /// `what` names the field: "`time`", "artifact hash", "metric 'acc'", ….
    fileprivate static func invalidRecordField(_ number: Int, _ what: String) -> Self {
        Self("history record \(number) has an invalid \(what)")
    }
    fileprivate static func unknownRecordSchema(_ number: Int) -> Self {
        Self("history record \(number) has an unknown `schema`: it was written by a newer qgate, or edited")
    }
    fileprivate static func incompleteRecord(_ number: Int) -> Self {
        Self("history record \(number) lacks seq, event, time, model or prev_sha256")
    }
}
