/// VERSION-1 HISTORIES ONLY. One entry of a version-1 evaluation record's
/// `failed` list, which qgate wrote as prose: `severity: gate condition — message`.
/// Reading it back is a heuristic — a gate name holding ` max — ` is cut there
/// (`floor max — legacy` reads as `floor`) — which is why version-2 records
/// store `RecordedFailure` objects. Kept so old histories give the statistics
/// they always gave; nothing new is written in this form or read with it.
struct LegacyFailureText {
    var severity: String
    var gate: String
    var condition: String

    init?(_ entry: String) {
        guard let colon = entry.firstRange(of: ": ") else { return nil }
        severity = String(entry[..<colon.lowerBound])
        let rest = entry[colon.upperBound...]
        // The condition is one of a fixed set of keys followed by " — ": the
        // earliest such match ends the gate name, which may itself hold " — ".
        var best: (Range<Substring.Index>, String)?
        for kind in ConditionKind.allCases {
            if let r = rest.firstRange(of: " \(kind.key) — "), best.map({ r.lowerBound < $0.0.lowerBound }) ?? true { best = (r, kind.key) }
        }
        guard let (range, key) = best else { return nil }
        gate = String(rest[..<range.lowerBound])
        condition = key
    }
}
