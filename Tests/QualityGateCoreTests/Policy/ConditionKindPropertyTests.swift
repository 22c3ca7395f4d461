import XCTest

@testable import QualityGateCore

/// One definition per condition kind (`ConditionKind.bound(threshold:baseline:direction:)`)
/// and every consumer agrees with it, on generated inputs: thresholds, baselines
/// and values from subnormals to the greatest finite number, near and on each
/// bound, in both directions. The consumers: the evaluator's decision and the
/// bound it reports, the significance test's excess, the synthetic-case interval,
/// `--explain`'s arithmetic, the REQUIRED column, the rule in words (`--print`,
/// evaluated as a formula) and the lint's never-fails finding.
final class ConditionKindPropertyTests: XCTestCase {
    let at = SourceLocation(file: "p.yaml", line: 1, column: 1)
    static let greatest = Double.greatestFiniteMagnitude
    static let magnitudes: [Double] = [
        0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-9, 0.01, 0.05, 0.5, 1, 2, 3, 97.25,
        1e154, 1e300, 1e308, 1.5e308, greatest / 2, greatest
    ]
    static let signed = magnitudes + magnitudes.dropFirst().map { -$0 }

    /// SplitMix64: the same inputs on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// A finite double of any sign and magnitude (10^-300 … 10^300), or a small one.
        mutating func value() -> Double {
            let r = next()
            let unit = Double(r >> 11) / Double(1 << 53)
            if r & 1 == 0 { return (unit - 0.5) * 4 }
            let exponent = Double(Int((next() % 601)) - 300)
            return (r & 2 == 0 ? 1 : -1) * (1 + unit) * pow(10, exponent)
        }
    }

    func gate(_ kind: ConditionKind, _ t: Double, direction: Direction, significance: Double? = nil) -> Gate {
        Gate(
            name: nil, metric: "m", description: nil, severity: .critical, onMissingMetric: .fail,
            onMissingBaseline: .fail, direction: direction,
            conditions: [Condition(kind: kind, threshold: t, location: at)], stage: nil, owner: nil, mitigation: nil,
            significance: significance, location: at)
    }

    func set(_ value: Double, _ u: Uncertainty? = nil, file: String) throws -> MetricSet {
        var s = MetricSet()
        try s.add(
            Metric(name: "m", value: .number(value), origin: .location(SourceLocation(file: file, line: 1, column: 1)), uncertainty: u))
        return s
    }

    /// `sigma`: what `max_regression_sigma` learns from the history given (exactly that σ).
    func result(_ g: Gate, value v: Double, baseline b: Double, uncertainty u: Uncertainty? = nil, sigma: Double = 1) throws
        -> ConditionResult
    {
        let p = Policy(version: 1, model: nil, description: nil, defaults: PolicyDefaults(), gates: [g], drift: nil, file: "p.yaml")
        return try GateEvaluator.evaluate(
            p, metrics: set(v, u, file: "m.json"), baseline: set(b, u, file: "b.json"), history: .withSigma(sigma)
        ).results[0]
    }

    /// Within a few boundary slacks of the bound: where rounding the interval's
    /// ends or the rule's arithmetic may decide either way.
    static func nearBoundary(_ bound: ConditionBound, _ v: Double) -> Bool {
        let scale: Double
        switch bound {
        case .atLeast(let x), .atMost(let x): scale = Swift.max(1, abs(x / 2))
        case .within(let c, let r): scale = Swift.max(1, abs(c / 2) + r / 2)
        }
        return abs(bound.halfExcess(v)) <= 4e-12 * scale
    }

    /// The rule in words (`--print`'s meaning) evaluated in Float80, where nothing
    /// overflows, with the documented boundary slack on its right-hand side.
    static func wordsPass(_ words: String, v: Double, b: Double, sigma: Double = .nan) -> Bool? {
        let parts =
            words.components(separatedBy: " >= ").count == 2
            ? (words.components(separatedBy: " >= "), true)
            : (words.components(separatedBy: " <= "), false)
        guard parts.0.count == 2 else { return nil }
        func term(_ s: String) -> Float80? {
            if s == "value" { return Float80(v) }
            if s == "baseline" { return Float80(b) }
            if s == "sigma" { return Float80(sigma) }
            if s.hasPrefix("|"), s.hasSuffix("|") { return term(String(s.dropFirst().dropLast())).map(abs) }
            return Double(s).map(Float80.init)
        }
        // value | |value - baseline| ; threshold | baseline ∓ allowance | baseline ∓ t * |baseline|
        func expression(_ s: String) -> Float80? {
            if s.hasPrefix("|value - baseline|") { return abs(Float80(v) - Float80(b)) }
            let tokens = s.split(separator: " ").map(String.init)
            var products: [Float80] = []
            var signs: [Float80] = [1]
            var i = 0
            while i < tokens.count {
                guard var x = term(tokens[i]) else { return nil }
                while i + 2 < tokens.count, tokens[i + 1] == "*" {
                    guard let y = term(tokens[i + 2]) else { return nil }
                    x *= y
                    i += 2
                }
                products.append(x)
                i += 1
                if i < tokens.count {
                    guard tokens[i] == "+" || tokens[i] == "-" else { return nil }
                    signs.append(tokens[i] == "+" ? 1 : -1)
                    i += 1
                }
            }
            return zip(signs, products).map { $0 * $1 }.reduce(0, +)
        }
        guard let lhs = expression(parts.0[0]), let rhs = expression(parts.0[1]) else { return nil }
        let slack = Float80(GateEvaluator.boundarySlack) * Swift.max(1, abs(rhs))
        return parts.1 ? lhs >= rhs - slack : lhs <= rhs + slack
    }

    func testEveryConsumerAgreesWithTheKindsBound() throws {
        var generator = Generator(state: 16)
        var checked = 0
        var nearDisagreements = 0
        for kind in ConditionKind.allCases {
            for direction in Direction.allCases {
                // Tolerances are >= 0 (the policy loader refuses others); absolute bounds may be negative.
                var thresholds = kind.isTolerance ? Self.magnitudes : Self.signed
                for _ in 0..<4 {
                    let x = generator.value()
                    thresholds.append(kind.isTolerance ? abs(x) : x)
                }
                for t in thresholds {
                    var baselines = kind.isRelative ? Self.signed.filter { _ in generator.next() % 3 == 0 } : [0.0]
                    if kind.isRelative { for _ in 0..<3 { baselines.append(generator.value()) } }
                    for b in baselines {
                        // `max_regression_sigma`: a σ of any magnitude, learned from a history that has exactly it.
                        let sigma = kind.learnsFromHistory ? abs(generator.value()) : 1
                        let bound = kind.bound(threshold: t, baseline: b, direction: direction, sigma: sigma)
                        let (lower, upper) = bound.interval
                        var values = Self.signed.filter { _ in generator.next() % 4 == 0 }
                        for _ in 0..<4 { values.append(generator.value()) }
                        // On, just inside and just outside each finite end.
                        for end in [lower, upper] where end.isFinite {
                            let away = 1e-9 * Swift.max(1, abs(end))
                            values += [end, end.nextUp, end.nextDown, end + away, end - away].filter(\.isFinite)
                        }
                        let g = gate(kind, t, direction: direction)
                        let words = ConditionRule.words(kind, threshold: t, direction: direction)
                        XCTAssertEqual(PolicyJSON.meaning(Condition(kind: kind, threshold: t, location: at), direction: direction), words)
                        for v in values {
                            checked += 1
                            let passes = bound.admits(v)
                            let what = "\(kind.key) \(direction) t=\(t) b=\(b) v=\(v): the bound \(bound) says \(passes ? "pass" : "fail")"
                            // The evaluator decides with it and reports it.
                            let r = try result(g, value: v, baseline: b, sigma: sigma)
                            XCTAssertEqual(r.status == .passed, passes, what + "; evaluator: \(r.message)")
                            XCTAssertEqual(r.requirement, bound, what)
                            // --explain's decision and the REQUIRED column.
                            XCTAssert(
                                ExplainReport.arithmetic(r).hasSuffix("→ \(passes)"), what + "; explain: \(ExplainReport.arithmetic(r))")
                            // The VALUE and REQUIRED columns at report precision: the printed value
                            // passes the printed bound exactly when the value passed.
                            let numbers = ConditionNumbers(r, .human)
                            let shown: ConditionBound
                            switch bound {
                            case .atLeast: shown = .atLeast(Double(numbers.required.dropFirst(2)) ?? .nan)
                            case .atMost: shown = .atMost(Double(numbers.required.dropFirst(2)) ?? .nan)
                            case .within(_, let radius):
                                let center = numbers.required.components(separatedBy: " of ").last ?? ""
                                shown = .within(center: Double(center) ?? .nan, radius: radius)
                            }
                            XCTAssertEqual(
                                shown.admits(Double(numbers.value) ?? .nan), passes, what + "; shown \(numbers.value) \(numbers.required)")
                            // The significance test's excess: a failing value lies beyond the bound,
                            // so with no noise (stderr 0) the failure is significant and stands.
                            if !passes { XCTAssertGreaterThan(bound.halfExcess(v), 0, what) }
                            if kind.isRelative && !passes {
                                let noisy = try result(
                                    gate(kind, t, direction: direction, significance: 0.05), value: v, baseline: b,
                                    uncertainty: Uncertainty(stderr: 0), sigma: sigma)
                                XCTAssertEqual(noisy.status, .failed, what + "; significance: \(noisy.message)")
                            }
                            // The synthetic cases' interval and the rule in words, up to rounding at the boundary.
                            let inInterval = ValueInterval().intersecting(g.conditions[0], direction: direction, baseline: b, sigma: sigma)
                                .contains(v)
                            let byWords = Self.wordsPass(words, v: v, b: b, sigma: sigma)
                            XCTAssertNotNil(byWords, "cannot read the rule \(words)")
                            if inInterval != passes || byWords != passes {
                                XCTAssert(
                                    Self.nearBoundary(bound, v),
                                    what + "; interval \(inInterval), words `\(words)` \(String(describing: byWords))")
                                nearDisagreements += 1
                            }
                        }
                    }
                }
            }
        }
        print(
            "condition kinds: \(checked) cases, \(nearDisagreements) within rounding of the boundary where the interval or the words differ"
        )
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// `significance` never earns a pass: on a kind that demands an improvement
    /// (`NoiseRule.mustConfirmPass`) every plain pass is tested, and it stands only
    /// when the test shows it — not without uncertainty data, not under noise
    /// that swamps the improvement; with no noise (stderr 0) it stands.
    /// A plain failure is never excused, whatever the noise.
    func testSignificanceNeverEarnsARequiredImprovement() throws {
        var generator = Generator(state: 19)
        var checked = 0
        for kind in ConditionKind.allCases where kind.noiseRule == .mustConfirmPass {
            XCTAssertEqual(kind.side, .better, kind.key)
            for direction in Direction.allCases {
                for _ in 0..<300 {
                    let t = abs(generator.value())
                    let b = generator.value()
                    let bound = kind.bound(threshold: t, baseline: b, direction: direction)
                    let (lower, upper) = bound.interval
                    let end = lower.isFinite ? lower : upper
                    guard end.isFinite else { continue }
                    let step = abs(generator.value()) + abs(end) * 1e-6
                    for v in [end, end + step, end - step, generator.value()] where v.isFinite {
                        checked += 1
                        let plain = bound.admits(v)
                        let what = "\(kind.key) \(direction) t=\(t) b=\(b) v=\(v) (plain: \(plain))"
                        let noisy = gate(kind, t, direction: direction, significance: 0.05)
                        let untested = try result(noisy, value: v, baseline: b)
                        XCTAssertEqual(untested.status, .failed, what + "; no uncertainty data: \(untested.message)")
                        if plain {
                            XCTAssertEqual(untested.reason, .improvementNotShown, what)
                            XCTAssertEqual(untested.noise, .noUncertaintyData, what)
                        }
                        let exact = try result(noisy, value: v, baseline: b, uncertainty: Uncertainty(stderr: 0))
                        if exact.status == .passed {
                            XCTAssert(plain, what + "; stderr 0 passed a plain failure")
                        } else if plain {
                            XCTAssert(Self.nearBoundary(bound, v), what + "; stderr 0: \(exact.message)")
                        }
                        let swamp = 20 * abs(bound.halfExcess(v)) + 1
                        let swamped = try result(noisy, value: v, baseline: b, uncertainty: Uncertainty(stderr: swamp))
                        XCTAssertEqual(swamped.status, .failed, what + "; stderr \(swamp): \(swamped.message)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    /// The lint's never-fails finding on a metric in [0, 1] is true of the bound:
    /// every value in [0, 1] passes with every baseline in [0, 1].
    func testNeverFailsFindingsHoldForTheBound() {
        let unit = (0...20).map { Double($0) / 20 }
        for kind in ConditionKind.allCases {
            for direction in Direction.allCases {
                for t in [-1, 0, 1e-13, 0.05, 0.5, 0.99, 1, 2, 10, 1e300] where t >= 0 || !kind.isTolerance {
                    let c = Condition(kind: kind, threshold: t, location: at)
                    guard PolicyLint.neverFailsOnUnitInterval(c, direction: direction) else { continue }
                    for b in kind.isRelative ? unit : [0] {
                        let bound = kind.bound(threshold: t, baseline: b, direction: direction)
                        for v in unit { XCTAssert(bound.admits(v), "\(kind.key) \(direction) t=\(t) b=\(b) v=\(v)") }
                    }
                }
            }
        }
    }

    /// `usesDirection` (which the loader's direction check reads) is true of the
    /// bound: a kind that uses the direction bounds some value differently
    /// in the two directions, one that does not never does.
    func testUsesDirectionIsTrueOfTheBound() {
        for kind in ConditionKind.allCases {
            var differs = false
            for t in [0, 0.05, 1, 97.25] {
                for b in [-3, 0, 0.5, 1e300] {
                    differs =
                        differs
                        || kind.bound(threshold: t, baseline: b, direction: .higher, sigma: 1)
                            != kind.bound(threshold: t, baseline: b, direction: .lower, sigma: 1)
                }
            }
            XCTAssertEqual(kind.usesDirection, differs, kind.key)
        }
    }
}
