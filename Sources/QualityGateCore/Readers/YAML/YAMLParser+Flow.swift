/// Flow collections: `[a, b]` and `{key: value}`, nested and possibly spanning
/// lines (each continuation line indented more than the enclosing block).
extension YAMLParser {

    mutating func parseFlowCollection(parent: Int) throws(YAMLError) -> YAMLNode {
        let start = pos
        try enterCollection(at: start)
        defer { depth -= 1 }
        let isSequence = cur == Byte.leftBracket
        let close = isSequence ? Byte.rightBracket : Byte.rightBrace
        pos += 1
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var seen = KeySet()
        while true {
            try skipFlowWhitespace(parent: parent)
            if atEnd {
                throw invalid(
                    "unterminated flow \(isSequence ? "sequence" : "mapping")", at: start,
                    hint: "add the closing '\(isSequence ? "]" : "}")'")
            }
            if cur == close {
                pos += 1
                break
            }
            if cur == Byte.comma { throw invalid("unexpected ',' in a flow collection", at: pos) }
            if cur == Byte.question && isBlankOrEnd(at: pos + 1) {
                throw YAMLError.unsupported("complex mapping keys (? key)", at: location(pos))
            }
            let entryStart = pos
            var key: YAMLNode
            var quotedKey = false
            if cur == Byte.colon && (isBlankOrEnd(at: pos + 1) || Byte.isFlowIndicator(byte(at: pos + 1))) {
                throw YAMLError.unsupported("empty mapping keys", at: location(pos))
            }
            let entryLine = lineStart
            // A JSON-like key (quoted, or a collection) may be followed directly by ':'.
            quotedKey = cur == Byte.quote || cur == Byte.apostrophe || cur == Byte.leftBracket || cur == Byte.leftBrace
            key = try parseFlowNode(parent: parent)
            try skipFlowWhitespace(parent: parent)
            // In a flow sequence, `key: value` is an implicit key: its ':' must be
            // on the key's line (yaml-test-suite DK4H, ZXT5).
            let keyOnOneLine = lineStart == entryLine
            let hasValue =
                cur == Byte.colon
                && (isBlankOrEnd(at: pos + 1) || Byte.isFlowIndicator(byte(at: pos + 1)) || quotedKey)
            let keyIsCollection: Bool
            switch key.value {
            case .sequence, .mapping: keyIsCollection = true
            default: keyIsCollection = false
            }
            if (hasValue || !isSequence) && keyIsCollection {
                throw YAMLError.unsupported("complex mapping keys (a flow collection as a key)", at: location(entryStart))
            }
            if hasValue {
                if isSequence && !keyOnOneLine {
                    throw invalid("an implicit key in a flow sequence must fit on one line", at: entryStart)
                }
                let colon = pos
                pos += 1
                try skipFlowWhitespace(parent: parent)
                let value: YAMLNode
                if cur == Byte.comma || cur == close {
                    value = node(.null, colon)
                } else {
                    value = try parseFlowNode(parent: parent)
                }
                if isSequence {
                    items.append(node(.mapping([YAMLPair(key: key, value: value)]), key.offset))
                } else {
                    try seen.insert(key, parser: self)
                    pairs.append(YAMLPair(key: key, value: value))
                }
            } else if isSequence {
                items.append(key)
            } else {
                try seen.insert(key, parser: self)
                pairs.append(YAMLPair(key: key, value: node(.null, key.offset)))
            }
            try skipFlowWhitespace(parent: parent)
            if cur == Byte.comma {
                pos += 1
                continue
            }
            if cur == close {
                pos += 1
                break
            }
            if atEnd {
                throw invalid(
                    "unterminated flow \(isSequence ? "sequence" : "mapping")", at: start,
                    hint: "add the closing '\(isSequence ? "]" : "}")'")
            }
            throw invalid("expected ',' or '\(isSequence ? "]" : "}")' in a flow collection", at: pos)
        }
        return node(isSequence ? .sequence(items) : .mapping(pairs), start)
    }

    /// One entry inside a flow collection: a nested collection or a scalar.
    mutating func parseFlowNode(parent: Int) throws(YAMLError) -> YAMLNode {
        let start = pos
        switch cur {
        case Byte.leftBracket, Byte.leftBrace:
            return try parseFlowCollection(parent: parent)
        case Byte.quote, Byte.apostrophe:
            return try parseQuotedScalar(parent: parent)
        case Byte.ampersand, Byte.asterisk, Byte.exclamation:
            throw unsupportedNodeProperty(at: start)
        default:
            guard isPlainStart(at: pos, flow: true) else {
                throw invalid(
                    "unexpected character '\(Character(Unicode.Scalar(cur)))' in a flow collection", at: start,
                    hint: "quote the value")
            }
            let (s, e) = scanPlainLine(flow: true)
            let text = try continuePlain(first: s..<e, parent: parent, flow: true)
            return node(YAMLScalarResolver.resolvePlain(text[...]), s)
        }
    }

    /// Blanks, line breaks and comments between flow entries.
    mutating func skipFlowWhitespace(parent: Int) throws(YAMLError) {
        while !atEnd {
            if Byte.isBlank(cur) {
                pos += 1
            } else if atComment {
                skipToLineEnd()
            } else if Byte.isBreak(cur) {
                consumeBreak()
                if atDocumentMarker {
                    throw invalid("document marker inside a flow collection", at: pos, hint: "close the collection first")
                }
                while cur == Byte.space { pos += 1 }
                let indent = column
                skipBlanks()
                // A closing bracket may sit at the parent's own indentation, as in
                // `columns: [` … `]` (common in configs, and PyYAML accepts it).
                let closesAtParent = indent == parent && (cur == Byte.rightBracket || cur == Byte.rightBrace)
                if !atEnd && !Byte.isBreak(cur) && !atComment && indent <= parent && !closesAtParent {
                    throw invalid("flow collection content must be indented more than its parent", at: pos)
                }
            } else {
                break
            }
        }
    }
}
