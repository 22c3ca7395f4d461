/// Keeps text that qgate prints from being executed by the CI runner reading it.
///
/// GitHub's runner reads a step's stdout and stderr line by line (a line ends at
/// LF, CRLF or a lone CR) and runs a workflow command when a line starts with
/// `::` after .NET's `TrimStart()` (NBSP and the other Unicode spaces included),
/// or when `##[` occurs anywhere in it (actions/runner `ActionCommand.cs`). Both
/// matches are culture-sensitive string searches (ICU), which skip characters
/// ICU gives no weight: controls such as ESC and the default-ignorable code
/// points (zero-width spaces, variation selectors, …). So `:\u{200B}:` starts a
/// command as `::` does, and so does `#\u{FE0F}#[`.
///
/// The guard rewrites every line so neither parser finds anything:
/// - controls (CR, ESC, BEL, NEL, U+2028/2029) and invisible format characters
///   (bidi overrides, zero-width spaces) are shown as escapes (`Sanitize`),
///   except LF and the colour sequences `TerminalStyle` writes;
/// - a line whose first visible characters are `::` gets a space between them
///   (`: :error::x`);
/// - `##[` gets a backslash before the bracket (`##\[stop-commands]`), as the
///   runner itself defuses `##[start-action`.
/// The only way to write a line starting with `::` is `command(_:)`, for the
/// annotations qgate means to emit (`WorkflowCommand`).
///
/// Streaming: text may arrive in pieces; the guard keeps the state of the
/// current line, and holds back only invisible characters whose fate depends
/// on the next visible one. It works on UTF-8 bytes (a 100 MB JSON report
/// passes in well under a second); only non-ASCII scalars are decoded.
public struct WorkflowCommandGuard: Sendable {
    /// Only whitespace and ignorable characters so far on this line.
    private var leading = true
    /// The line's first visible character was `:`, and nothing visible since.
    private var afterLeadingColon = false
    /// Consecutive `#` just written (ignorable characters do not count as a break).
    private var hashes = 0
    /// Ignorable characters after a leading `:` or a `##`, until the next
    /// visible character decides whether something goes before them.
    private var held: [UInt8] = []
    /// The current line was started by `command(_:)`: it may start with `::`.
    private var commandLine = false
    /// Nothing written on the current line yet.
    private var atLineStart = true

    public init() {}

    /// `text` made safe, in one go (for reports written to files and tests).
    public static func neutralise(_ text: String) -> String {
        var g = WorkflowCommandGuard()
        return g.filter(text) + g.finish()
    }

    /// The safe form of the next piece of output.
    public mutating func filter(_ text: String) -> String { String(decoding: filterBytes(text), as: UTF8.self) }

    /// The safe form of the next piece of output as the UTF-8 bytes a stream
    /// writes (the console's path: no String is built only to be taken apart).
    public mutating func filterBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ filter($0, into: &out) }) {
            _ = done
        } else {
            Array(text.utf8).withUnsafeBufferPointer { filter($0, into: &out) }
        }
        return out
    }

    /// One workflow command line that qgate built itself (`WorkflowCommand.line`,
    /// without its line feed): the one kind of line allowed to start with `::`.
    /// It starts on a line of its own and ends with a line feed.
    public mutating func command(_ line: String) -> String { String(decoding: commandBytes(line), as: UTF8.self) }

    /// `command(_:)` as bytes.
    public mutating func commandBytes(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        if !atLineStart { out = filterBytes("\n") }
        commandLine = true
        out += filterBytes(line)
        out += filterBytes("\n")
        return out
    }

    /// Whatever is still held back, at the end of the output.
    public mutating func finish() -> String { String(decoding: finishBytes(), as: UTF8.self) }

    /// `finish()` as bytes.
    public mutating func finishBytes() -> [UInt8] {
        defer { held.removeAll() }
        return held
    }

    private mutating func filter(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = bytes.count
        while i < n {
            // With no `:` or `##` pending, spaces before a line's first visible
            // character, and after it any printable ASCII other than `#`, need no
            // decision: copy the run whole (most of a report is such runs).
            if hashes == 0 && !afterLeadingColon && held.isEmpty {
                let end = leading ? WorkflowCommandGuard.spaceRunEnd(bytes, from: i) : WorkflowCommandGuard.plainRunEnd(bytes, from: i)
                if end > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    atLineStart = false
                    i = end
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F {
                    // Printable ASCII; most of it needs no decision at all: only `#`
                    // matters, and `:` as a line's first visible character, unless a
                    // `:` or `##` came just before. Anything else but a space ends
                    // the line's leading part.
                    if hashes == 0 && !afterLeadingColon && b != 0x23 && (!leading || b != 0x3A) {
                        out.append(b)
                        atLineStart = false
                        if b != 0x20 { leading = false }
                    } else {
                        visible(Unicode.Scalar(b), bytes: CollectionOfOne(b), into: &out)
                    }
                    i += 1
                } else if b == 0x0A {
                    if !held.isEmpty {
                        out += held
                        held.removeAll(keepingCapacity: true)
                    }
                    out.append(0x0A)
                    reset()
                    i += 1
                } else if b == 0x1B, let length = WorkflowCommandGuard.colourSequenceLength(bytes, at: i) {
                    // ESC is ignorable to the runner; the rest of the sequence is visible.
                    ignorable(CollectionOfOne(b), into: &out)
                    for j in (i + 1)..<(i + length) { visible(Unicode.Scalar(bytes[j]), bytes: CollectionOfOne(bytes[j]), into: &out) }
                    i += length
                } else {
                    escaped(Unicode.Scalar(b), into: &out)
                    i += 1
                }
                continue
            }
            // A multi-byte scalar (the input is a Swift String: valid UTF-8).
            let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
            let end = min(n, i + length)
            var value = UInt32(b) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
            for j in (i + 1)..<end { value = value << 6 | UInt32(bytes[j] & 0x3F) }
            let chunk = UnsafeBufferPointer(rebasing: bytes[i..<end])
            if let s = Unicode.Scalar(value) {
                if Sanitize.mustEscape(s) {
                    escaped(s, into: &out)
                } else if WorkflowCommandGuard.isIgnorable(s) {
                    ignorable(chunk, into: &out)
                } else {
                    visible(s, bytes: chunk, into: &out)
                }
            }
            i = end
        }
    }

    /// The end of the run of spaces starting at `i`.
    static func spaceRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i
        while j < bytes.count && bytes[j] == 0x20 { j += 1 }
        return j
    }

    /// The end of the run of printable ASCII other than `#` starting at `i`.
    /// Eight bytes at a time: a report is mostly such runs.
    static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while j + 8 <= bytes.count {
                let stop = stopBytes(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)))
                if stop != 0 { return j + stop.trailingZeroBitCount / 8 }
                j += 8
            }
        }
        while j < bytes.count {
            let b = bytes[j]
            guard b >= 0x20 && b < 0x7F && b != 0x23 else { break }
            j += 1
        }
        return j
    }

    /// The high bit of each byte of `w` that ends a plain run: ≥ 0x80, < 0x20,
    /// 0x7F or `#`. On the low seven bits `y` of a byte no sum below carries into
    /// the next byte: y + 0x60 reaches 0x80 exactly when y ≥ 0x20, y + 0x01 when
    /// y = 0x7F, and (y ^ 0x23) + 0x7F stays below 0x80 only when y = 0x23.
    static func stopBytes(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let y = w & 0x7F7F_7F7F_7F7F_7F7F
        let control = ~(y &+ 0x6060_6060_6060_6060)
        let delete = y &+ 0x0101_0101_0101_0101
        let hash = ~((y ^ 0x2323_2323_2323_2323) &+ 0x7F7F_7F7F_7F7F_7F7F)
        return (w | control | delete | hash) & high
    }

    private mutating func reset() {
        leading = true
        afterLeadingColon = false
        hashes = 0
        commandLine = false
        atLineStart = true
    }

    /// A control or invisible character, written as its visible escape.
    private mutating func escaped(_ s: Unicode.Scalar, into out: inout [UInt8]) {
        for b in Sanitize.escape(s).utf8 { visible(Unicode.Scalar(b), bytes: CollectionOfOne(b), into: &out) }
    }

    private mutating func ignorable<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        atLineStart = false
        if afterLeadingColon || hashes >= 2 { held += bytes } else { out += bytes }
    }

    private mutating func visible<C: Collection>(_ s: Unicode.Scalar, bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        atLineStart = false
        if afterLeadingColon && s == ":" && !commandLine { out.append(0x20) }
        if hashes >= 2 && s == "[" { out.append(0x5C) }
        if !held.isEmpty {
            out += held
            held.removeAll(keepingCapacity: true)
        }
        afterLeadingColon = false
        if leading && !WorkflowCommandGuard.isWhitespace(s) {
            leading = false
            afterLeadingColon = s == ":"
        }
        hashes = s == "#" ? hashes + 1 : 0
        out += bytes
    }

    /// The length of a colour sequence of `TerminalStyle` starting at `i`, if one does.
    static func colourSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        for sequence in TerminalStyle.sequences {
            let s = Array(sequence.utf8)
            if i + s.count <= bytes.count && (0..<s.count).allSatisfy({ bytes[i + $0] == s[$0] }) { return s.count }
        }
        return nil
    }

    /// Characters ICU's collation gives no weight, so the runner's culture-
    /// sensitive `StartsWith("::")` and `IndexOf("##[")` look through them:
    /// controls other than the whitespace ones, and default-ignorable code points.
    public static func isIgnorable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x85: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x20...0x7E: return false
        default: return s.properties.isDefaultIgnorableCodePoint
        }
    }

    /// .NET `Char.IsWhiteSpace`, which `TrimStart()` removes: Unicode Zs, Zl, Zp,
    /// U+0009–U+000D and U+0085.
    public static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

extension WorkflowCommandGuard {
    /// `text` with a backslash before the `[` of every `##[`, nothing else
    /// changed: for text inside a line, such as a workflow command's message.
    public static func defuseLegacyPrefix(_ text: String) -> String {
        var scanner = LegacyPrefixScanner()
        return Escaping.map(text) { u in scanner.completesPrefix(u) ? "\\[" : nil }
    }

    /// Finds, scalar by scalar, a `[` that would complete `##[` for the runner,
    /// for writers whose format has its own way to write that bracket (JSON
    /// `\u005b`, XML `&#91;`): their output stays valid and means the same.
    public struct LegacyPrefixScanner: Sendable {
        private var hashes = 0
        public init() {}

        /// Whether `s` is the `[` of a `##[`; call for every scalar in order.
        public mutating func completesPrefix(_ s: Unicode.Scalar) -> Bool {
            if WorkflowCommandGuard.isIgnorable(s) { return false }
            defer { hashes = s == "#" ? hashes + 1 : 0 }
            return s == "[" && hashes >= 2
        }
    }
}
