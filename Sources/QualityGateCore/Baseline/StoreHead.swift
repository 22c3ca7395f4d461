/// The signed head of a keyed store (`<store>/head.json`): for every model, how
/// many history records it has and the last one's hash, under one HMAC. Record
/// signatures stop appends and edits by someone without `QGATE_HISTORY_KEY`;
/// the head stops them cutting records off the end or deleting a model's
/// history, which every remaining record would still vouch for.
struct StoreHead: Equatable {
    struct Entry: Equatable {
        var records: Int
        var lastSHA256: String
    }

    var models: [String: Entry] = [:]

    static let schema = "qgate.store-head/v1"

    /// What the HMAC covers: one line per model, sorted. Model names are
    /// `ModelName`s (no tabs or newlines), so the text is unambiguous.
    func signedText() -> String {
        var text = Self.schema + "\n"
        for name in models.keys.sorted() {
            let e = models[name]!
            text += "\(name)\t\(e.records)\t\(e.lastSHA256)\n"
        }
        return text
    }

    func rendered(key: [UInt8]) -> [UInt8] {
        let entries: [(String, JSONOutput)] = models.keys.sorted().map { name in
            let e = models[name]!
            return (name, .object([("records", .number(Double(e.records))), ("last_sha256", .string(e.lastSHA256))]))
        }
        let doc = JSONOutput.object([
            ("schema", .string(Self.schema)),
            ("models", .object(entries)),
            ("hmac_sha256", .string(HMACSHA256.hex(key: key, message: signedText())))
        ])
        return Array(doc.rendered().utf8)
    }

    /// Reads and authenticates the head at `path`; nil when there is none.
    static func read(path: String, key: [UInt8]) throws -> StoreHead? {
        guard try FileSystem.existsStrict(path) else { return nil }
        let bytes = try FileSystem.readBytes(path, maximumSize: 16 << 20, regularOnly: true)
        func bad(_ message: BaselineError.Message) -> BaselineError {
            BaselineError(
                message, at: SourceLocation(file: path, line: 1, column: 1),
                hint: "it was edited, or written with another key; restore the store from version control")
        }
        let value: JSONValue
        do { value = try JSON.parse(bytes, file: path) } catch { throw bad(.headNotJSON(path)) }
        guard case .object(let members) = value.kind else { throw bad(.headNotAnObject(path)) }
        var head = StoreHead()
        var claimed: String?
        var schemaSeen = false
        for m in members {
            switch (m.key, m.value.kind) {
            case ("schema", .string(let s)) where s == schema: schemaSeen = true
            case ("hmac_sha256", .string(let s)): claimed = s
            case ("models", .object(let models)):
                for model in models {
                    guard (try? ModelName(model.key)) != nil, case .object(let fields) = model.value.kind else {
                        throw bad(.invalidHeadEntry(path))
                    }
                    var entry = Entry(records: -1, lastSHA256: "")
                    for f in fields {
                        switch (f.key, f.value.kind) {
                        case ("records", .number(let d)): entry.records = Int(exactly: d) ?? -1
                        case ("last_sha256", .string(let s)): entry.lastSHA256 = s
                        default: break
                        }
                    }
                    guard entry.records >= 0, entry.lastSHA256.utf8.count == 64 else { throw bad(.invalidHeadEntry(path)) }
                    head.models[model.key] = entry
                }
            default: break
            }
        }
        guard schemaSeen, let claimed else { throw bad(.incompleteHead(path)) }
        guard HMACSHA256.equal(claimed, HMACSHA256.hex(key: key, message: head.signedText())) else {
            throw bad(.wrongHeadSignature(path))
        }
        return head
    }
}

extension BaselineError.Message {
    fileprivate static func headNotJSON(_ path: String) -> Self { Self("the store head \(Sanitize.quoted(path)) is not valid JSON") }
    fileprivate static func headNotAnObject(_ path: String) -> Self {
        Self("the store head \(Sanitize.quoted(path)) is not a JSON object")
    }
    fileprivate static func invalidHeadEntry(_ path: String) -> Self {
        Self("the store head \(Sanitize.quoted(path)) has an invalid model entry")
    }
    fileprivate static func incompleteHead(_ path: String) -> Self {
        Self("the store head \(Sanitize.quoted(path)) lacks its schema or signature")
    }
    fileprivate static func wrongHeadSignature(_ path: String) -> Self {
        Self("the store head \(Sanitize.quoted(path)) has a wrong signature: it was written without QGATE_HISTORY_KEY or with another key")
    }
}
