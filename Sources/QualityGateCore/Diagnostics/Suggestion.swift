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
    /// `Accuracy` → `accuracy`): the first candidate equal to it up to case and
    /// `-`/`_`, else the closest by edit distance if it is close enough. Names
    /// come from files and may be many: candidates too long or too short to be
    /// close are skipped before any distance is computed.
    public static func closestName(to word: String, in candidates: some Sequence<String>) -> String? {
        let key = folded(word)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let c = folded(candidate)
            if c == key { return candidate }
            // Past a name one edit away, only an equal one (returned above) can win.
            if let b = best, b.1 == 1 { continue }
            let limit = max(1, min(3, candidate.utf8.count / 3 + 1))
            guard abs(c.count - key.count) <= limit else { continue }
            let d = distance(key, c)
            if d <= limit && d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Lowercased, with `-` read as `_`: the differences a reader does not see as a different name.
    private static func folded(_ name: String) -> [UInt8] {
        name.lowercased().utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }
    }

    /// Damerau–Levenshtein (optimal string alignment) distance, so `mni` → `min` is 1.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
