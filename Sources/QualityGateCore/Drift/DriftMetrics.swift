/// `qgate drift --output metrics=FILE`: the comparison as a qgate metrics file,
/// so a release policy can gate it with `qgate evaluate` (`drift.max_psi`).
///
/// Column names come from production data and become metric names: each is one
/// segment (`MetricList.segment`: a dot becomes `_`, so a header cannot add a
/// level or reach another key), two names that would share a segment are an
/// error, and the JSON writer escapes the rest. Per column, under
/// `drift.column.<name>.`: `psi`, `statistic` (the policy's method), `drifted` (0/1),
/// under `threshold: auto` `psi_critical` and `p_value`, and under `method: ks|chi2`
/// `p_value` and `p_adjusted` (`statistic` is then the test's D or χ²).
extension DriftResult {
    public func metrics() throws -> MetricList {
        let features = columns.filter { $0.role == .feature && $0.status != .missingInReference }
        try MetricList.checkSegments(features.map(\.name), what: "columns") { _ in nil }
        var m = MetricList()
        func largest(_ value: (ColumnDrift) -> Double?) -> Double? { comparedColumns.compactMap(value).max() }
        // Features only, as the trigger: IDs, timestamps, prediction and label are left out.
        m.add("drift.max_psi", largest(\.psi))
        m.add("drift.max_kl", largest(\.kl))
        m.add("drift.max_js", largest(\.js))
        m.add("drift.drifted_share", comparedColumns.isEmpty ? nil : driftedShare)
        m.add("drift.drifted_columns", driftedColumns.count)
        m.add("drift.compared_columns", comparedColumns.count)
        m.add("drift.retrain", retrain ? 1 : 0)
        m.add("drift.reference_rows", referenceRows)
        m.add("drift.current_rows", currentRows)
        for (prefix, column) in [("drift.prediction", prediction), ("drift.label", label)] {
            guard let c = column else { continue }
            add(c, prefix: prefix, to: &m)
        }
        for c in features { add(c, prefix: "drift.column." + MetricList.segment(c.name), to: &m) }
        return m
    }

    private func add(_ c: ColumnDrift, prefix: String, to m: inout MetricList) {
        m.add(prefix + ".psi", c.psi)
        m.add(prefix + ".statistic", c.statistic)
        m.add(prefix + ".drifted", c.drifted ? 1 : 0)
        if config.automatic {
            m.add(prefix + ".psi_critical", c.criticalPSI)
            m.add(prefix + ".p_value", c.pValue)
        }
        if config.method.isTest {
            m.add(prefix + ".p_value", c.pValue)
            m.add(prefix + ".p_adjusted", c.adjustedPValue)
        }
    }
}
