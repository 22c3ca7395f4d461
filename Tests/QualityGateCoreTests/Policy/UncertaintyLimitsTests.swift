import XCTest

@testable import QualityGateCore

/// `min_n`, `max_stderr`, `max_ci_width`: on a gate or in `defaults`, checked like every policy key.
final class UncertaintyLimitsTests: XCTestCase {
    func policy(_ text: String) throws -> Policy { try PolicyLoader.parse(Array(text.utf8), file: "p.yaml") }

    func errors(_ text: String) -> [String] {
        do {
            _ = try policy(text)
            return []
        } catch let e as QGateErrors { return e.errors.map(\.description) } catch { return ["\(error)"] }
    }

    func testGateOverridesDefaultsAndPrintShowsTheEffectiveLimits() throws {
        let p = try policy(
            """
            version: 1
            defaults: {min_n: 1000, max_ci_width: 0.05}
            gates:
              - {metric: acc, max_regression: 0.01, significance: 0.05, min_n: 5000, max_stderr: 0.01}
              - {metric: f1, max_regression: 0.01, significance: 0.05}
            """)
        XCTAssertEqual(p.defaults.uncertaintyLimits, UncertaintyLimits(minN: 1000, maxCIWidth: 0.05))
        XCTAssertEqual(p.gates[0].uncertaintyLimits, UncertaintyLimits(minN: 5000, maxStderr: 0.01, maxCIWidth: 0.05))
        XCTAssertEqual(p.gates[1].uncertaintyLimits, UncertaintyLimits(minN: 1000, maxCIWidth: 0.05))
        let printed = PolicyJSON.document(p).rendered()
        XCTAssertTrue(
            printed.contains(
                """
                    "on_missing_baseline": "skip",
                    "min_n": 1000,
                    "max_stderr": null,
                    "max_ci_width": 0.05
                """), printed)
        XCTAssertTrue(
            printed.contains(
                """
                      "significance": 0.05,
                      "min_n": 5000,
                      "max_stderr": 0.01,
                      "max_ci_width": 0.05,
                """), printed)
    }

    func testBadLimitsAreConfigErrorsAtTheirValue() {
        let gate = "version: 1\ngates:\n  - {metric: acc, max_regression: 0.01, significance: 0.05, "
        XCTAssertEqual(
            errors(gate + "min_n: -5}\n"),
            [
                "p.yaml:3:68: error: `min_n` must be a whole number >= 1, found -5 — write the smallest sample size you trust, e.g. `min_n: 1000`"
            ])
        XCTAssertEqual(
            errors(gate + "min_n: 2.5}\n"),
            [
                "p.yaml:3:68: error: `min_n` must be a whole number >= 1, found 2.5 — write the smallest sample size you trust, e.g. `min_n: 1000`"
            ])
        XCTAssertEqual(
            errors(gate + "max_stderr: -0.1}\n"),
            [
                "p.yaml:3:73: error: `max_stderr` must be a finite number >= 0, found -0.1 — write the largest uncertainty you accept, e.g. `max_stderr: 0.01`"
            ])
        XCTAssertEqual(
            errors(gate + "max_ci_width: .inf}\n"),
            [
                "p.yaml:3:75: error: `max_ci_width` must be a finite number >= 0, found Infinity — write the largest uncertainty you accept, e.g. `max_ci_width: 0.01`"
            ])
        XCTAssertEqual(
            errors(gate + "max_stderr: \"0.01\"}\n"),
            ["p.yaml:3:73: error: `max_stderr` must be a number, found a string `0.01` — remove the quotes: a quoted number is a string"])
        XCTAssertEqual(
            errors(gate + "max_stderr: [1]}\n"),
            ["p.yaml:3:73: error: `max_stderr` must be a number, found a sequence — write a number, e.g. `max_stderr: 0.01`"])
        XCTAssertEqual(
            errors(gate + "max_sterr: 0.01}\n"), ["p.yaml:3:61: error: unknown key `max_sterr` in a gate — did you mean `max_stderr`?"])
        XCTAssertEqual(
            errors("version: 1\ndefaults: {min_m: 10}\ngates:\n  - {metric: acc, min: 0.9}\n"),
            ["p.yaml:2:12: error: unknown key `min_m` in `defaults` — did you mean `min_n`?"])
        XCTAssertEqual(
            errors("version: 1\ndefaults: {max_ci_width: -1}\ngates:\n  - {metric: acc, min: 0.9}\n"),
            [
                "p.yaml:2:26: error: `max_ci_width` must be a finite number >= 0, found -1 — write the largest uncertainty you accept, e.g. `max_ci_width: 0.01`"
            ])
        // On a gate without a significance test a limit would do nothing: say so. From `defaults` it applies where there is one.
        XCTAssertEqual(
            errors("version: 1\ngates:\n  - {metric: acc, max_regression: 0.01, min_n: 100}\n"),
            [
                "p.yaml:3:41: error: `min_n` bounds the uncertainty a significance test accepts, and this gate has no `significance` — add `significance: 0.05` to the gate, or remove the bound"
            ])
        XCTAssertEqual(errors("version: 1\ndefaults: {min_n: 100}\ngates:\n  - {metric: acc, min: 0.9}\n"), [])
    }
}
