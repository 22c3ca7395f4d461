/// What a metric's name says about it: which way is better, and whether it
/// lives in [0, 1]. The one reading of names behind the direction `qgate init`
/// writes, the policy error for a relative condition whose inherited direction
/// the name contradicts, and the lint. A heuristic: it only ever asks the
/// author to write down what the name suggests, never decides silently.
enum MetricNames {
    /// Words that make a metric lower-is-better when they appear as a word of
    /// its name (`eval_loss`, `latency.p95_ms`, `error_rate`, `ece`, `valLoss`).
    static let lowerIsBetterWords: Set<String> = [
        "loss", "logloss", "nll", "error", "errors", "err", "latency", "time", "runtime", "duration", "seconds", "ms",
        "rmse", "mse", "mae", "mape", "smape", "ece", "mce", "brier", "perplexity", "fpr", "fnr", "cost", "memory",
        "bytes", "size", "missing", "drift", "psi", "gap", "difference", "disparity", "regret", "wer", "cer"
    ]
    /// Words that make a metric higher-is-better, unless a lower-is-better word
    /// is there too (`accuracy_gap` and `time_to_accuracy` are lower-is-better).
    static let higherIsBetterWords: Set<String> = [
        "accuracy", "acc", "precision", "recall", "f1", "auc", "auroc", "auprc", "specificity", "sensitivity",
        "tpr", "tnr", "throughput", "ndcg", "mrr", "map", "bleu", "rouge", "r2", "iou", "coverage"
    ]
    /// Metrics that live in [0, 1], by the last dotted component of the name.
    static let unitInterval: Set<String> = [
        "accuracy", "balanced_accuracy", "precision", "recall", "f1", "f1_score", "specificity", "sensitivity",
        "roc_auc", "auc", "auroc", "pr_auc", "average_precision", "ece", "mce", "brier", "brier_score",
        "positive_rate", "coverage", "iou", "map"
    ]

    /// The two word sets by word length (`[n]` holds the words of n bytes): a
    /// word is compared with the few of its length, which for these short
    /// ASCII strings is cheaper than hashing it, and every gate asks.
    private static let lowerByLength = byLength(lowerIsBetterWords)
    private static let higherByLength = byLength(higherIsBetterWords)

    private static func byLength(_ words: Set<String>) -> [[String]] {
        var table = [[String]](repeating: [], count: (words.map(\.utf8.count).max() ?? 0) + 1)
        for word in words { table[word.utf8.count].append(word) }
        return table
    }

    /// Whether `word` is in the set `table` was made from (`byLength`).
    private static func isIn(_ table: [[String]], _ word: String) -> Bool {
        let n = word.utf8.count
        return n < table.count && table[n].contains(word)
    }

    private static func isLowerIsBetterWord(_ word: String) -> Bool { isIn(lowerByLength, word) }
    private static func isHigherIsBetterWord(_ word: String) -> Bool { isIn(higherByLength, word) }

    /// Whether a word of the name says lower values are better.
    static func looksLowerIsBetter(_ metric: String) -> Bool {
        words(metric).contains(where: isLowerIsBetterWord)
    }

    /// Whether a word of the name says higher values are better, and none says lower.
    static func looksHigherIsBetter(_ metric: String) -> Bool {
        let w = words(metric)
        return w.contains(where: isHigherIsBetterWord) && !w.contains(where: isLowerIsBetterWord)
    }

    /// The direction the name suggests, if it suggests one.
    static func suggestedDirection(_ metric: String) -> Direction? {
        let w = words(metric)
        if w.contains(where: isLowerIsBetterWord) { return .lower }
        return w.contains(where: isHigherIsBetterWord) ? .higher : nil
    }

    static func isUnitInterval(_ metric: String) -> Bool {
        let l = String(metric.split(separator: ".").last ?? Substring(metric)).lowercased()
        return unitInterval.contains(l) || l.hasSuffix("_rate") || l.hasSuffix("_share") || l.hasSuffix("_accuracy")
    }

    /// The name's words, lowercased: split at every character that is not a
    /// letter or digit, and where camel case starts a word (`p95LatencyMs` →
    /// p95, latency, ms; `HTTPLatency` → http, latency). Digits stay with their
    /// word, so `f1` and `r2` stay whole.
    static func words(_ name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(name) }
        var words: [String] = []
        var word: [Character] = []
        let chars = Array(name)
        for (i, c) in chars.enumerated() {
            guard c.isLetter || c.isNumber else {
                if !word.isEmpty { words.append(String(word).lowercased()) }
                word = []
                continue
            }
            if c.isUppercase, let previous = word.last {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    words.append(String(word).lowercased())
                    word = []
                }
            }
            word.append(c)
        }
        if !word.isEmpty { words.append(String(word).lowercased()) }
        return words
    }

    /// `words` for an ASCII name, on bytes (every gate of a policy asks, and
    /// `Character` properties cost a table lookup each): the same rules, where
    /// a letter is A–Z/a–z and a number 0–9.
    private static func asciiWords(_ name: String) -> [String] {
        let bytes = Array(name.utf8)
        // Lowercased once, so that a word is one `String` of a slice of it.
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var words: [String] = []
        var start = -1
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func flush(_ end: Int) {
            if start >= 0 && end > start {
                words.append(String(decoding: lower[start..<end], as: UTF8.self))
            }
            start = -1
        }
        for (i, c) in bytes.enumerated() {
            guard isUpper(c) || isLower(c) || isDigit(c) else {
                flush(i)
                continue
            }
            if isUpper(c), start >= 0 {
                let previous = bytes[i - 1]
                let next = i + 1 < bytes.count ? bytes[i + 1] : nil
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && next.map(isLower) == true) { flush(i) }
            }
            if start < 0 { start = i }
        }
        flush(bytes.count)
        return words
    }
}
