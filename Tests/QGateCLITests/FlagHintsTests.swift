import Foundation
import XCTest

@testable import QGateCLI
@testable import QualityGateCore

/// Hints that name a flag are attached by the command line, by error kind
/// (Sources/QGateCLI/FlagHints.swift); the text the user reads is unchanged.
final class FlagHintsTests: XCTestCase {
    func testAMetricInTwoFiles() throws {
        func load(_ text: String, file: String) throws -> MetricSet { try MetricsLoader.parse(Array(text.utf8), file: file) }
        var merged = try load(#"{"a": 1}"#, file: "one.json")
        try merged.merge(try load(#"{"b": 2}"#, file: "two.json"))
        XCTAssertThrowsError(try merged.merge(try load(#"{"b": 3}"#, file: "three.json"))) { error in
            XCTAssertEqual((error as? MetricsError)?.hint, nil, "the library names no flag")
            XCTAssertEqual(
                (FlagHints.attach(to: error) as? MetricsError)?.description,
                "three.json:1:7: error: metric `b` is defined twice (first at two.json:1:7) — each gated metric must come from exactly one --metrics file; remove it from one of them, or pass --aggregate HOW if the files are repeated runs"
            )
        }
    }

    /// Two hints the bad-input catalogue cannot reach (it has no store of its
    /// own and always has git), printed as before they moved.
    func testRollbackWithoutAnEarlierPromotionAndGitMissing() throws {
        let store = NSTemporaryDirectory() + "qgate-flaghints-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: store) }
        let promote = [
            "baseline", "promote", "--store", store, "--model", "m", "--metrics", "Tests/Fixtures/bad/ok-metrics.json", "--version", "v1"
        ]
        XCTAssertEqual(try TestSupport.runBinary(promote).exit, 0)
        let rollback = try TestSupport.runBinary(["baseline", "rollback", "--store", store, "--model", "m"])
        XCTAssertEqual(rollback.exit, 2)
        XCTAssertEqual(
            rollback.stderr, "error: there is no promotion before the current baseline `v1` — name the version with --to VERSION\n")
        let noGit = try TestSupport.runBinary(
            [
                "evaluate", "--config", "Tests/Fixtures/bad/errors-relative-policy-without-model.yaml",
                "--metrics", "Tests/Fixtures/bad/ok-metrics.json", "--baseline-ref", "v1"
            ],
            environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(noGit.exit, 2)
        XCTAssertEqual(
            noGit.stderr, "error: cannot run git to read `v1:./Tests/Fixtures/bad/ok-metrics.json` — install git, or pass --baseline FILE\n"
        )
    }

    /// Each error in a list gets its own hint; a hint the library gave is kept.
    func testSeveralErrorsAndExistingHints() {
        let errors = QGateErrors([ScoreError(.flagHintsSample), ScoreError(.flagHintsSample, hint: "the library's own")])
        let hinted = FlagHints.attach(to: errors) as? QGateErrors
        XCTAssertEqual(hinted?.errors.map(\.hint), ["pass --positive LABEL", "the library's own"])
    }

    /// A kind renamed in the library would silently lose its hint: every kind
    /// listed here must be a message constructor of the library.
    func testEveryKindIsAConstructorOfTheLibrary() throws {
        let root = URL(fileURLWithPath: TestSupport.packageRoot + "/Sources/QualityGateCore")
        var source = ""
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" {
            source += try String(contentsOf: url, encoding: .utf8)
        }
        let kinds = [FlagHints.baseline, FlagHints.drift, FlagHints.evaluation, FlagHints.metrics, FlagHints.policy, FlagHints.score]
            .flatMap(\.keys)
        // storeMissing went (issue 17); versionAlreadyPromoted, tooFewRuns, the two pessimistic kinds
        // and sigmaWithoutStore came (issue 19).
        XCTAssertEqual(kinds.count, 25)
        for kind in kinds {
            XCTAssert(
                source.contains("static func \(kind)(") || source.contains("static var \(kind):"), "\(kind) is not a message constructor")
        }
    }
}

extension ScoreError.Message {
    /// Takes the kind of the library's "positive label missing" message.
    fileprivate static var flagHintsSample: Self { Self("sample", kind: "positiveLabelMissing") }
}
