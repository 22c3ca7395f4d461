/// The fast way from a JSON metrics file to a `MetricSet`: one pass over the
/// bytes that flattens objects as it reads them, instead of building a
/// `JSONValue` tree and walking it (`MetricsLoader.flatten`). Most of the time
/// of `qgate evaluate` on a large file went into that tree: an array of members
/// per object, a hashed duplicate-key check per key, a `String` and `strtod`
/// per number.
///
/// It answers only when the file is well-formed and every metric is accepted;
/// on anything else (a syntax error, a duplicate, a name too long, an
/// uncertainty that fails its check, an escaped key) it returns nil and the
/// caller takes the tree path, which then reports exactly what it always did.
/// So the errors, their order and their positions have one owner, and this
/// file only has to agree with the tree path on files that load.
/// `JSONMetricsScanTests` pins that agreement on fixtures and random files.
///
/// Duplicate keys need no check of their own: every key becomes a flattened
/// name, and a key twice in one object gives one name twice, which
/// `MetricSet.add` refuses (with a `MetricSelection`, which keeps only some
/// names, a `MetricHashSet` of all the names' hashes does). Arrays, strings, booleans and the rarer numbers
/// are read by the JSON reader itself (`JSONParser`, used as the cursor), so
/// their validation is the reader's.
struct JSONMetricsScan {
    private var p: JSONParser
    private var set = MetricSet()
    private var budget = MetricsLoader.maximumNameBytes
    /// The flattened name of the member being read, as bytes: its object's
    /// prefix, then its key, in `path[0..<pathLength]`. A `String` is made
    /// only for a name that is kept. Allocated once at the longest name a
    /// file may have (a longer one declines), so adding and dropping a key
    /// is a copy and an assignment.
    private var path = [UInt8](repeating: 0, count: MetricsLoader.maximumNameLength + 2)
    private var pathLength = 0
    /// With a selection, only its names are kept, and every name's hash goes
    /// into `seen` to find duplicates (`MetricSet.add` finds them otherwise).
    private let selection: MetricSelection?
    private var seen = MetricHashSet()

    /// Any reason to let the tree path decide.
    private struct Decline: Error {}

    private init(bytes: [UInt8], file: String, selection: MetricSelection?) {
        p = JSONParser(bytes: bytes, file: file, indexed: false)
        p.keepArrayItems = false
        p.maximumKeys = MetricsLoader.maximumKeys
        self.selection = selection
    }

    /// The metrics of a well-formed file that loads, or nil (then the tree path
    /// decides). With a selection, only its names (and nil also when a name
    /// outside it would need another to be checked: an interval sibling).
    static func metrics(_ bytes: [UInt8], file: String, selection: MetricSelection? = nil) -> MetricSet? {
        var scan = JSONMetricsScan(bytes: bytes, file: file, selection: selection)
        do {
            return try scan.run(file: file)
        } catch {
            return nil
        }
    }

    private mutating func run(file: String) throws -> MetricSet {
        let bytes = p.bytes
        guard UTF8Validation.firstInvalidOffset(bytes) == nil else { throw Decline() }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { p.pos = 3 }
        p.skipWhitespace()
        guard p.cur == 0x7B else { throw Decline() }
        set.noteFile(file)
        let estimate = min(bytes.count / 24 + 16, MetricsLoader.maximumKeys)
        if let selection {
            set.reserveCapacity(selection.table.count)
            // A name every 13 bytes or so (objects' names count too).
            seen = MetricHashSet(capacity: min(bytes.count / 12 + 16, MetricsLoader.maximumKeys))
        } else {
            set.reserveCapacity(estimate)
        }
        _ = try object(prefixHash: MetricNameTable.emptyHash)
        p.skipWhitespace()
        guard p.pos == bytes.count else { throw Decline() }
        try set.attachSiblingIntervals()
        return set
    }

    /// What an object's members tell about the object itself: whether it is a
    /// number with its uncertainty (`{"value": …, "n": …}`, `MetricsLoader.measured`).
    private struct Members {
        var all: [ScannedMember] = []
        var onlyUncertaintyKeys = true
        var hasValue = false
    }

    /// Reads the object at the cursor, adding each member under `path` (which
    /// ends with the object's dot, or is empty). Returns its direct members
    /// when they might form a measured number.
    private mutating func object(prefixHash: UInt64) throws -> [ScannedMember]? {
        let start = p.pos
        try p.enter(start)
        defer { p.depth -= 1 }
        p.pos += 1
        p.skipWhitespace()
        var members = Members()
        if p.cur == 0x7D {
            p.pos += 1
            return nil
        }
        let prefixLength = pathLength
        while true {
            p.skipWhitespace()
            guard p.cur == 0x22 else { throw Decline() }
            p.keys += 1
            guard p.keys <= p.maximumKeys, let key = plainKey() else { throw Decline() }
            p.skipWhitespace()
            guard p.cur == 0x3A else { throw Decline() }
            p.pos += 1
            p.skipWhitespace()
            // A name longer than the limit declines (as `member` would, before anything else).
            guard pathLength + key.count <= MetricsLoader.maximumNameLength else { throw Decline() }
            let length = pathLength
            p.bytes.withUnsafeBufferPointer { source in
                path.withUnsafeMutableBufferPointer { name in
                    guard let to = name.baseAddress, let from = source.baseAddress else { return }
                    (to + length).update(from: from + key.lowerBound, count: key.count)
                }
            }
            pathLength += key.count
            try member(key: key, hash: MetricNameTable.hash(prefixHash, p.bytes, key), into: &members)
            pathLength = prefixLength
            p.skipWhitespace()
            if p.cur == 0x2C {
                p.pos += 1
                continue
            }
            guard p.cur == 0x7D else { throw Decline() }
            p.pos += 1
            break
        }
        return members.onlyUncertaintyKeys && members.hasValue ? members.all : nil
    }

    /// A key without escapes, as the range of its bytes (an escaped key declines: rare in metrics files).
    private mutating func plainKey() -> Range<Int>? {
        let start = p.pos + 1
        let end: Int? = p.bytes.withUnsafeBufferPointer { bytes in
            var i = start
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 { return i }
                if b < 0x20 || b == 0x5C { return nil }
                i += 1
            }
            return nil
        }
        guard let end else { return nil }
        p.pos = end + 1
        return start..<end
    }

    /// Whether the name in `path` is kept; with a selection, also checks that it is new.
    private mutating func keeps(hash: UInt64) throws -> Bool {
        guard let selection else { return true }
        let length = pathLength
        guard seen.insert(hash) else { throw Decline() }
        // An interval sibling is checked against its metric (`attachSiblingIntervals`):
        // both must be kept for that, so a sibling of an unkept metric declines.
        if let base = Self.siblingBase(path, length: length) {
            let baseHash = MetricNameTable.hash(MetricNameTable.emptyHash, path, 0..<base)
            guard selection.contains(path, length: base, hash: baseHash) else { throw Decline() }
        }
        return selection.contains(path, length: length, hash: hash)
    }

    /// For `<metric>_ci.low` or `<metric>_ci.high`, the length of `<metric>`.
    private static func siblingBase(_ name: [UInt8], length n: Int) -> Int? {
        if n >= 7, name[n - 1] == 0x77, Self.ends(name, n, with: "_ci.low") { return n - 7 }
        if n >= 8, name[n - 1] == 0x68, Self.ends(name, n, with: "_ci.high") { return n - 8 }
        return nil
    }

    /// Whether `name[0..<length]` ends with `suffix`.
    private static func ends(_ name: [UInt8], _ length: Int, with suffix: StaticString) -> Bool {
        let start = length - suffix.utf8CodeUnitCount
        return suffix.withUTF8Buffer { s in
            for i in 0..<s.count where name[start + i] != s[i] { return false }
            return true
        }
    }

    private mutating func member(key: Range<Int>, hash: UInt64, into members: inout Members) throws {
        let length = pathLength
        budget -= length
        guard length <= MetricsLoader.maximumNameLength, budget >= 0 else { throw Decline() }
        let name: String? = try keeps(hash: hash) ? String(decoding: path[0..<length], as: UTF8.self) : nil
        let start = p.pos
        let kind: ScannedNode.Kind
        switch p.cur {
        case 0x7B:
            if let name { try set.add(Metric(name: name, value: .notANumber("an object"), origin: .offset(start, p.source))) }
            path[length] = 0x2E
            pathLength += 1
            let nested = try object(prefixHash: MetricNameTable.hash(hash, path, length..<length + 1))
            pathLength = length
            if let nested {
                let measuredName = name ?? String(decoding: path[0..<length], as: UTF8.self)
                guard let (value, uncertainty) = try MetricsLoader.measured(nested, name: measuredName) else { throw Decline() }
                if name != nil { set.setMeasured(measuredName, value: value, uncertainty: uncertainty) }
            }
            kind = .other("an object")
        case 0x2D where p.pos + 1 < p.bytes.count && p.bytes[p.pos + 1] == 0x49:
            kind = try delegated(name: name, at: start)
        case 0x2D, 0x30...0x39:
            let d = try simpleNumber() ?? p.parseNumber()
            if let name { try set.add(Metric(name: name, value: .number(d), origin: .offset(start, p.source))) }
            kind = .number(d)
        default:
            kind = try delegated(name: name, at: start)
        }
        if let uncertaintyKey = Self.uncertaintyKey(p.bytes, key) {
            if uncertaintyKey == "value" { members.hasValue = true }
            if members.onlyUncertaintyKeys {
                members.all.append(ScannedMember(keyText: uncertaintyKey, value: ScannedNode(kind: kind, offset: start, source: p.source)))
            }
        } else {
            members.onlyUncertaintyKeys = false
            members.all = []
        }
    }

    /// `MetricsLoader.uncertaintyKeys`, compared instead of hashed (asked once per key).
    static func isUncertaintyKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        return uncertaintyKey(bytes, 0..<bytes.count) == key
    }

    /// The uncertainty key spelled by `bytes[range]`, if it is one.
    private static func uncertaintyKey(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard !range.isEmpty else { return nil }
        let key: String
        switch (range.count, bytes[range.lowerBound]) {
        case (1, 0x6E): key = "n"
        case (5, 0x76): key = "value"
        case (6, 0x73): key = "stderr"
        case (6, 0x63): key = "ci_low"
        case (7, 0x63): key = "ci_high"
        default: return nil
        }
        return key.utf8.elementsEqual(bytes[range]) ? key : nil
    }

    /// Any value but an object or a plain number, read by the JSON reader.
    private mutating func delegated(name: String?, at start: Int) throws -> ScannedNode.Kind {
        let value = try p.parseValue()
        let kind: ScannedNode.Kind
        let metric: MetricValue
        switch value.kind {
        case .number(let d):
            (kind, metric) = (.number(d), .number(d))
        case .null:
            (kind, metric) = (.null, .undefined)
        case .object: throw Decline()
        case .bool, .string, .array:
            (kind, metric) = (.other(value.kindDescription), .notANumber(value.kindDescription))
        }
        if let name { try set.add(Metric(name: name, value: metric, origin: .offset(start, p.source))) }
        return kind
    }

    /// A number in the common shape (`-12.345e-6`, at most 19 digits, a result
    /// the fast path rounds correctly), without a `String`; nil leaves the
    /// cursor where it was for `JSONParser.parseNumber` (other numbers and errors).
    private mutating func simpleNumber() -> Double? {
        let start = p.pos
        guard let (value, end) = p.bytes.withUnsafeBufferPointer({ simpleNumber($0, at: start) }) else { return nil }
        p.pos = end
        return value
    }

    /// `simpleNumber` on the file's buffer (no bounds check per digit): the value and where it ends.
    private func simpleNumber(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Double, Int)? {
        let n = bytes.count
        var i = start
        let negative = bytes[i] == 0x2D
        if negative { i += 1 }
        guard i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
        if bytes[i] == 0x30, i + 1 < n, bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
            digits += 1
            i += 1
        }
        var exponent = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            let first = i
            while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                digits += 1
                i += 1
            }
            guard i > first else { return nil }
            exponent = first - i
        }
        if i < n, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            var sign = 1
            if i < n, bytes[i] == 0x2B || bytes[i] == 0x2D {
                if bytes[i] == 0x2D { sign = -1 }
                i += 1
            }
            let first = i
            var e = 0
            while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39, i - first < 4 {
                e = e * 10 + Int(bytes[i] &- 0x30)
                i += 1
            }
            guard i > first else { return nil }
            exponent += sign * e
        }
        // What follows must end the number (else `parseNumber` says why not).
        if i < n, p.isIdentifierByte(bytes[i]) || bytes[i] == 0x2E { return nil }
        guard digits <= 19, let value = ClingerFastPath.value(mantissa, exponent: exponent, negative: negative) else { return nil }
        return (value, i)
    }
}

/// A member of an object that may be a measured number, in the shape
/// `MetricsLoader.measured` reads (it never looks below a member's value).
private struct ScannedMember: MetricsTreeMember {
    var keyText: String?
    var keyKindDescription: String { "a string" }
    // Only a message would need it, and a message makes the scan decline.
    var keyLocation: SourceLocation { value.source.location(of: value.offset) }
    var value: ScannedNode
}

private struct ScannedNode: MetricsTreeNode {
    enum Kind {
        case number(Double)
        case null
        case other(String)
    }

    var kind: Kind
    var offset: Int
    var source: SourceText

    var shape: MetricsTreeShape<ScannedMember> {
        switch kind {
        case .number(let d): return .number(d)
        case .null: return .null
        case .other: return .other
        }
    }

    var origin: Metric.Origin { .offset(offset, source) }

    var kindDescription: String {
        switch kind {
        case .number: return "a number"
        case .null: return "null"
        case .other(let description): return description
        }
    }
}
