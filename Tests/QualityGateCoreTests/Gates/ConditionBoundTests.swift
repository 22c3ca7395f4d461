import XCTest

@testable import QualityGateCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Overflow never loosens a condition: over extreme values (±1e308, the greatest
/// finite number, subnormals) in every kind and direction, no pass where the
/// exact comparison (with the documented 1e-12 boundary slack) fails. The
/// reference is computed in Float80 (range 1e±4932, so nothing overflows; its
/// 64-bit rounding is far inside the slack).
final class ConditionBoundTests: XCTestCase {
    let at = SourceLocation(file: "p.yaml", line: 1, column: 1)
    static let greatest = Double.greatestFiniteMagnitude
    static let magnitudes: [Double] = [
        0, 5e-324, 2.2250738585072014e-308, 1e-300, 0.01, 0.5, 1, 2, 3,
        1e154, 1e300, 1e308, 1.5e308, greatest / 2, greatest
    ]
    static let values = magnitudes + magnitudes.dropFirst().map { -$0 }

    func gate(
        _ kind: ConditionKind, _ t: Double, direction: Direction, significance: Double? = nil,
        limits: UncertaintyLimits = UncertaintyLimits()
    ) -> Gate {
        var g = Gate(
            name: nil, metric: "m", description: nil, severity: .critical, onMissingMetric: .fail,
            onMissingBaseline: .fail, direction: direction,
            conditions: [Condition(kind: kind, threshold: t, location: at)], stage: nil, owner: nil, mitigation: nil,
            significance: significance, location: at)
        g.uncertaintyLimits = limits
        return g
    }

    func set(_ value: Double, _ u: Uncertainty? = nil, file: String) throws -> MetricSet {
        var s = MetricSet()
        try s.add(
            Metric(name: "m", value: .number(value), origin: .location(SourceLocation(file: file, line: 1, column: 1)), uncertainty: u))
        return s
    }

    func result(_ g: Gate, value v: Double, baseline b: Double, _ cu: Uncertainty? = nil, _ bu: Uncertainty? = nil) throws
        -> ConditionResult
    {
        let p = Policy(version: 1, model: nil, description: nil, defaults: PolicyDefaults(), gates: [g], drift: nil, file: "p.yaml")
        // `max_regression_sigma` learns σ = 1 exactly, so its bound is max_regression's.
        return try GateEvaluator.evaluate(
            p, metrics: set(v, cu, file: "m.json"), baseline: set(b, bu, file: "b.json"), history: .withSigma(1)
        ).results[0]
    }

    /// The documented rule in exact(ish) arithmetic.
    static func exactPasses(_ kind: ConditionKind, _ direction: Direction, v: Double, b: Double, t: Double) -> Bool {
        let v = Float80(v)
        let b = Float80(b)
        let t = Float80(t)
        func slack(_ x: Float80) -> Float80 { Float80(GateEvaluator.boundarySlack) * Swift.max(1, abs(x)) }
        let higher = direction == .higher
        switch kind {
        case .min: return v >= t - slack(t)
        // max_spread: the value is the gap between the best and worst slice.
        case .max, .maxSpread: return v <= t + slack(t)
        case .maxDelta: return abs(v - b) <= t + slack(t)
        case .maxRegression, .maxRegressionRatio, .maxRegressionSigma:
            let margin = kind == .maxRegressionRatio ? t * abs(b) : t
            let bound = higher ? b - margin : b + margin
            return higher ? v >= bound - slack(bound) : v <= bound + slack(bound)
        case .minImprovement, .minImprovementRatio:
            let margin = kind == .minImprovement ? t : t * abs(b)
            let bound = higher ? b + margin : b - margin
            return higher ? v >= bound - slack(bound) : v <= bound + slack(bound)
        }
    }

    func testNoConditionPassesWhereTheExactComparisonFails() throws {
        var checked = 0
        var stricter = 0
        for kind in ConditionKind.allCases {
            // Tolerances are >= 0 (the policy loader refuses others); absolute bounds may be negative.
            let thresholds = kind.isTolerance ? Self.magnitudes : Self.values
            for direction in Direction.allCases {
                for t in thresholds {
                    let g = gate(kind, t, direction: direction)
                    for v in Self.values {
                        for b in Self.values {
                            let r = try result(g, value: v, baseline: b)
                            let exact = Self.exactPasses(kind, direction, v: v, b: b, t: t)
                            checked += 1
                            if r.status == .passed && !exact {
                                XCTFail("\(kind.key) \(direction) t=\(t) v=\(v) b=\(b) passed; exactly it fails (\(r.message))")
                            }
                            if r.status != .passed && exact { stricter += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, 2 * (29 + 29 + 15 * 7) * 29 * 29)
        // Nor does it fail where the exact comparison passes (overflow is handled, not just refused).
        print("condition property: \(checked) cases, \(stricter) fail although the exact comparison passes")
        XCTAssertEqual(stricter, 0, "\(stricter) of \(checked) fail although the exact comparison passes")
    }

    /// The repro: 1e308 - 2·|1e308| overflowed to -Infinity and every value passed.
    func testRatioBoundDoesNotOverflowIntoAPass() throws {
        let higher = try result(gate(.maxRegressionRatio, 2, direction: .higher), value: -1.5e308, baseline: 1e308)
        XCTAssertEqual(higher.status, .failed)
        XCTAssertEqual(higher.bound, -1e308)
        let lower = try result(gate(.maxRegressionRatio, 2, direction: .lower), value: 1.5e308, baseline: -1e308)
        XCTAssertEqual(lower.status, .failed)
        XCTAssertEqual(lower.bound, 1e308)
        // Beyond the finite range on the passing side, the bound is infinite and every finite value passes, as it exactly does.
        XCTAssertEqual(ConditionBound.bound(.maxRegressionRatio, direction: .higher, baseline: 1e308, threshold: 3), -2e308 * 1e308)
        XCTAssertEqual(ConditionBound.bound(.maxRegressionRatio, direction: .higher, baseline: 1e308, threshold: 2.5), -1.5e308)
    }

    /// Significance excess and SE: an overflowing or NaN intermediate keeps the failure.
    func testSignificanceArithmeticFailsClosed() throws {
        let g = gate(.maxRegression, 0, direction: .higher, significance: 0.05)
        // se² overflowed to Infinity: z = 0, p = 0.5, "not significant". Exactly z = 9e99.
        let hugeStderr = try result(g, value: 1e299, baseline: 1e300, Uncertainty(stderr: 1e200), Uncertainty(stderr: 0))
        XCTAssertEqual(hugeStderr.status, .failed, hugeStderr.message)
        XCTAssertEqual(hugeStderr.significance?.pValue, 0)
        // Excess 2e308 = Infinity over SE Infinity was NaN and "not significant". Exactly z = 2.
        let nan = try result(g, value: -1e308, baseline: 1e308, Uncertainty(stderr: 1e308), Uncertainty(stderr: 0))
        XCTAssertEqual(nan.status, .failed, nan.message)
        XCTAssertEqual(nan.significance?.test, "z-test from standard errors")
        XCTAssertEqual(nan.significance?.pValue ?? 1, SignificanceTest.upperTail(2), accuracy: 1e-15)
        // Intervals and a ratio margin t·|b| that overflows: the widened baseline interval is still finite.
        let ci = try result(
            gate(.maxRegressionRatio, 2, direction: .higher, significance: 0.05), value: -1.5e308, baseline: 1e308,
            Uncertainty(ciLow: -1.6e308, ciHigh: -1.4e308), Uncertainty(ciLow: 0.9e308, ciHigh: 1.1e308))
        XCTAssertEqual(ci.status, .failed, ci.message)
        XCTAssertEqual(ci.significance?.significant, true)
        // Non-finite claims (only reachable by bypassing the loader) fail closed too.
        let direct = SignificanceTest.run(
            kind: .maxRegression, direction: .higher, value: 0.1, baseline: 0.95, threshold: 0.01,
            candidate: Uncertainty(ciLow: .nan, ciHigh: .nan), reference: Uncertainty(ciLow: 0.94, ciHigh: 0.96), alpha: 0.05)
        XCTAssertEqual(direct?.significant, true)
        XCTAssertEqual(direct?.detail, "confidence intervals: an interval bound is not a finite number, so the failure stands")
        let infiniteSE = SignificanceTest.run(
            kind: .maxDelta, direction: .higher, value: 0.1, baseline: 0.95, threshold: 0.01,
            candidate: Uncertainty(stderr: .infinity), reference: nil, alpha: 0.05)
        XCTAssertEqual(infiniteSE?.significant, true)
    }

    /// Over extreme values and standard errors: "not significant" only where the
    /// exact z (in Float80) is not significant either.
    func testNotSignificantOnlyWhereExactlyNotSignificant() throws {
        let stderrs: [Double] = [0, 5e-324, 1e-300, 0.5, 1, 1e154, 1e200, 1e308, Self.greatest]
        var excused = 0
        for kind in [ConditionKind.maxRegression, .maxRegressionRatio, .maxDelta] {
            for direction in Direction.allCases {
                for t in [0, 0.5, 2, 1e308] {
                    let g = gate(kind, t, direction: direction, significance: 0.05)
                    for v in Self.values {
                        for b in Self.values {
                            for s in stderrs {
                                let r = try result(g, value: v, baseline: b, Uncertainty(stderr: s), Uncertainty(stderr: s))
                                guard r.status == .passed, Self.exactPasses(kind, direction, v: v, b: b, t: t) == false else { continue }
                                excused += 1
                                let (v8, b8, t8, s8) = (Float80(v), Float80(b), Float80(t), Float80(s))
                                let higher = direction == .higher
                                let margin = kind == .maxRegressionRatio ? t8 * abs(b8) : t8
                                let excess = kind == .maxDelta ? abs(v8 - b8) - t8 : (higher ? (b8 - margin) - v8 : v8 - (b8 + margin))
                                let z = excess / (s8 * Float80(2).squareRoot())
                                XCTAssertGreaterThan(s, 0, "zero SE cannot excuse a positive excess")
                                XCTAssertGreaterThanOrEqual(
                                    SignificanceTest.upperTail(Double(z)), 0.05 * (1 - 1e-9),
                                    "\(kind.key) \(direction) t=\(t) v=\(v) b=\(b) se=\(s): \(r.message)")
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(excused, 0, "the property must see excused regressions")
    }
}
