/// One condition's numbers as a human report prints them at a precision: the
/// value, the baseline and the bound the value was held to (the REQUIRED
/// column). The printed value passes the printed bound exactly when the
/// condition's comparison passed: a value that failed its bound but rounds onto
/// it gets the digits that show the difference. A bound the policy wrote
/// (an absolute condition's threshold) prints as written.
struct ConditionNumbers {
    var value = "—"
    var baseline = "—"
    var required = "—"

    init(_ r: ConditionResult, _ precision: ReportPrecision) {
        if let v = r.value { value = precision.number(v) }
        if let b = r.baseline { baseline = precision.number(b) }
        guard let requirement = r.requirement else { return }
        switch requirement {
        case .atLeast(let x): required = oneSided(r, x, "≥", ConditionBound.atLeast, precision)
        case .atMost(let x): required = oneSided(r, x, "≤", ConditionBound.atMost, precision)
        case .within(let center, let radius):
            var centerText = precision.number(center)
            if let v = r.value, v.isFinite, center.isFinite {
                let passed = requirement.admits(v)
                let shown = precision.compared(v, against: center) { v2, c2 in
                    ConditionBound.within(center: c2, radius: radius).admits(v2) == passed
                }
                value = shown.value
                centerText = shown.bound
                if r.baseline == center { baseline = shown.bound }
            }
            required = "±\(precision.difference(radius)) of \(centerText)"
        }
    }

    /// `≥ x`: a relative bound rounded together with the value, a written one as written.
    private mutating func oneSided(
        _ r: ConditionResult, _ x: Double, _ sign: String, _ bound: (Double) -> ConditionBound, _ precision: ReportPrecision
    ) -> String {
        let written = !r.kind.isRelative
        var text = written ? NumberFormatting.exact(x) : precision.number(x)
        if let v = r.value, v.isFinite, x.isFinite {
            let passed = bound(x).admits(v)
            let shown = precision.compared(v, against: x) { v2, x2 in bound(written ? x : x2).admits(v2) == passed }
            value = shown.value
            if !written { text = shown.bound }
        }
        return "\(sign) \(text)"
    }
}
