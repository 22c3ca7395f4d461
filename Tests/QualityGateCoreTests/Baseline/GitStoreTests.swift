import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The store kept in a git branch (`--store git:BRANCH`), against a real
/// remote: a bare repository on the local disk as `origin`, and clones of it.
final class GitStoreTests: TemporaryDirectoryTestCase {
    var fixture: GitRemoteFixture!
    var restoreEnvironment: (() -> Void)?
    let location = GitStoreLocation(remote: "origin", branch: "qgate-baselines")
    let model = try! ModelName("m")

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try GitRemoteFixture(root: dir)
        restoreEnvironment = fixture.applyToThisProcess()
    }

    override func tearDownWithError() throws {
        restoreEnvironment?()
        try super.tearDownWithError()
    }

    func open(_ clone: String, _ location: GitStoreLocation? = nil, clock: Clock = .system) throws -> BaselineStore {
        try GitStore.open(
            location ?? self.location, historyKey: nil, lockTimeout: 5, clock: clock, environment: ["TMPDIR": dir], repository: clone)
    }

    func promotion(_ version: String, accuracy: Double = 0.9) -> BaselineStore.Promotion {
        BaselineStore.Promotion(
            version: version, gitCommit: nil, metricsFile: "metrics.json", metricsSHA256: String(repeating: "a", count: 64),
            metrics: [("accuracy", accuracy)], artifacts: [])
    }

    /// The versions promoted on the remote branch, read through a fresh clone.
    func remoteVersions() throws -> [String] {
        try open(try fixture.clone("reader-\(UUID().uuidString.prefix(8))")).history(model).map { $0.version ?? "?" }
    }

    func testFirstReleaseOnAnEmptyRemoteCreatesABranchHoldingOnlyTheStore() throws {
        let store = try open(try fixture.clone("a"))
        XCTAssertEqual(try store.history(model).count, 0)
        XCTAssertNil(store.git?.tip)
        XCTAssertEqual(try store.promote(model, promotion("1.0")).seq, 1)

        let branch = "qgate-baselines"
        XCTAssertEqual(try fixture.git(["ls-tree", "-r", "--name-only", branch], in: fixture.remote), "baselines/m.json\nhistory/m.jsonl")
        XCTAssertEqual(try fixture.git(["rev-list", "--count", branch], in: fixture.remote), "1", "an orphan branch: one commit, no parent")
        XCTAssertEqual(
            try fixture.git(["log", "-1", "--format=%an <%ae>|%s", branch], in: fixture.remote),
            "Test Writer <test@example.com>|qgate: promote m version 1.0 (history record 1)")
        XCTAssertEqual(try remoteVersions(), ["1.0"])
    }

    func testARejectedPushFetchesVerifiesTheOtherWritersRecordsAndReapplies() throws {
        let a = try open(try fixture.clone("a"))
        let b = try open(try fixture.clone("b"))
        // Both start from the empty remote: b's first push (a second root commit) is rejected.
        _ = try a.promote(model, promotion("1.0"))
        let record = try b.promote(model, promotion("2.0"))
        XCTAssertEqual(b.git?.rejectedPushes, 1)
        XCTAssertEqual(record.seq, 2)
        XCTAssertEqual(record.prevSHA256, try a.history(model)[0].sha256)
        // Now both hold history; a is behind by b's record.
        _ = try a.promote(model, promotion("3.0"))
        XCTAssertEqual(a.git?.rejectedPushes, 1)
        XCTAssertEqual(try remoteVersions(), ["1.0", "2.0", "3.0"])
        let check = try StoreVerification.run(store: try open(try fixture.clone("c")), model: model, artifacts: [])
        XCTAssertEqual(check.problems, [])
    }

    /// Two writers appending byte-identical records (same metrics, time and
    /// version) on the same commit, with git's clock pinned too, must still make
    /// two records: the commits differ by each write's own id.
    func testIdenticalConcurrentPromotionsAreTwoRecords() throws {
        let pinned = Clock(pinnedEpochSeconds: 1_790_000_000)
        let a = try open(try fixture.clone("a"), clock: pinned)
        let b = try open(try fixture.clone("b"), clock: pinned)
        setenv("GIT_COMMITTER_DATE", "1790000000 +0000", 1)
        setenv("GIT_AUTHOR_DATE", "1790000000 +0000", 1)
        defer {
            unsetenv("GIT_COMMITTER_DATE")
            unsetenv("GIT_AUTHOR_DATE")
        }
        let same = BaselineStore.Promotion(
            version: nil, gitCommit: nil, metricsFile: "metrics.json", metricsSHA256: String(repeating: "a", count: 64),
            metrics: [("accuracy", 0.9)], artifacts: [])
        XCTAssertEqual(try a.promote(model, same).seq, 1)
        XCTAssertEqual(try b.promote(model, same).seq, 2)
        XCTAssertEqual(b.git?.rejectedPushes, 1)
        XCTAssertEqual(try remoteVersions(), ["r1", "r2"])
    }

    func testATamperedRemoteHistoryFailsTheNextRead() throws {
        let a = try open(try fixture.clone("a"))
        _ = try a.promote(model, promotion("1.0"))
        _ = try a.promote(model, promotion("2.0"))
        try fixture.tamper(branch: "qgate-baselines", model: "m") { text in
            text.replacingOccurrences(of: "\"accuracy\":0.9}", with: "\"accuracy\":0.99}")
        }
        XCTAssertThrowsError(try open(try fixture.clone("b"))) { error in
            let e = error as? BaselineError
            XCTAssertEqual(e?.kind, "tampered")
            XCTAssertTrue(e?.message.hasPrefix("the git store `git:qgate-baselines` at commit ") == true, "\(error)")
            XCTAssertTrue(e?.message.contains("fails verification: ") == true, "\(error)")
        }
    }

    func testAWriterRebasingOnATamperedHistoryPushesNothing() throws {
        let a = try open(try fixture.clone("a"))
        _ = try a.promote(model, promotion("1.0"))
        let b = try open(try fixture.clone("b"))
        try fixture.tamper(branch: "qgate-baselines", model: "m") {
            $0.replacingOccurrences(of: "\"version\":\"1.0\"", with: "\"version\":\"9.9\"")
        }
        let tampered = try fixture.git(["rev-parse", "qgate-baselines"], in: fixture.remote)
        // b's push is rejected (the history was rewritten under it); the refetched records do not verify.
        XCTAssertThrowsError(try b.promote(model, promotion("2.0"))) { error in
            XCTAssertEqual((error as? BaselineError)?.kind, "tampered", "\(error)")
        }
        XCTAssertEqual(try fixture.git(["rev-parse", "qgate-baselines"], in: fixture.remote), tampered)
    }

    func testAnUnreachableOrUnknownRemoteIsAnErrorNamingTheStore() throws {
        let a = try fixture.clone("a")
        try fixture.git(["remote", "set-url", "origin", dir + "/missing.git"], in: a)
        XCTAssertThrowsError(try open(a)) { error in
            let e = error as? BaselineError
            XCTAssertEqual(e?.kind, "unreachable")
            XCTAssertTrue(e?.message.hasPrefix("cannot fetch the git store `git:qgate-baselines`: ") == true, "\(error)")
        }
        XCTAssertThrowsError(try open(a, GitStoreLocation(remote: "upstream", branch: "qgate-baselines"))) { error in
            let e = error as? BaselineError
            XCTAssertEqual(e?.kind, "unknownRemote")
            XCTAssertTrue(
                e?.message.hasPrefix("git store `git:upstream:qgate-baselines`: no remote named `upstream` in this repository") == true,
                "\(error)")
        }
    }

    func testTheCheckoutIsRemovedWhenTheStoreIsDone() throws {
        let a = try fixture.clone("a")
        var worktree = ""
        do {
            let store = try open(a)
            worktree = store.directory
            XCTAssertTrue(FileManager.default.fileExists(atPath: worktree))
            _ = try store.promote(model, promotion("1.0"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: worktree))
        XCTAssertEqual(try fixture.git(["worktree", "list"], in: a).split(separator: "\n").count, 1)
        // No branch of the clone is made or moved; the push updates the remote-tracking ref, as any push does.
        XCTAssertEqual(try fixture.git(["for-each-ref", "--format=%(refname)"], in: a), "refs/remotes/origin/qgate-baselines")
    }

    func testAKeyedStoreKeepsItsSignedHeadInTheBranchAndAWrongKeyFailsTheRead() throws {
        let key = Array("0123456789abcdef0123".utf8)
        let a = try GitStore.open(
            location, historyKey: key, lockTimeout: 5, clock: .system, environment: ["TMPDIR": dir], repository: try fixture.clone("a"))
        _ = try a.promote(model, promotion("1.0"))
        XCTAssertEqual(
            try fixture.git(["ls-tree", "-r", "--name-only", "qgate-baselines"], in: fixture.remote),
            "baselines/m.json\nhead.json\nhistory/m.jsonl")
        let b = try GitStore.open(
            location, historyKey: key, lockTimeout: 5, clock: .system, environment: ["TMPDIR": dir], repository: try fixture.clone("b"))
        XCTAssertNotNil(try b.history(model).first?.hmac)
        XCTAssertThrowsError(
            try GitStore.open(
                location, historyKey: Array("another-key-0123456789".utf8), lockTimeout: 5, clock: .system,
                environment: ["TMPDIR": dir], repository: try fixture.clone("c"))
        ) { error in
            XCTAssertEqual((error as? BaselineError)?.kind, "tampered", "\(error)")
            XCTAssertTrue((error as? BaselineError)?.message.contains("wrong signature") == true, "\(error)")
        }
    }

    func testStoreLocations() throws {
        XCTAssertNil(try GitStoreLocation.parse(".qgate"))
        XCTAssertNil(try GitStoreLocation.parse("./git:x"))
        XCTAssertEqual(try GitStoreLocation.parse("git:qgate-baselines"), GitStoreLocation(remote: "origin", branch: "qgate-baselines"))
        XCTAssertEqual(
            try GitStoreLocation.parse("git:upstream:ml/baselines"), GitStoreLocation(remote: "upstream", branch: "ml/baselines"))
        XCTAssertEqual(try GitStoreLocation.parse("git:upstream:ml/baselines")?.description, "git:upstream:ml/baselines")
        for bad in [
            "git:", "git:-x", "git:--upload-pack=touch", "git:a..b", "git:a b", "git:@{-1}", "git:x.lock", "git:origin:", "git:a\u{1}b"
        ] {
            XCTAssertThrowsError(try GitStoreLocation.parse(bad), bad) {
                XCTAssertEqual(($0 as? BaselineError)?.kind, "invalidGitBranch", bad)
            }
        }
        for bad in ["git:-o:b", "git:../x:b", "git:/tmp/r.git:b", "git:ssh//h:b"] {
            XCTAssertThrowsError(try GitStoreLocation.parse(bad), bad) {
                XCTAssertEqual(($0 as? BaselineError)?.kind, "invalidGitRemote", bad)
            }
        }
    }
}
