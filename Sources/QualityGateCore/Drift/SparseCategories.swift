/// Categories too rare to compare on their own, merged into one bin before
/// the statistic is computed. A category whose expected current count
/// (reference share × current values) is below `minimumExpected` gives PSI a
/// term that is mostly noise (an ε-smoothed empty bin alone adds
/// r · ln(r / ε)), so a 30-category column drifts on noise at a few hundred rows.
/// The merged bin comes last, labelled `(other: N categories)`; nothing is
/// merged when fewer than two categories are rare, or when every one is (then
/// one bin would remain and PSI would be 0 whatever the data: the column is
/// compared as it is). Categories new in the current data have an expected
/// count of 0 and are merged: a new category that grew large still moves the
/// merged bin. Oracle: `merge_sparse` in dev/drift_oracle.py.
enum SparseCategories {
    static let minimumExpected = 5.0

    /// `labels` and both count vectors with the rare categories merged, and the names merged.
    static func merge(labels: [String], reference: [Int], current: [Int]) -> (
        labels: [String], reference: [Int], current: [Int], merged: [String]
    ) {
        let n = Double(reference.reduce(0, +))
        let m = Double(current.reduce(0, +))
        guard n > 0, m > 0 else { return (labels, reference, current, []) }
        let rare = labels.indices.filter { Double(reference[$0]) / n * m < minimumExpected }
        guard rare.count >= 2, rare.count < labels.count else { return (labels, reference, current, []) }
        let rareSet = Set(rare)
        let kept = labels.indices.filter { !rareSet.contains($0) }
        return (
            kept.map { labels[$0] } + ["(other: \(rare.count) categories)"],
            kept.map { reference[$0] } + [rare.reduce(0) { $0 + reference[$1] }],
            kept.map { current[$0] } + [rare.reduce(0) { $0 + current[$1] }],
            rare.map { labels[$0] }
        )
    }
}
