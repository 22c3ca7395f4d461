// The words for a significance test and the uncertainty claims it would trust:
// `--explain`'s `noise:` and `claims:` lines, the JSON report's `test` and
// `detail`, and the tail of a relative condition's message.

extension SignificanceTest.Method {
    /// `two-proportion z-test`: the name reports and the JSON `test` key use.
    public var name: String {
        switch self {
        case .twoProportion: return "two-proportion z-test"
        case .standardErrors: return "z-test from standard errors"
        case .confidenceIntervals: return "confidence intervals"
        }
    }

    /// The claimed quantity the test relies on, and the policy key that limits it.
    var quantity: (name: String, key: String) {
        switch self {
        case .twoProportion: return ("n", "min_n")
        case .standardErrors: return ("stderr", "max_stderr")
        case .confidenceIntervals: return ("interval width", "max_ci_width")
        }
    }
}

extension SignificanceTest.Outcome {
    public var test: String { method.name }

    /// `two-proportion z-test: p = 0.2968 ≥ 0.05`.
    public var detail: String {
        let f: (Double) -> String = { NumberFormatting.rounded($0, significantDigits: 4) }
        switch evidence {
        case .failedClosed(let cause):
            let why: String
            switch cause {
            case .nonFiniteStandardErrorOrExcess: why = "the standard error or the excess is not a finite number"
            case .pValueNotComputable: why = "the p-value cannot be computed"
            case .nonFiniteIntervalBound: why = "an interval bound is not a finite number"
            }
            return "\(method.name): \(why), so \(confirmsImprovement ? "the improvement is not shown" : "the failure stands")"
        case .pValue(let alpha):
            return "\(method.name): p = \(f(pValue ?? .nan)) \(significant ? "<" : "≥") \(NumberFormatting.exact(alpha))"
        case .intervals(let cl, let ch, let bl, let bh, let margin):
            return
                "\(method.name): candidate [\(f(cl)), \(f(ch))] vs baseline [\(f(bl)), \(f(bh))]\(margin > 0 ? " ± \(f(margin))" : ""): \(significant ? "no overlap" : "overlap")"
        }
    }
}

extension ClaimCheck.Outcome {
    /// `candidate n 40 < min_n 1000`: every claim checked when accepted, the
    /// one not within its limit when not.
    public var detail: String {
        switch finding {
        case .unbounded:
            return "not bounded (the gate sets no min_n, max_stderr or max_ci_width)"
        case .quantityNotBounded(let method):
            return "the \(method.name) would use the \(method.quantity.name), which this gate does not bound (add \(method.quantity.key))"
        case .checked(let method, let limit, let claims):
            let (quantity, key) = method.quantity
            let op = method == .twoProportion ? (">=", "<") : ("<=", ">")
            // 12 digits: an interval width is a difference (0.97 - 0.8 = 0.16999999999999993).
            let parts = claims.map { c in
                "\(c.side.rawValue) \(quantity) \(NumberFormatting.rounded(c.value, significantDigits: 12)) \(c.withinLimit ? op.0 : op.1) \(key) \(NumberFormatting.exact(limit))"
            }
            return accepted ? parts.joined(separator: ", ") : (parts.last ?? "")
        }
    }
}
