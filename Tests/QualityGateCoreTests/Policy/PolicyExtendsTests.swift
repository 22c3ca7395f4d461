import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `extends:` (PolicyExtends): merging rules, errors located in the right
/// file with that file's line, and a policy hash that covers every file.
final class PolicyExtendsTests: TemporaryDirectoryTestCase {
    static let base = """
        version: 1
        model: org-model
        description: "org defaults"
        defaults:
          severity: warning
          on_missing_metric: warn
        drift:
          method: psi
          bins: 20
        gates:
          - metric: accuracy
            min: 0.9
          - name: p95
            metric: latency.p95_ms
            direction: lower
            max: 200
          - metric: log_loss
            direction: lower
            max: 0.5
            waiver: {reason: "org-wide", until: 2026-12-01}

        """

    func load(_ path: String) throws -> Policy { try PolicyLoader.load(path: path, today: Clock.days(fromISODate: "2026-11-24")!) }

    func errors(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try load(path)
            XCTFail("policy accepted", file: file, line: line)
            return []
        } catch let many as QGateErrors {
            return many.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testLaterFileOverridesGateByGateAndKeyByKey() throws {
        try FileManager.default.createDirectory(atPath: dir + "/org", withIntermediateDirectories: true)
        _ = try write("org/base.yaml", Self.base)
        let team = try write(
            "team.yaml",
            """
            extends: org/base.yaml
            model: team-model
            defaults:
              severity: critical
            drift:
              bins: 10
            gates:
              - name: p95
                metric: latency.p95_ms
                direction: lower
                max: 120
              - metric: recall
                min: 0.8

            """)
        let p = try load(team)
        XCTAssertEqual(p.version, 1)
        XCTAssertEqual(p.model, "team-model")
        XCTAssertEqual(p.description, "org defaults")
        XCTAssertEqual(p.defaults.severity, .critical)
        XCTAssertEqual(p.defaults.onMissingMetric, .warn, "defaults merge key by key")
        XCTAssertEqual(p.drift?.method, .psi)
        XCTAssertEqual(p.drift?.bins, 10)
        XCTAssertEqual(p.gates.map(\.displayName), ["accuracy", "p95", "log_loss", "recall"])
        XCTAssertEqual(p.gates[1].conditions.map(\.threshold), [120], "the team's p95 replaces the org's whole")
        XCTAssertEqual(p.gates[0].severity, .critical, "merged defaults apply to the base's gates too")
        XCTAssertEqual(p.gates[2].waiver?.reason, "org-wide")
        XCTAssertEqual(
            p.gates.map { ($0.location.file as NSString).lastPathComponent }, ["base.yaml", "team.yaml", "base.yaml", "team.yaml"])
        XCTAssertEqual(p.gates[0].location.line, 11)
        XCTAssertEqual(p.files.map(\.file), [team, dir + "/org/base.yaml"])
    }

    func testChainOfThreeAndUnnamedGatesMatchByMetric() throws {
        _ = try write("a.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n")
        _ = try write("b.yaml", "extends: a.yaml\ngates:\n  - metric: accuracy\n    min: 0.95\n")
        let c = try write("c.yaml", "extends: ./b.yaml\ngates:\n  - metric: f1\n    min: 0.7\n")
        let p = try load(c)
        XCTAssertEqual(p.gates.map(\.displayName), ["accuracy", "f1"])
        XCTAssertEqual(p.gates[0].conditions[0].threshold, 0.95)
        XCTAssertEqual(p.files.count, 3)
    }

    /// A change to the base must change the recorded policy hash.
    func testHashCoversEveryFile() throws {
        _ = try write("base.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n")
        let team = try write("team.yaml", "extends: base.yaml\n")
        let before = try XCTUnwrap(try load(team).sha256)
        XCTAssertNotEqual(before, SHA256.hex(try FileSystem.readBytes(team)))
        _ = try write("base.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.5\n")
        let after = try XCTUnwrap(try load(team).sha256)
        XCTAssertNotEqual(before, after)
        // Without extends, the hash is still the file's own.
        XCTAssertEqual(try load(dir + "/base.yaml").sha256, SHA256.hex(try FileSystem.readBytes(dir + "/base.yaml")))
    }

    func testErrorsInTheBasePointIntoTheBaseWithItsLine() throws {
        let base = try write("base.yaml", "version: 1\ngates:\n  - metric: accuracy\n    mni: 0.9\n")
        let team = try write("team.yaml", "extends: base.yaml\ngates:\n  - metric: f1\n    min: 0.7\n    sevrity: warning\n")
        do {
            _ = try load(team)
            XCTFail("accepted")
        } catch {
            let text = DiagnosticRenderer().render(error)
            XCTAssertTrue(
                text.contains("\(base):4:5: error: unknown key `mni` in a gate — did you mean `min`?\n  4 │     mni: 0.9\n"), text)
            XCTAssertTrue(text.contains("\(team):5:5: error: unknown key `sevrity` in a gate"), text)
            XCTAssertTrue(text.contains("  5 │     sevrity: warning\n"), text)
        }
    }

    func testCyclesAreRefusedNamingTheChain() throws {
        let a = try write("a.yaml", "version: 1\nextends: b.yaml\ngates: [{metric: x, min: 1}]\n")
        let b = try write("b.yaml", "extends: a.yaml\n")
        XCTAssertEqual(
            errors(a),
            ["\(b):1:10: error: `extends` makes a cycle: `\(a)` extends `\(b)` extends `\(a)` — remove the `extends` that closes the loop"])
        let selfish = try write("self.yaml", "extends: self.yaml\n")
        XCTAssertEqual(errors(selfish).first?.hasPrefix("\(selfish):1:10: error: `extends` makes a cycle"), true)
    }

    func testBrokenExtends() throws {
        let missing = try write("missing.yaml", "version: 1\nextends: nowhere.yaml\n")
        XCTAssertEqual(
            errors(missing).first?.hasPrefix("\(missing):2:10: error: cannot read the base policy `\(dir)/nowhere.yaml`: "), true)
        let number = try write("number.yaml", "extends: 3\n")
        XCTAssertEqual(
            errors(number).first?.hasPrefix("\(number):1:10: error: `extends` must be the path of a base policy, found an integer"), true)
        let list = try write("list.yaml", "extends: [a.yaml, b.yaml]\n")
        XCTAssertEqual(
            errors(list).first?.hasPrefix("\(list):1:10: error: `extends` must be the path of a base policy, found a sequence"), true)
        let scalar = try write("scalar.yaml", "just text\n")
        let onScalar = try write("on-scalar.yaml", "extends: scalar.yaml\n")
        XCTAssertEqual(
            errors(onScalar).first?.hasPrefix("\(scalar):1:1: error: the base policy `\(scalar)` must be a mapping, found a string"), true)
        let misspelt = try write("misspelt.yaml", "version: 1\nextnds: base.yaml\ngates: [{metric: x, min: 1}]\n")
        XCTAssertEqual(errors(misspelt), ["\(misspelt):2:1: error: unknown key `extnds` in the policy — did you mean `extends`?"])
        let future = try write("future.yaml", "version: 2\n")
        let onFuture = try write("on-future.yaml", "version: 1\nextends: future.yaml\ngates: [{metric: x, min: 1}]\n")
        XCTAssertEqual(errors(onFuture).first?.hasPrefix("\(future):1:10: error: policy version 2 is not supported"), true)
    }

    func testDepthLimit() throws {
        _ = try write("p0.yaml", "version: 1\ngates: [{metric: x, min: 1}]\n")
        for i in 1...PolicyExtends.maximumFiles { _ = try write("p\(i).yaml", "extends: p\(i - 1).yaml\n") }
        XCTAssertNoThrow(try load(dir + "/p\(PolicyExtends.maximumFiles - 1).yaml"))
        XCTAssertEqual(
            errors(dir + "/p\(PolicyExtends.maximumFiles).yaml").first,
            "\(dir)/p1.yaml:1:10: error: `extends` chain is longer than \(PolicyExtends.maximumFiles) files — merge some of the base policies into one file"
        )
    }

    /// Two gates of one name in the later file: the first replaces the base's, the second is a duplicate.
    func testDuplicateInTheLaterFileIsStillAnError() throws {
        _ = try write("base.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n")
        let team = try write(
            "team.yaml", "extends: base.yaml\ngates:\n  - metric: accuracy\n    min: 0.91\n  - metric: accuracy\n    min: 0.92\n")
        XCTAssertEqual(errors(team).first?.hasPrefix("\(team):5:5: error: two gates are named `accuracy` (first at line 3)"), true)
    }

    /// Two gates of one name in the base, one replaced by the later file: the
    /// duplicate left is in the base, and the message names the other file.
    func testDuplicateAcrossFilesNamesTheFile() throws {
        let base = try write("base.yaml", "version: 1\ngates:\n  - metric: accuracy\n    min: 0.9\n  - metric: accuracy\n    min: 0.8\n")
        let team = try write("team.yaml", "extends: base.yaml\ngates:\n  - metric: accuracy\n    min: 0.95\n")
        XCTAssertEqual(
            errors(team).first?.hasPrefix("\(base):5:5: error: two gates are named `accuracy` (first at \(team):3)"), true,
            "\(errors(team))")
    }

    /// A base's own `extends` is relative to the base; `data` merges key by key;
    /// the merged `max_waiver_days` holds the base's waivers.
    func testPathsAreRelativeToTheWritingFileAndSectionsMerge() throws {
        try FileManager.default.createDirectory(atPath: dir + "/org", withIntermediateDirectories: true)
        _ = try write(
            "org/common.yaml",
            "version: 1\nmax_waiver_days: 10\ndata:\n  min_rows: 1000\n  severity: warning\ngates:\n  - metric: accuracy\n    min: 0.9\n    waiver: {reason: known, until: 2026-12-24}\n"
        )
        _ = try write("org/base.yaml", "extends: common.yaml\nmax_waiver_days: 60\n")
        let team = try write("team.yaml", "extends: org/base.yaml\ndata:\n  min_rows: 10\n")
        let p = try load(team)
        XCTAssertEqual(p.files.map(\.file), [team, dir + "/org/base.yaml", dir + "/org/common.yaml"])
        XCTAssertEqual(p.data?.minRows, 10)
        XCTAssertEqual(p.data?.severity, .warning)
        XCTAssertEqual(p.maxWaiverDays, 60)
        XCTAssertEqual(p.gates[0].waiver?.until, "2026-12-24")
    }
}
