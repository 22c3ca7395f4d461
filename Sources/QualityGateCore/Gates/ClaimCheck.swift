/// Before a significance test may excuse a failure: is the uncertainty it would
/// trust within the gate's `UncertaintyLimits`? The training job writes its own
/// `n`, `stderr` and interval, and claiming more noise makes any regression
/// look insignificant. Both sides are checked (a baseline was once a candidate).
///
/// A gate that sets any limit accepts only the forms it bounds: with `min_n`
/// alone, a candidate that switches to `stderr` is not accepted.
public enum ClaimCheck {
    public struct Outcome: Sendable, Equatable {
        public var accepted: Bool
        public var finding: Finding
    }

    public enum Finding: Sendable, Equatable {
        /// The gate sets no limit at all: every claim is taken as it is.
        case unbounded
        /// The test `method` would use a quantity the gate sets no limit on.
        case quantityNotBounded(SignificanceTest.Method)
        /// The claims checked against the limit on the quantity `method` uses, in
        /// order (candidate, then baseline), up to the first that is not within it.
        case checked(SignificanceTest.Method, limit: Double, claims: [Claim])
    }

    public struct Claim: Sendable, Equatable {
        public enum Side: String, Sendable { case candidate, baseline }
        public var side: Side
        public var value: Double
        public var withinLimit: Bool
    }

    /// The limit a method's quantity is held to, and whether a claim is within it.
    static func limit(_ limits: UncertaintyLimits, for method: SignificanceTest.Method) -> Double? {
        switch method {
        case .twoProportion: return limits.minN
        case .standardErrors: return limits.maxStderr
        case .confidenceIntervals: return limits.maxCIWidth
        }
    }

    static func run(
        _ limits: UncertaintyLimits, method: SignificanceTest.Method,
        candidate: Uncertainty?, baseline: Uncertainty?
    ) -> Outcome {
        if limits.isEmpty { return Outcome(accepted: true, finding: .unbounded) }
        guard let limit = limit(limits, for: method) else { return Outcome(accepted: false, finding: .quantityNotBounded(method)) }
        let sides: [(Claim.Side, Uncertainty?)] = [(.candidate, candidate), (.baseline, baseline)]
        var claims: [Claim] = []
        for (side, u) in sides {
            let value: Double?
            switch method {
            case .twoProportion: value = u?.n
            case .standardErrors: value = u?.stderr
            case .confidenceIntervals: value = u?.ciWidth
            }
            guard let value else { continue }
            // NaN is never within a limit.
            let ok = method == .twoProportion ? value >= limit : value <= limit
            claims.append(Claim(side: side, value: value, withinLimit: ok))
            if !ok { return Outcome(accepted: false, finding: .checked(method, limit: limit, claims: claims)) }
        }
        return Outcome(accepted: true, finding: .checked(method, limit: limit, claims: claims))
    }
}
