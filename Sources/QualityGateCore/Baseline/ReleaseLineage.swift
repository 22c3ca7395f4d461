/// Which promotions of a model's history make up its release history for
/// `max_regression_sigma`: the chain of releases that led to the current
/// baseline. A promotion follows the baseline that was current when it was
/// promoted; a rollback makes an earlier promotion current again, so the
/// releases it withdrew leave the chain (a withdrawn release was a mistake,
/// and its change — and the rollback's change back — would widen σ).
/// Recorded evaluations are not releases.
enum ReleaseLineage {
    /// The promotions from the first to the current baseline, oldest first.
    static func releases(in records: [HistoryRecord]) -> [HistoryRecord] {
        var bySeq: [Int: HistoryRecord] = [:]
        var parent: [Int: Int] = [:]
        var current: Int?
        for r in records {
            switch r.event {
            case .promote:
                bySeq[r.seq] = r
                parent[r.seq] = current
                current = r.seq
            case .rollback:
                // The store refuses a rollback to anything but an earlier promotion.
                if let target = r.restoresSeq, bySeq[target] != nil { current = target }
            case .evaluation: break
            }
        }
        var chain: [HistoryRecord] = []
        var seen = Set<Int>()
        while let seq = current, let r = bySeq[seq], seen.insert(seq).inserted {
            chain.append(r)
            current = parent[seq]
        }
        return chain.reversed()
    }
}

extension ReleaseLineage {
    /// The chain as the evaluator receives it: each release's version and metrics.
    static func history(_ records: [HistoryRecord], source: String) -> ReleaseHistory {
        let releases = releases(in: records).map { r in
            ReleaseHistory.Release(version: r.version ?? "r\(r.seq)", metrics: Dictionary(r.metrics, uniquingKeysWith: { a, _ in a }))
        }
        return ReleaseHistory(source: source, releases: releases)
    }
}

extension BaselineStore {
    /// The release history `max_regression_sigma` learns from (`ReleaseLineage`).
    public func releaseHistory(_ model: ModelName) throws -> ReleaseHistory {
        ReleaseLineage.history(try history(model), source: "\(locationName): \(model)")
    }
}
