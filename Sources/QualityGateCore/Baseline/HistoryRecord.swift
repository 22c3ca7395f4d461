/// One line of a model's history log (`history/<model>.jsonl`): a promotion, a
/// rollback or a recorded evaluation. Each line ends with its own SHA-256 and
/// holds the previous line's, so an edited or deleted record breaks the chain.
public struct HistoryRecord: Sendable {
    public enum Event: String, Sendable { case promote, rollback, evaluation }

    public static let genesis = String(repeating: "0", count: 64)

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
    /// Evaluations: verdict, the baseline compared against, and failing conditions.
    public var verdict: String?
    public var baselineVersion: String?
    public var failed: [String]
    public var prevSHA256: String
    /// This record's hash (over its line without the trailing `sha256` field).
    public var sha256: String = ""

    public struct Artifact: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int
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
        var f: [(String, JSONOutput)] = [
            ("seq", .number(Double(seq))), ("event", .string(event.rawValue)), ("time", .string(time)),
            ("model", .string(model)),
        ]
        if let version { f.append(("version", .string(version))) }
        if let restoresSeq { f.append(("restores_seq", .number(Double(restoresSeq)))) }
        if let gitCommit { f.append(("git_commit", .string(gitCommit))) }
        if let metricsFile { f.append(("metrics_file", .string(metricsFile))) }
        if let metricsSHA256 { f.append(("metrics_sha256", .string(metricsSHA256))) }
        if event == .promote { f.append(("metrics", .object(metrics.map { ($0.0, .number($0.1)) }))) }
        if !artifacts.isEmpty {
            f.append(("artifacts", .array(artifacts.map {
                .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("size", .number(Double($0.size)))])
            })))
        }
        if let baselineSHA256 { f.append(("baseline_sha256", .string(baselineSHA256))) }
        if let verdict { f.append(("verdict", .string(verdict))) }
        if let baselineVersion { f.append(("baseline_version", .string(baselineVersion))) }
        if event == .evaluation { f.append(("failed", .array(failed.map { .string($0) }))) }
        f.append(("prev_sha256", .string(prevSHA256)))
        return f
    }

    /// The record's line (without newline) and its hash.
    func line() -> (text: String, sha256: String) {
        let body = JSONOutput.object(fields()).renderedCompact()
        let hash = SHA256.hex(body)
        return (String(body.dropLast()) + ",\"sha256\":\"\(hash)\"}", hash)
    }

    static let hashSuffixLength = ",\"sha256\":\"\"}".utf8.count + 64

    /// Parses and checks one line: its own hash must match its content.
    static func parse(line: String, number: Int, file: String) throws(BaselineError) -> HistoryRecord {
        let at = SourceLocation(file: file, line: number, column: 1)
        let bytes = Array(line.utf8)
        let prefix = ",\"sha256\":\""
        guard bytes.count > hashSuffixLength,
              String(decoding: bytes[(bytes.count - hashSuffixLength)..<(bytes.count - hashSuffixLength + prefix.utf8.count)], as: UTF8.self) == prefix,
              bytes.last == 0x7D, bytes[bytes.count - 2] == 0x22 else {
            throw BaselineError("history record \(number) has no trailing sha256 field: the line was edited or truncated", at: at,
                                hint: "restore the history file from version control or a backup")
        }
        let body = Array(bytes[0..<(bytes.count - hashSuffixLength)]) + [0x7D]
        let claimed = String(decoding: bytes[(bytes.count - 66)..<(bytes.count - 2)], as: UTF8.self)
        let actual = SHA256.hex(body)
        guard claimed == actual else {
            throw BaselineError("history record \(number) was modified: its content hashes to \(actual.prefix(12))…, the record says \(claimed.prefix(12))…", at: at,
                                hint: "restore the history file from version control or a backup")
        }
        let value: JSONValue
        do { value = try JSON.parse(bytes, file: file) } catch {
            throw BaselineError("history record \(number) is not valid JSON: \(error.message)", at: at)
        }
        guard case .object(let members) = value.kind else {
            throw BaselineError("history record \(number) is not a JSON object", at: at)
        }
        func str(_ k: String) -> String? {
            for m in members where m.key == k { if case .string(let s) = m.value.kind { return s } }
            return nil
        }
        func num(_ k: String) -> Double? {
            for m in members where m.key == k { if case .number(let d) = m.value.kind { return d } }
            return nil
        }
        guard let seq = num("seq"), let eventText = str("event"), let event = Event(rawValue: eventText),
              let time = str("time"), let model = str("model"), let prev = str("prev_sha256") else {
            throw BaselineError("history record \(number) lacks seq, event, time, model or prev_sha256", at: at)
        }
        var r = HistoryRecord(seq: Int(seq), event: event, time: time, model: model, prevSHA256: prev)
        r.version = str("version")
        r.restoresSeq = num("restores_seq").map { Int($0) }
        r.gitCommit = str("git_commit")
        r.metricsFile = str("metrics_file")
        r.metricsSHA256 = str("metrics_sha256")
        r.baselineSHA256 = str("baseline_sha256")
        r.verdict = str("verdict")
        r.baselineVersion = str("baseline_version")
        r.sha256 = actual
        for m in members {
            switch (m.key, m.value.kind) {
            case ("metrics", .object(let ms)):
                for x in ms { if case .number(let d) = x.value.kind { r.metrics.append((x.key, d)) } }
            case ("artifacts", .array(let items)):
                for item in items {
                    guard case .object(let fs) = item.kind else { continue }
                    var a = Artifact(path: "", sha256: "", size: 0)
                    for f in fs {
                        switch (f.key, f.value.kind) {
                        case ("path", .string(let s)): a.path = s
                        case ("sha256", .string(let s)): a.sha256 = s
                        case ("size", .number(let d)): a.size = Int(d)
                        default: break
                        }
                    }
                    r.artifacts.append(a)
                }
            case ("failed", .array(let items)):
                for item in items { if case .string(let s) = item.kind { r.failed.append(s) } }
            default: break
            }
        }
        return r
    }
}
