/// "Did you mean …?" suggestions by edit distance, as swift-argument-parser does
/// for unknown options.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased().utf8))
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(1, min(3, candidate.utf8.count / 3 + 1))
        return d <= limit ? candidate : nil
    }

    /// The name a misspelt one most likely meant (`roc-auc` → `roc_auc`,
    /// `Accuracy` → `accuracy`): see `NameIndex`.
    public static func closestName(to word: String, in candidates: some Sequence<String>) -> String? {
        NameIndex(candidates).closest(to: word)
    }

    /// Names to suggest from, read once: a metrics file may hold 250,000 names
    /// and a policy may miss many of them. A suggestion is the first name equal
    /// to the word up to case and `-`/`_` (a lookup), else, among at most
    /// `typoSearchLimit` names, the closest by edit distance if it is close
    /// enough to be a typo (the first of equally close ones).
    public struct NameIndex: Sendable {
        public static let typoSearchLimit = 20_000
        private var byFolded: [[UInt8]: String] = [:]
        /// Folded names in order; empty beyond `typoSearchLimit`.
        private var names: [(folded: [UInt8], name: String)] = []

        public init(_ candidates: some Sequence<String>) {
            var tooMany = false
            for name in candidates {
                let f = Suggestion.folded(name)
                if byFolded[f] == nil { byFolded[f] = name }
                guard !tooMany else { continue }
                names.append((f, name))
                if names.count > Self.typoSearchLimit {
                    names = []
                    tooMany = true
                }
            }
        }

        public func closest(to word: String) -> String? {
            let key = Suggestion.folded(word)
            if let equal = byFolded[key], equal != word { return equal }
            var best: (name: String, distance: Int)?
            for (c, name) in names where name != word {
                // Past a name one edit away, only an equal one (looked up above) could win.
                if best?.distance == 1 { break }
                let limit = max(1, min(3, name.utf8.count / 3 + 1))
                guard abs(c.count - key.count) <= limit else { continue }
                let d = Suggestion.distance(key, c, limit: limit)
                if d <= limit && d < (best?.distance ?? .max) { best = (name, d) }
            }
            return best?.name
        }
    }

    /// Lowercased, with `-` read as `_`: the differences a reader does not see as a different name.
    static func folded(_ name: String) -> [UInt8] {
        name.lowercased().utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }
    }

    /// Damerau–Levenshtein (optimal string alignment) distance, so `mni` → `min` is 1.
    /// With a `limit`, any distance above it may be reported as `limit + 1`:
    /// the computation stops once a whole row exceeds it.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        var previousRowMinimum = 0
        for i in 1...a.count {
            cur[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
                rowMinimum = min(rowMinimum, v)
            }
            // Every later cell builds on one of the last two rows plus at least 0: beyond the limit for good.
            if rowMinimum > limit && previousRowMinimum > limit { return limit + 1 }
            previousRowMinimum = rowMinimum
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
