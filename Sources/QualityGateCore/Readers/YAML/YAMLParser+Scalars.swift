/// Scalar scanning: plain (possibly multi-line), single- and double-quoted, and
/// literal/folded block scalars, following the folding rules of YAML 1.2 §6–8.
extension YAMLParser {

    /// Whether a plain scalar may start at `i`: not an indicator, except `-`, `?`
    /// and `:` followed by a non-blank ("-1", ":x").
    func isPlainStart(at i: Int, flow: Bool) -> Bool {
        let b = byte(at: i)
        if i >= bytes.count || Byte.isBlank(b) || Byte.isBreak(b) { return false }
        switch b {
        case Byte.minus, Byte.question, Byte.colon:
            let next = byte(at: i + 1)
            if isBlankOrEnd(at: i + 1) { return false }
            if flow && Byte.isFlowIndicator(next) { return false }
            return true
        case Byte.comma, Byte.leftBracket, Byte.rightBracket, Byte.leftBrace, Byte.rightBrace,
            Byte.hash, Byte.ampersand, Byte.asterisk, Byte.exclamation, Byte.pipe, Byte.greater,
            Byte.apostrophe, Byte.quote, Byte.percent, Byte.at, Byte.backtick:
            return false
        default:
            return true
        }
    }

    /// Scans one line of a plain scalar. Stops at a line break, at `: ` (a key's
    /// colon), at ` #` (a comment) and, in flow context, at flow indicators.
    /// Returns the byte range without trailing blanks; `pos` is left at the stop.
    mutating func scanPlainLine(flow: Bool) -> (Int, Int) {
        let start = pos
        var end = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if Byte.isBreak(b) { break }
            if b == Byte.colon {
                let next = byte(at: pos + 1)
                if isBlankOrEnd(at: pos + 1) || (flow && Byte.isFlowIndicator(next)) { break }
            }
            if b == Byte.hash && pos > start && Byte.isBlank(bytes[pos - 1]) { break }
            if flow && Byte.isFlowIndicator(b) { break }
            pos += 1
            if !Byte.isBlank(b) { end = pos }
        }
        return (start, end)
    }

    /// Continues a plain scalar over following lines indented more than
    /// `parent`, folding single line breaks into spaces and keeping empty lines
    /// as newlines.
    mutating func continuePlain(first: Range<Int>, parent: Int, flow: Bool) throws(YAMLError) -> [UInt8] {
        var text = Array(bytes[first])
        while true {
            skipBlanks()
            guard !atEnd, Byte.isBreak(cur) else { break }
            let savedPos = pos
            let savedLineStart = lineStart
            var breaks = 0
            var lineIndent = 0
            while Byte.isBreak(cur) {
                consumeBreak()
                breaks += 1
                if atDocumentMarker { break }
                while cur == Byte.space { pos += 1 }
                lineIndent = column
                skipBlanks()
            }
            let stop =
                atEnd || atDocumentMarker || atComment || lineIndent <= parent
                || (flow
                    && (Byte.isFlowIndicator(cur)
                        || (cur == Byte.colon && (isBlankOrEnd(at: pos + 1) || Byte.isFlowIndicator(byte(at: pos + 1))))))
            if stop {
                if flow && !atEnd && lineIndent <= parent && !atDocumentMarker && !atComment && !Byte.isFlowIndicator(cur) {
                    throw invalid("flow content must be indented more than its parent", at: pos)
                }
                pos = savedPos
                lineStart = savedLineStart
                break
            }
            let lineOffset = pos
            let (s, e) = scanPlainLine(flow: flow)
            if s == e {
                throw invalid(
                    "unexpected character '\(Character(Unicode.Scalar(cur)))' in a multi-line value", at: lineOffset,
                    hint: "quote the value")
            }
            if !flow && cur == Byte.colon && isBlankOrEnd(at: pos + 1) {
                throw invalid(
                    "a mapping key cannot follow a multi-line value; is this line indented too far?", at: lineOffset,
                    hint: "align the key with its siblings, or quote the value above")
            }
            if breaks == 1 {
                text.append(Byte.space)
            } else {
                for _ in 1..<breaks { text.append(Byte.lf) }
            }
            text.append(contentsOf: bytes[s..<e])
        }
        return text
    }

    // MARK: - Quoted scalars

    /// Parses a single- or double-quoted scalar starting at the quote. Line
    /// breaks inside fold like plain scalars; continuation lines must be
    /// indented more than `parent`.
    mutating func parseQuotedScalar(parent: Int) throws(YAMLError) -> YAMLNode {
        let start = pos
        openQuote = start
        let double = cur == Byte.quote
        pos += 1
        var out: [UInt8] = []
        while true {
            guard !atEnd else { throw unterminatedQuote(at: start) }
            let b = cur
            if !double && b == Byte.apostrophe {
                if byte(at: pos + 1) == Byte.apostrophe {
                    out.append(Byte.apostrophe)
                    pos += 2
                    continue
                }
                pos += 1
                break
            }
            if double && b == Byte.quote {
                pos += 1
                break
            }
            if double && b == Byte.backslash {
                if Byte.isBreak(byte(at: pos + 1)) {
                    // An escaped line break joins the lines without a space.
                    pos += 1
                    try foldQuotedBreaks(into: &out, parent: parent, start: start, escaped: true)
                    continue
                }
                try appendEscape(into: &out)
                continue
            }
            if Byte.isBlank(b) || Byte.isBreak(b) {
                let wsStart = pos
                skipBlanks()
                if atEnd { continue }
                if !Byte.isBreak(cur) {
                    out.append(contentsOf: bytes[wsStart..<pos])
                    continue
                }
                try foldQuotedBreaks(into: &out, parent: parent, start: start, escaped: false)
                continue
            }
            out.append(b)
            pos += 1
        }
        quotedRanges.append(start..<pos)
        openQuote = nil
        return node(.string(String(decoding: out, as: UTF8.self)), start)
    }

    func unterminatedQuote(at start: Int, hint: String? = nil) -> YAMLError {
        let double = bytes[start] == Byte.quote
        return invalid(
            "unterminated \(double ? "double" : "single")-quoted string", at: start,
            hint: hint ?? "add the closing \(double ? "\"" : "'")")
    }

    /// At a line break inside a quoted scalar: consume it and any empty lines,
    /// check the next line's indentation, and append the folded result.
    private mutating func foldQuotedBreaks(into out: inout [UInt8], parent: Int, start: Int, escaped: Bool) throws(YAMLError) {
        var breaks = 0
        while Byte.isBreak(cur) {
            consumeBreak()
            breaks += 1
            if atDocumentMarker {
                throw invalid("document marker inside a quoted string", at: pos, hint: "close the quote before this line")
            }
            while cur == Byte.space { pos += 1 }
            let indent = column
            skipBlanks()
            if !atEnd && !Byte.isBreak(cur) && indent <= parent {
                // Almost always a missing closing quote rather than a deliberate
                // multi-line string, so point at the opening quote.
                throw unterminatedQuote(
                    at: start,
                    hint:
                        "add the closing \(bytes[start] == Byte.quote ? "\"" : "'") on its line; a string continued on the next line must be indented more than its key"
                )
            }
        }
        if atEnd { throw unterminatedQuote(at: start) }
        if escaped {
            for _ in 1..<max(breaks, 1) { out.append(Byte.lf) }
        } else if breaks == 1 {
            out.append(Byte.space)
        } else {
            for _ in 1..<breaks { out.append(Byte.lf) }
        }
    }

    private mutating func appendEscape(into out: inout [UInt8]) throws(YAMLError) {
        let escStart = pos
        let c = byte(at: pos + 1)
        pos += 2
        var scalar: UInt32
        switch c {
        case 0x30: scalar = 0  // \0
        case 0x61: scalar = 0x07  // \a
        case 0x62: scalar = 0x08  // \b
        case 0x74, Byte.tab: scalar = 0x09  // \t
        case 0x6E: scalar = 0x0A  // \n
        case 0x76: scalar = 0x0B  // \v
        case 0x66: scalar = 0x0C  // \f
        case 0x72: scalar = 0x0D  // \r
        case 0x65: scalar = 0x1B  // \e
        case Byte.space: scalar = 0x20
        case Byte.quote: scalar = 0x22
        case Byte.slash: scalar = 0x2F
        case Byte.backslash: scalar = 0x5C
        case 0x4E: scalar = 0x85  // \N
        case 0x5F: scalar = 0xA0  // \_
        case 0x4C: scalar = 0x2028  // \L
        case 0x50: scalar = 0x2029  // \P
        case 0x78, 0x75, 0x55:  // \x \u \U
            let digits = c == 0x78 ? 2 : (c == 0x75 ? 4 : 8)
            scalar = 0
            for _ in 0..<digits {
                guard let v = hexValue(byte(at: pos)) else {
                    throw invalid("escape \\\(Character(Unicode.Scalar(c))) needs \(digits) hex digits", at: escStart)
                }
                scalar = scalar &* 16 &+ UInt32(v)
                pos += 1
            }
        default:
            throw invalid(
                "unknown escape sequence '\\\(c < 0x80 && c >= 0x20 ? String(Character(Unicode.Scalar(c))) : "?")'", at: escStart,
                hint: "escape a backslash as \\\\, or use single quotes")
        }
        guard let u = Unicode.Scalar(scalar) else {
            throw invalid("escape gives an invalid Unicode scalar U+\(String(scalar, radix: 16, uppercase: true))", at: escStart)
        }
        out.append(contentsOf: Array(String(Character(u)).utf8))
    }

    private func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    // MARK: - Block scalars

    /// Parses `|` (literal) or `>` (folded) with optional chomping (`-`, `+`) and
    /// indentation indicators, in the manner of libyaml's scanner. Leaves `pos`
    /// at the first content of the line after the scalar.
    mutating func parseBlockScalar(parent: Int) throws(YAMLError) -> YAMLNode {
        let start = pos
        let literal = cur == Byte.pipe
        pos += 1
        var chomp = 0  // -1 strip, 0 clip, +1 keep
        var increment = 0
        for _ in 0..<2 {
            if cur == Byte.plus || cur == Byte.minus {
                if chomp != 0 { throw invalid("two chomping indicators in a block scalar header", at: pos) }
                chomp = cur == Byte.plus ? 1 : -1
                pos += 1
            } else if cur >= Byte.zero && cur <= Byte.nine {
                if cur == Byte.zero { throw invalid("block scalar indentation indicator must be 1-9", at: pos) }
                if increment != 0 { throw invalid("two indentation indicators in a block scalar header", at: pos) }
                increment = Int(cur - Byte.zero)
                pos += 1
            }
        }
        let afterHeader = pos
        skipBlanks()
        if atComment {
            skipToLineEnd()
        } else if !atEnd && !Byte.isBreak(cur) {
            throw invalid(
                "unexpected text after the block scalar indicator", at: pos == afterHeader ? pos : pos,
                hint: "start the text on the next line")
        }
        if !atEnd { consumeBreak() }

        // -1 until known: detected from the first non-empty line, or given by the header.
        var indent = -1
        if increment > 0 { indent = parent >= 0 ? parent + increment : increment }
        var out: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var leadingBlank = false

        try scanBlockScalarBreaks(indent: &indent, trailing: &trailingBreaks, parent: parent)
        while column == indent && !atEnd && !atDocumentMarker {
            let trailingBlank = Byte.isBlank(cur)
            if !literal && leadingBreak.first == Byte.lf && !leadingBlank && !trailingBlank {
                if trailingBreaks.isEmpty { out.append(Byte.space) }
                leadingBreak.removeAll()
            } else {
                out.append(contentsOf: leadingBreak)
                leadingBreak.removeAll()
            }
            out.append(contentsOf: trailingBreaks)
            trailingBreaks.removeAll()
            leadingBlank = Byte.isBlank(cur)
            let lineBegin = pos
            skipToLineEnd()
            out.append(contentsOf: bytes[lineBegin..<pos])
            if atEnd {
                // As above: a last line of only blanks ends as if with a break (L24T/01).
                if bytes[lineBegin..<pos].allSatisfy(Byte.isBlank) { leadingBreak = [Byte.lf] }
                break
            }
            consumeBreak()
            leadingBreak = [Byte.lf]
            try scanBlockScalarBreaks(indent: &indent, trailing: &trailingBreaks, parent: parent)
        }
        if chomp != -1 { out.append(contentsOf: leadingBreak) }
        if chomp == 1 { out.append(contentsOf: trailingBreaks) }
        return node(.string(String(decoding: out, as: UTF8.self)), start)
    }

    /// Consumes indentation and empty lines; detects the content indentation
    /// from the first non-empty line when no indicator gave it.
    private mutating func scanBlockScalarBreaks(indent: inout Int, trailing: inout [UInt8], parent: Int) throws(YAMLError) {
        var maxIndent = 0
        while true {
            while (indent < 0 || column < indent) && cur == Byte.space { pos += 1 }
            if column > maxIndent { maxIndent = column }
            if indent < 0 && cur == Byte.tab && column > parent {
                // While detecting the indentation, a tab after some spaces is the
                // first content of the scalar (yaml-test-suite R4YG, Y79Y).
                break
            }
            if (indent < 0 || column < indent) && cur == Byte.tab {
                // A tab where indentation is still expected is indentation, which
                // YAML forbids, unless the line holds nothing else.
                if indent < 0 {
                    throw YAMLError.tabIndentation(at: location(pos))
                }
                var i = pos
                while i < bytes.count && Byte.isBlank(bytes[i]) { i += 1 }
                if i < bytes.count && !Byte.isBreak(bytes[i]) {
                    throw YAMLError.tabIndentation(at: location(pos))
                }
                pos = i
            }
            if atEnd {
                // A last line of only spaces without a line break still counts as
                // an empty line (yaml-test-suite JEF9/02).
                if pos > lineStart && bytes[lineStart..<pos].allSatisfy({ $0 == Byte.space }) { trailing.append(Byte.lf) }
                break
            }
            if !Byte.isBreak(cur) { break }
            if atDocumentMarker { break }
            consumeBreak()
            trailing.append(Byte.lf)
        }
        if indent < 0 {
            // At the top level (parent -1) text may start in column 0 (yaml-test-suite FP8R).
            indent = max(maxIndent, parent + 1)
            if maxIndent > 0 && column < maxIndent && !atEnd && !Byte.isBreak(cur) && column > parent && column >= 1 {
                throw invalid("a leading empty line of a block scalar has more spaces than its first text line", at: pos)
            }
        }
    }
}
