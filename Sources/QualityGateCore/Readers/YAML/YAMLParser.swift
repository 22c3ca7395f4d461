/// Entry point of qgate's YAML subset reader. It parses one document from
/// UTF-8 bytes into `YAMLNode`s and refuses, with a named error, the YAML
/// features a configuration file does not need.
public enum YAML {
    /// Nesting deeper than this is refused instead of risking the stack.
    public static let maximumDepth = 100

    public static func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode {
        var parser = YAMLParser(bytes: bytes, file: file)
        return try parser.parseStream() ?? YAMLNode(.null, offset: 0, source: parser.source)
    }

    /// Like `parse`, but distinguishes a stream with no document at all (nil)
    /// from a document whose value is null.
    public static func parseDocumentIfPresent(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        var parser = YAMLParser(bytes: bytes, file: file)
        return try parser.parseStream()
    }

    public static func parse(_ text: String, file: String = "<string>") throws(YAMLError) -> YAMLNode {
        try parse(Array(text.utf8), file: file)
    }
}

/// Byte values the parsers compare against.
enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let percent: UInt8 = 0x25
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27  // '
    static let asterisk: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let backtick: UInt8 = 0x60
    static let leftBrace: UInt8 = 0x7B
    static let pipe: UInt8 = 0x7C
    static let rightBrace: UInt8 = 0x7D
    static let exclamation: UInt8 = 0x21

    static func isBreak(_ b: UInt8) -> Bool { b == lf || b == cr }
    static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
    static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == comma || b == leftBracket || b == rightBracket || b == leftBrace || b == rightBrace
    }
}

/// The recursive-descent parser. Block structure is decided by the byte column
/// of each line's first non-space character; positions are byte offsets until a
/// location is needed.
struct YAMLParser {
    let bytes: [UInt8]
    let source: SourceText
    var pos = 0
    var lineStart = 0
    var depth = 0
    /// The byte ranges of the quoted scalars parsed, where the characters of
    /// `YAMLInvisibleCharacters` are data rather than an error.
    var quotedRanges: [Range<Int>] = []
    /// Where the quoted scalar being read began, until it ends: if it never
    /// ends, what follows is still its data, not an invisible-character error.
    var openQuote: Int?

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.source = SourceText(file: file, bytes: bytes)
    }

    // MARK: - Cursor

    var atEnd: Bool { pos >= bytes.count }
    var cur: UInt8 { pos < bytes.count ? bytes[pos] : 0 }
    func byte(at i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
    func isBlankOrEnd(at i: Int) -> Bool {
        i >= bytes.count || Byte.isBlank(bytes[i]) || Byte.isBreak(bytes[i])
    }
    /// Byte column of `pos` in its line, 0-based: the indentation measure.
    var column: Int { pos - lineStart }

    func location(_ offset: Int) -> SourceLocation { source.location(of: offset) }

    func node(_ value: YAMLNode.Value, _ offset: Int) -> YAMLNode { YAMLNode(value, offset: offset, source: source) }

    func invalid(_ message: String, at offset: Int, hint: String? = nil) -> YAMLError {
        YAMLError(.invalid, message, at: location(offset), hint: hint)
    }

    mutating func consumeBreak() {
        if cur == Byte.cr {
            pos += 1
            if cur == Byte.lf { pos += 1 }
        } else if cur == Byte.lf {
            pos += 1
        }
        lineStart = pos
    }

    mutating func skipBlanks() {
        while pos < bytes.count && Byte.isBlank(bytes[pos]) { pos += 1 }
    }

    /// A `#` starts a comment only at a line start or after whitespace.
    var atComment: Bool {
        cur == Byte.hash && (pos == lineStart || Byte.isBlank(byte(at: pos - 1)) || Byte.isBreak(byte(at: pos - 1)))
    }

    mutating func skipToLineEnd() {
        while pos < bytes.count && !Byte.isBreak(bytes[pos]) { pos += 1 }
    }

    /// Skips blanks and a trailing comment on the current line.
    mutating func skipSpaceAndComment() {
        skipBlanks()
        if atComment { skipToLineEnd() }
    }

    /// `---` or `...` at column 0 followed by a blank or the end.
    var atDocumentMarker: Bool {
        guard pos == lineStart, pos + 2 < bytes.count else { return false }
        let a = bytes[pos]
        let b = bytes[pos + 1]
        let c = bytes[pos + 2]
        return
            ((a == Byte.minus && b == Byte.minus && c == Byte.minus)
            || (a == Byte.dot && b == Byte.dot && c == Byte.dot)) && isBlankOrEnd(at: pos + 3)
    }

    /// Moves to the first content character of the next line that has content,
    /// skipping blank and comment lines. Returns false at the end of input.
    /// A tab in a content line's leading whitespace is an error (YAML forbids
    /// tabs for indentation, and they make the structure ambiguous to readers).
    mutating func skipToNextContent() throws(YAMLError) -> Bool {
        skipSpaceAndComment()
        while true {
            if atEnd { return false }
            if Byte.isBreak(cur) {
                consumeBreak()
                var sawTab = -1
                while pos < bytes.count && Byte.isBlank(bytes[pos]) {
                    if bytes[pos] == Byte.tab && sawTab < 0 { sawTab = pos }
                    pos += 1
                }
                if atComment {
                    skipToLineEnd()
                    continue
                }
                if atEnd || Byte.isBreak(cur) { continue }
                if sawTab >= 0 { throw YAMLError.tabIndentation(at: location(sawTab)) }
                return true
            }
            // Content on the current line: we were already positioned on it.
            return true
        }
    }

    /// After a node: only blanks and a comment may follow on its line. A block
    /// collection returns positioned at the next content line, which is fine too.
    mutating func expectLineEnd(after what: String) throws(YAMLError) {
        try expectLineEnd(what, valueOf: nil)
    }

    /// After the value of `key`, whose text the message names (made only for the error).
    mutating func expectLineEnd(afterValueOf key: YAMLNode) throws(YAMLError) {
        try expectLineEnd(nil, valueOf: key)
    }

    private mutating func expectLineEnd(_ what: String?, valueOf key: YAMLNode?) throws(YAMLError) {
        skipBlanks()
        if atComment { skipToLineEnd() }
        if atEnd || Byte.isBreak(cur) { return }
        var i = lineStart
        while i < pos && bytes[i] == Byte.space { i += 1 }
        if i == pos { return }
        let what = what ?? key.map { "the value of \(Sanitize.quoted(keyText($0)))" } ?? "a value"
        throw invalid(
            "unexpected text after \(what)", at: pos,
            hint: "a value ends at the end of its line; quote it if it contains ': ' or ' #'")
    }

    // MARK: - Stream and document

    mutating func parseStream() throws(YAMLError) -> YAMLNode? {
        let root: YAMLNode?
        do {
            root = try parseDocument()
        } catch {
            // An invisible character often causes the parse error ("a line
            // without ':'" where a U+2069 hides the colon): name it instead, if
            // one stands outside the quoted scalars read so far, on or before the
            // failing line.
            if let (offset, scalar) = firstInvisibleOutsideQuotes(), offset < (openQuote ?? bytes.count),
                error.location.map({ location(offset).line <= $0.line }) ?? true
            {
                throw YAMLInvisibleCharacters.error(scalar, at: location(offset))
            }
            throw error
        }
        // Only a parse that succeeded knows where all the quoted scalars are.
        if let (offset, scalar) = firstInvisibleOutsideQuotes() {
            throw YAMLInvisibleCharacters.error(scalar, at: location(offset))
        }
        return root
    }

    /// The first refused invisible character outside every quoted scalar: one
    /// walk over both sorted lists (a scan per character was quadratic).
    private func firstInvisibleOutsideQuotes() -> (offset: Int, scalar: UInt32)? {
        let ranges = quotedRanges.sorted { $0.lowerBound < $1.lowerBound }
        var r = 0
        for (offset, scalar) in YAMLInvisibleCharacters.offsets(in: bytes) {
            while r < ranges.count && ranges[r].upperBound <= offset { r += 1 }
            if r < ranges.count && ranges[r].contains(offset) { continue }
            return (offset, scalar)
        }
        return nil
    }

    private mutating func parseDocument() throws(YAMLError) -> YAMLNode? {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw invalid(
                "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true))", at: bad,
                hint: "save the file as UTF-8")
        }
        for (i, b) in bytes.enumerated() where (b < 0x20 && b != Byte.tab && b != Byte.lf && b != Byte.cr) || b == 0x7F {
            throw invalid("control character U+\(hex4(b)) is not allowed in YAML", at: i)
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        guard try skipToNextContent() else { return nil }
        if cur == Byte.percent && column == 0 {
            throw YAMLError.unsupported("directives (%YAML, %TAG)", at: location(pos), hint: "remove the directive line")
        }
        var root: YAMLNode
        if atDocumentMarker && cur == Byte.minus {
            let markerOffset = pos
            pos += 3
            skipSpaceAndComment()
            if atEnd || Byte.isBreak(cur) {
                root = try parseBlockNodeFromNextLine(parent: -1, sequenceAtSameIndent: false, emptyAt: markerOffset)
            } else {
                root = try parseNodeHere(indent: column, parent: -1, allowBlockCollection: false)
                try expectLineEnd(after: "the document's value")
            }
        } else if atDocumentMarker {
            // A bare `...` ends a stream that has no document.
            try finishDocument()
            return nil
        } else {
            root = try parseNodeHere(indent: column, parent: -1, allowBlockCollection: true)
            try expectLineEnd(after: "the document's value")
        }
        try finishDocument()
        return root
    }

    private func hex4(_ b: UInt8) -> String {
        let h = String(b, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - h.count) + h
    }

    mutating func finishDocument() throws(YAMLError) {
        guard try skipToNextContent() else { return }
        var ended = false
        if atDocumentMarker && cur == Byte.dot {
            pos += 3
            ended = true
            skipSpaceAndComment()
            guard try skipToNextContent() else { return }
        }
        if ended || (atDocumentMarker && cur == Byte.minus) || cur == Byte.percent {
            throw YAMLError.unsupported(
                "multiple documents", at: location(pos),
                hint: "keep one document per file")
        }
        throw invalid(
            "unexpected content after the end of the document's root value", at: pos,
            hint: "check the indentation of this line")
    }

    // MARK: - Block structure

    /// Parses the node that starts at `pos`, whose first character is at byte
    /// column `indent`; `parent` is the indentation of the enclosing block
    /// collection (-1 at the top). Block collections may start here only if
    /// `allowBlockCollection` (not after `key: ` on the same line).
    mutating func parseNodeHere(indent: Int, parent: Int, allowBlockCollection: Bool) throws(YAMLError) -> YAMLNode {
        let start = pos
        switch cur {
        case Byte.ampersand, Byte.asterisk, Byte.exclamation:
            throw unsupportedNodeProperty(at: start)
        case Byte.question where isBlankOrEnd(at: pos + 1):
            throw YAMLError.unsupported("complex mapping keys (? key)", at: location(start), hint: "use a plain `key: value` entry")
        case Byte.colon where isBlankOrEnd(at: pos + 1):
            throw YAMLError.unsupported("empty mapping keys", at: location(start), hint: "write a key before the ':'")
        case Byte.at, Byte.backtick, Byte.percent:
            throw invalid("'\(Character(Unicode.Scalar(cur)))' cannot start a plain scalar", at: start, hint: "quote the value")
        case Byte.minus where isBlankOrEnd(at: pos + 1):
            guard allowBlockCollection else {
                throw invalid(
                    "a block sequence cannot start on the same line as its key", at: start,
                    hint: "put `- item` on the next line, indented")
            }
            return try parseBlockSequence(indent: indent)
        case Byte.pipe, Byte.greater:
            return try parseBlockScalar(parent: parent)
        case Byte.leftBracket, Byte.leftBrace:
            let node = try parseFlowCollection(parent: parent)
            skipBlanks()
            if cur == Byte.colon && isBlankOrEnd(at: pos + 1) {
                throw YAMLError.unsupported("complex mapping keys (a flow collection as a key)", at: location(start))
            }
            return node
        case Byte.quote, Byte.apostrophe:
            let startLine = lineStart
            let node = try parseQuotedScalar(parent: parent)
            let multiline = lineStart != startLine
            skipBlanks()
            if cur == Byte.colon && isBlankOrEnd(at: pos + 1) {
                if multiline { throw invalid("a mapping key must fit on one line", at: start) }
                guard allowBlockCollection else {
                    throw invalid(
                        "a mapping cannot start on the same line as its key", at: pos,
                        hint: "quote the value if it contains ': '")
                }
                return try parseBlockMapping(indent: indent, firstKey: node)
            }
            return node
        default:
            guard isPlainStart(at: pos, flow: false) else {
                throw invalid("unexpected character '\(Character(Unicode.Scalar(cur)))'", at: start, hint: "quote the value")
            }
            let (s, e) = scanPlainLine(flow: false)
            if cur == Byte.colon && isBlankOrEnd(at: pos + 1) {
                guard allowBlockCollection else {
                    throw invalid(
                        "a mapping cannot start on the same line as its key", at: pos,
                        hint: "quote the value if it contains ': '")
                }
                let key = node(YAMLScalarResolver.resolvePlain(bytes[s..<e]), s)
                return try parseBlockMapping(indent: indent, firstKey: key)
            }
            let text = try continuePlain(first: s..<e, parent: parent, flow: false)
            return node(YAMLScalarResolver.resolvePlain(text[...]), s)
        }
    }

    /// The value of `key:` or `-` whose own line is empty: the node on the next
    /// content line if it is indented more than `parent`, else null. A mapping's
    /// value may be a sequence at the mapping's own indentation.
    mutating func parseBlockNodeFromNextLine(parent: Int, sequenceAtSameIndent: Bool, emptyAt: Int) throws(YAMLError) -> YAMLNode {
        guard try skipToNextContent(), !atDocumentMarker else { return node(.null, emptyAt) }
        let col = column
        if col > parent {
            return try parseNodeHere(indent: col, parent: parent, allowBlockCollection: true)
        }
        if col == parent && sequenceAtSameIndent && cur == Byte.minus && isBlankOrEnd(at: pos + 1) {
            return try parseBlockSequence(indent: col)
        }
        return node(.null, emptyAt)
    }

    mutating func enterCollection(at offset: Int) throws(YAMLError) {
        depth += 1
        if depth > YAML.maximumDepth {
            throw invalid(
                "nesting is deeper than \(YAML.maximumDepth) levels", at: offset,
                hint: "flatten the structure")
        }
    }

    mutating func parseBlockMapping(indent: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
        let mapOffset = firstKey.offset
        try enterCollection(at: pos)
        defer { depth -= 1 }
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(8)
        var seen = KeySet()
        var key = firstKey
        while true {
            // Positioned at the ':' after `key`.
            try seen.insert(key, parser: self)
            let colon = pos
            pos += 1
            skipBlanks()
            let value: YAMLNode
            if atEnd || Byte.isBreak(cur) || atComment {
                value = try parseBlockNodeFromNextLine(parent: indent, sequenceAtSameIndent: true, emptyAt: colon)
            } else {
                value = try parseNodeHere(indent: column, parent: indent, allowBlockCollection: false)
                try expectLineEnd(afterValueOf: key)
            }
            pairs.append(YAMLPair(key: key, value: value))

            guard try skipToNextContent(), !atDocumentMarker else { break }
            let col = column
            if col < indent { break }
            if col > indent {
                throw invalid(
                    "bad indentation of a mapping entry", at: pos,
                    hint: "align this key with the keys above it (column \(indent + 1))")
            }
            key = try parseBlockKey()
        }
        return node(.mapping(pairs), mapOffset)
    }

    /// A key at the start of a mapping line, positioned so that `pos` is at its ':'.
    mutating func parseBlockKey() throws(YAMLError) -> YAMLNode {
        let start = pos
        switch cur {
        case Byte.question where isBlankOrEnd(at: pos + 1):
            throw YAMLError.unsupported("complex mapping keys (? key)", at: location(start))
        case Byte.minus where isBlankOrEnd(at: pos + 1):
            throw invalid(
                "a sequence item cannot appear among mapping keys", at: start,
                hint: "indent the list under its key, or make this line a `key: value`")
        case Byte.ampersand, Byte.asterisk, Byte.exclamation:
            throw unsupportedNodeProperty(at: start)
        case Byte.colon where isBlankOrEnd(at: pos + 1):
            throw YAMLError.unsupported("empty mapping keys", at: location(start))
        case Byte.quote, Byte.apostrophe:
            let startLine = lineStart
            let node = try parseQuotedScalar(parent: -1)
            if lineStart != startLine { throw invalid("a mapping key must fit on one line", at: start) }
            skipBlanks()
            guard cur == Byte.colon && isBlankOrEnd(at: pos + 1) else {
                throw invalid("expected ':' after the mapping key", at: pos, hint: "write `key: value`")
            }
            return node
        case Byte.leftBracket, Byte.leftBrace:
            throw YAMLError.unsupported("complex mapping keys (a flow collection as a key)", at: location(start))
        default:
            guard isPlainStart(at: pos, flow: false) else {
                throw invalid("unexpected character '\(Character(Unicode.Scalar(cur)))' where a mapping key was expected", at: start)
            }
            let (s, e) = scanPlainLine(flow: false)
            guard cur == Byte.colon && isBlankOrEnd(at: pos + 1) else {
                throw invalid(
                    "expected `key: value`, found a line without ':'", at: start,
                    hint: "add ': ' after the key, or indent the line to continue the value above")
            }
            return node(YAMLScalarResolver.resolvePlain(bytes[s..<e]), s)
        }
    }

    /// `&anchor`, `*alias` and `!tag` at `offset`: refused wherever a node may start.
    func unsupportedNodeProperty(at offset: Int) -> YAMLError {
        switch byte(at: offset) {
        case Byte.ampersand: return YAMLError.unsupported("anchors (&name)", at: location(offset), hint: "write the value out in full")
        case Byte.asterisk: return YAMLError.unsupported("aliases (*name)", at: location(offset), hint: "write the value out in full")
        default:
            return YAMLError.unsupported("tags (!tag)", at: location(offset), hint: "remove the tag; quote the value to make it a string")
        }
    }

    func keyText(_ key: YAMLNode) -> String {
        switch key.value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .bool(let b): return String(b)
        default: return "null"
        }
    }

    mutating func parseBlockSequence(indent: Int) throws(YAMLError) -> YAMLNode {
        let seqOffset = pos
        try enterCollection(at: pos)
        defer { depth -= 1 }
        var items: [YAMLNode] = []
        while true {
            // Positioned at '-'.
            let dash = pos
            pos += 1
            skipBlanks()
            if atEnd || Byte.isBreak(cur) || atComment {
                items.append(try parseBlockNodeFromNextLine(parent: indent, sequenceAtSameIndent: false, emptyAt: dash))
            } else {
                if let tab = bytes[(dash + 1)..<pos].firstIndex(of: Byte.tab),
                    (cur == Byte.minus && isBlankOrEnd(at: pos + 1)) || isPlainKeyAhead()
                {
                    throw YAMLError.tabIndentation(at: location(tab))
                }
                items.append(try parseNodeHere(indent: column, parent: indent, allowBlockCollection: true))
                try expectLineEnd(after: "a sequence item")
            }
            guard try skipToNextContent(), !atDocumentMarker else { break }
            let col = column
            if col < indent { break }
            if col > indent {
                throw invalid(
                    "bad indentation of a sequence item", at: pos,
                    hint: "align `-` with the items above it (column \(indent + 1))")
            }
            guard cur == Byte.minus && isBlankOrEnd(at: pos + 1) else { break }
        }
        return node(.sequence(items), seqOffset)
    }

    /// Whether the rest of the line looks like `key: value` (used to refuse a tab
    /// that would act as indentation of a compact mapping).
    func isPlainKeyAhead() -> Bool {
        var i = pos
        while i < bytes.count && !Byte.isBreak(bytes[i]) {
            if bytes[i] == Byte.colon && isBlankOrEnd(at: i + 1) { return true }
            i += 1
        }
        return false
    }
}

/// Detects duplicate keys in one mapping (PyYAML silently keeps the last one,
/// which hides mistakes in a release policy). Keys are compared as values:
/// strings as `String`s (so canonically equivalent spellings are one key),
/// numbers as doubles (`1` and `1.0` are one key), and a key remembers only
/// its offset until an error needs its line. A mapping of a few keys is
/// searched in order; a larger one is indexed.
struct KeySet {
    private enum Identity: Hashable {
        case null
        case bool(Bool)
        /// The double's bits: its text identified keys before, and two
        /// doubles print alike exactly when their bits are alike (every NaN
        /// a policy can write is `.nan`).
        case number(UInt64)
        case string(String)
    }

    private var keys: [(identity: Identity, offset: Int)] = []
    private var index: [Identity: Int] = [:]
    private static let searchedInOrder = 12

    mutating func insert(_ key: YAMLNode, parser: YAMLParser) throws(YAMLError) {
        let identity: Identity
        switch key.value {
        case .null: identity = .null
        case .bool(let b): identity = .bool(b)
        case .int(let i): identity = .number(Double(i).bitPattern)
        case .double(let d): identity = .number(d.bitPattern)
        case .string(let s): identity = .string(s)
        case .sequence, .mapping:
            throw YAMLError.unsupported("complex mapping keys", at: key.location)
        }
        if let first = firstOffset(of: identity) {
            throw YAMLError(
                .invalid, "duplicate key \(Sanitize.quoted(parser.keyText(key))) (first defined at line \(parser.location(first).line))",
                at: key.location, hint: "remove one of the two entries")
        }
        // One allocation for a mapping of a few keys, instead of one per doubling.
        if keys.isEmpty { keys.reserveCapacity(8) }
        keys.append((identity, key.offset))
        if keys.count > Self.searchedInOrder {
            if index.isEmpty {
                for (identity, offset) in keys { index[identity] = offset }
            } else {
                index[identity] = key.offset
            }
        }
    }

    private func firstOffset(of identity: Identity) -> Int? {
        if keys.count > Self.searchedInOrder { return index[identity] }
        return keys.first { $0.identity == identity }?.offset
    }
}
