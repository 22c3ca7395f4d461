/// Before a significance test may excuse a failure: is the uncertainty it would
/// trust within the gate's `UncertaintyLimits`? The training job writes its own
/// `n`, `stderr` and interval, and claiming more noise makes any regression
/// look insignificant. Both sides are checked (a baseline was once a candidate).
///
/// A gate that sets any limit accepts only the forms it bounds: with `min_n`
/// alone, a candidate that switches to `stderr` is not accepted.
enum ClaimCheck {
    struct Outcome: Sendable, Equatable {
        var accepted: Bool
        var detail: String
    }

    static func run(_ limits: UncertaintyLimits, method: SignificanceTest.Method,
                    candidate: Uncertainty?, baseline: Uncertainty?) -> Outcome {
        if limits.isEmpty {
            return Outcome(accepted: true, detail: "not bounded (the gate sets no min_n, max_stderr or max_ci_width)")
        }
        let f = NumberFormatting.exact
        let sides = [("candidate", candidate), ("baseline", baseline)]
        // (what the side claims, the limit, whether it is within it) for the quantity the method uses.
        let quantity: String, key: String, limit: Double?, claims: [(String, Double)], within: (Double, Double) -> Bool
        switch method {
        case .twoProportion:
            (quantity, key, limit, within) = ("n", "min_n", limits.minN, { $0 >= $1 })
            claims = sides.compactMap { side, u in u?.n.map { (side, $0) } }
        case .standardErrors:
            (quantity, key, limit, within) = ("stderr", "max_stderr", limits.maxStderr, { $0 <= $1 })
            claims = sides.compactMap { side, u in u?.stderr.map { (side, $0) } }
        case .confidenceIntervals:
            (quantity, key, limit, within) = ("interval width", "max_ci_width", limits.maxCIWidth, { $0 <= $1 })
            claims = sides.compactMap { side, u in u?.ciWidth.map { (side, $0) } }
        }
        guard let limit else {
            return Outcome(accepted: false, detail: "the \(method.rawValue) would use the \(quantity), which this gate does not bound (add \(key))")
        }
        let op = key == "min_n" ? (">=", "<") : ("<=", ">")
        var parts: [String] = []
        for (side, claim) in claims {
            // NaN is never within a limit.
            let ok = within(claim, limit)
            // 12 digits: an interval width is a difference (0.97 - 0.8 = 0.16999999999999993).
            parts.append("\(side) \(quantity) \(NumberFormatting.rounded(claim, significantDigits: 12)) \(ok ? op.0 : op.1) \(key) \(f(limit))")
            if !ok { return Outcome(accepted: false, detail: parts.last ?? "") }
        }
        return Outcome(accepted: true, detail: parts.joined(separator: ", "))
    }
}
