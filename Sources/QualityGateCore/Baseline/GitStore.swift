#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The git side of a store kept in a branch (`--store git:BRANCH`): a private
/// checkout of the branch that the ordinary directory store reads and appends
/// to, and the fetch, commit and push around it.
///
/// The checkout is a linked worktree of the current repository (in
/// `$RUNNER_TEMP`, else `$TMPDIR`, else `/tmp`, removed when done), so git
/// uses that repository's remotes and credentials, including the token
/// `actions/checkout` leaves in its config, and touches none of its branches,
/// index or files (a push updates `origin/BRANCH`, as any push does). Every
/// fetch is followed by a verification of every history in the branch. A
/// write appends, commits on top of the fetched commit and pushes; a push
/// rejected because another writer got there first fetches again, verifies
/// the other writer's records, re-applies the append on top and retries, so
/// concurrent release jobs serialise without a server.
public final class GitStore: @unchecked Sendable {
    public let location: GitStoreLocation
    let worktree: String
    private let commonDirectory: String
    /// The commit last fetched; nil while the branch does not exist (a first release).
    private(set) var tip: String?
    /// Pushes rejected because another writer got there first (for tests and diagnostics).
    private(set) var rejectedPushes = 0

    /// Pushes tried before a write gives up on a busy branch.
    static let maximumAttempts = 30

    private init(location: GitStoreLocation, worktree: String, commonDirectory: String) {
        self.location = location
        self.worktree = worktree
        self.commonDirectory = commonDirectory
    }

    deinit {
        _ = Subprocess.run(["git", "--git-dir=" + commonDirectory, "worktree", "remove", "--force", worktree])
        rmdir(worktree)
    }

    /// Checks the branch out privately and verifies it. `repository`: the
    /// repository whose remote holds the branch (default: the current directory's).
    static func open(
        _ location: GitStoreLocation, historyKey: [UInt8]?, lockTimeout: Double, clock: Clock,
        environment: [String: String], repository: String? = nil
    ) throws -> BaselineStore {
        // A remote's name only: an unknown name would otherwise be taken as a path.
        _ = try git(["remote", "get-url", location.remote], in: repository, location: location, failure: .findRemote)
        let base = ["RUNNER_TEMP", "TMPDIR"].lazy.compactMap { environment[$0] }.first { $0.hasPrefix("/") } ?? "/tmp"
        var template = Array(((base.hasSuffix("/") ? base : base + "/") + "qgate-store-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else {
            throw BaselineError(
                Step.checkOut.message(location, "cannot create a directory in \(Sanitize.quoted(base))"),
                hint: "set RUNNER_TEMP or TMPDIR to a writable directory")
        }
        let worktree = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The worktree starts on an empty commit of its own, so nothing of the
        // current branch is checked out and a repository without commits works too.
        let emptyTree = try git(["hash-object", "-t", "tree", "-w", "/dev/null"], in: repository, location: location, failure: .checkOut)
        let start = try git(
            identity(in: repository) + ["commit-tree", emptyTree, "-m", "qgate store checkout"], in: repository, location: location,
            failure: .checkOut)
        do {
            _ = try git(
                ["worktree", "add", "--quiet", "--detach", "--no-checkout", worktree, start], in: repository, location: location,
                failure: .checkOut)
        } catch {
            rmdir(worktree)
            throw error
        }
        let common =
            (try? git(
                ["rev-parse", "--path-format=absolute", "--git-common-dir"], in: worktree, location: location,
                failure: .checkOut)) ?? ".git"
        let session = GitStore(location: location, worktree: worktree, commonDirectory: common)
        var store = BaselineStore(directory: worktree, historyKey: historyKey, lockTimeout: lockTimeout, clock: clock)
        try session.sync(verifying: store)
        store.git = session
        return store
    }

    /// Fetches the branch into the checkout and verifies every history in it.
    func sync(verifying store: BaselineStore) throws {
        let ref = "refs/heads/" + location.branch
        guard let listed = Subprocess.run(["git", "-C", worktree, "ls-remote", "--exit-code", location.remote, ref]) else {
            throw BaselineError(Step.fetch.message(location, "cannot run git"), hint: "install git")
        }
        // Exit 2: the remote answered and has no such branch, so this is the first release.
        guard listed.status == 0 || listed.status == 2 else { throw Self.failed(listed, .fetch, location) }
        // The pattern also matches longer names ending in it (`refs/heads/x/refs/heads/BRANCH`).
        let exists = String(decoding: listed.stdout, as: UTF8.self).split(separator: "\n").contains { $0.hasSuffix("\t" + ref) }
        if exists {
            // --refmap= : no remote-tracking ref of the repository is updated (FETCH_HEAD is the worktree's own).
            _ = try git(
                ["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--refmap=", location.remote, "+" + ref],
                in: worktree, location: location, failure: .fetch)
            let commit = try git(["rev-parse", "--verify", "FETCH_HEAD^{commit}"], in: worktree, location: location, failure: .fetch)
            _ = try git(["reset", "--quiet", "--hard", commit], in: worktree, location: location, failure: .checkOut)
            tip = commit
        } else {
            _ = try git(["read-tree", "--empty"], in: worktree, location: location, failure: .checkOut)
            tip = nil
        }
        _ = try git(["clean", "-ffdxq"], in: worktree, location: location, failure: .checkOut)
        try verify(store)
    }

    /// Every history in the branch must pass `qgate baseline verify`.
    private func verify(_ store: BaselineStore) throws {
        guard let tip else { return }
        let names = try git(["ls-tree", "--name-only", tip, "history/"], in: worktree, location: location, failure: .checkOut)
        for path in names.split(separator: "\n") where path.hasSuffix(".jsonl") {
            let name = String(path.dropFirst("history/".count).dropLast(".jsonl".count))
            let model: ModelName
            do { model = try ModelName(name) } catch {
                throw BaselineError(
                    .tampered(location, commit: tip, problem: "\(Sanitize.quoted(String(path))) is not the history of a valid model name"))
            }
            let check = try StoreVerification.run(store: store, model: model, artifacts: [])
            if let problem = check.problems.first {
                throw BaselineError(
                    .tampered(location, commit: tip, problem: problem),
                    hint:
                        "the branch was edited or rewritten; restore it from a good copy (a clone whose `qgate baseline verify` passes) with `git push --force`"
                )
            }
        }
    }

    /// Runs `apply` (an append to the checkout), commits and pushes; on a
    /// rejected push fetches, verifies and applies again. Returns what the
    /// successful `apply` returned.
    func write<T>(verifying store: BaselineStore, _ apply: () throws -> T) throws -> T {
        let identity = Self.identity(in: worktree)
        for attempt in 1...Self.maximumAttempts {
            let result = try apply()
            // The write's own id makes its commit unique: two writers appending the
            // same record in the same second must not make one commit and land once.
            let id = SHA256.hexEncoded(FileSystem.randomBytes(8))
            let commit = try self.commit(message: Self.message(for: result) + "\n\nqgate-write: " + id, identity: identity)
            guard let rejection = try push(commit) else {
                tip = commit
                return result
            }
            rejectedPushes += 1
            if attempt == Self.maximumAttempts {
                throw BaselineError(
                    .pushRejected(location, attempts: attempt, reason: rejection),
                    hint: "other writers kept pushing to the branch, or the remote refuses this push; run the job again")
            }
            // Exponential backoff with full jitter (at most 1 s), so writers that collided spread out.
            usleep(UInt32.random(in: 0...min(1_000_000, 50_000 << UInt32(min(attempt - 1, 5)))))
            try sync(verifying: store)
            // A push reported as failed may still have landed: then it must not be made twice.
            if let tip, Subprocess.run(["git", "-C", worktree, "merge-base", "--is-ancestor", commit, tip])?.status == 0 {
                return result
            }
        }
        fatalError("unreachable: the last attempt returns or throws")
    }

    private func commit(message: String, identity: [String]) throws -> String {
        _ = try git(["add", "--all", "--", ".", ":(exclude).lock"], in: worktree, location: location, failure: .checkOut)
        let tree = try git(["write-tree"], in: worktree, location: location, failure: .checkOut)
        return try git(
            identity + ["commit-tree", tree] + (tip.map { ["-p", $0] } ?? []) + ["-m", message],
            in: worktree, location: location, failure: .checkOut)
    }

    /// nil when pushed; the rejection when another writer got there first.
    /// Any other failure (authentication, permissions) throws.
    private func push(_ commit: String) throws -> String? {
        // --no-verify: qgate's own push is not the user's, so their pre-push hooks do not run.
        guard
            let out = Subprocess.run([
                "git", "-C", worktree, "push", "--porcelain", "--no-verify", "--no-progress", location.remote,
                commit + ":refs/heads/" + location.branch
            ])
        else {
            throw BaselineError(Step.fetch.message(location, "cannot run git"), hint: "install git")
        }
        if out.status == 0 { return nil }
        // Porcelain status lines: `!` marks a ref that was not updated, with the reason.
        let lines = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n")
        if let line = lines.first(where: { $0.hasPrefix("!") }) {
            let reason = line.split(separator: "\t").last.map(String.init) ?? String(line)
            // Not up to date (`[rejected]`), or the remote's ref lock was taken by a concurrent push.
            if reason.hasPrefix("[rejected]") || reason.contains("lock") || reason.contains("failed to update ref") { return reason }
        }
        throw Self.failed(out, .push, location)
    }

    /// The commit message: what was appended.
    static func message<T>(for result: T) -> String {
        guard let r = result as? HistoryRecord else { return "qgate: sign the store" }
        return "qgate: \(r.event.rawValue) \(r.model)\(r.version.map { " version " + Sanitize.inline($0) } ?? "") (history record \(r.seq))"
    }

    /// The repository's committer identity, or qgate's own where none is configured.
    static func identity(in directory: String?) -> [String] {
        var flags: [String] = []
        for (key, fallback) in [("user.name", "qgate"), ("user.email", "qgate@localhost")] {
            let out = Subprocess.run(["git"] + (directory.map { ["-C", $0] } ?? []) + ["config", "--get", key])
            if out?.status != 0 || out?.stdout.isEmpty == true { flags += ["-c", key + "=" + fallback] }
        }
        return flags
    }

    /// What git was doing when it failed; each names its own error kind.
    enum Step {
        case findRemote, fetch, checkOut, push

        func message(_ location: GitStoreLocation, _ reason: String) -> BaselineError.Message {
            switch self {
            case .findRemote: .unknownRemote(location, reason: reason)
            case .fetch: .unreachable(location, reason: reason)
            case .checkOut: .cannotCheckOut(location, reason: reason)
            case .push: .pushFailed(location, reason: reason)
            }
        }

        var hint: String {
            switch self {
            case .findRemote: "`git remote -v` lists the remotes of the repository qgate runs in (the current directory's)"
            case .checkOut: "qgate needs a git repository in the current directory (git 2.31 or newer) and a writable temporary directory"
            case .fetch, .push:
                "check that the remote exists and that this job may read it (and, to promote, push to it: `contents: write`)"
            }
        }
    }

    /// Runs git (in `directory`, else the current one); its trimmed stdout, or the failure with git's own words.
    @discardableResult
    static func git(_ arguments: [String], in directory: String?, location: GitStoreLocation, failure: Step) throws -> String {
        let args = ["git"] + (directory.map { ["-C", $0] } ?? []) + arguments
        guard let out = Subprocess.run(args) else {
            throw BaselineError(failure.message(location, "cannot run git"), hint: "install git")
        }
        guard out.status == 0 else { throw failed(out, failure, location) }
        return String(decoding: out.stdout, as: UTF8.self).trimmingASCIIWhitespace()
    }

    private func git(_ arguments: [String], in directory: String?, location: GitStoreLocation, failure: Step) throws -> String {
        try Self.git(arguments, in: directory, location: location, failure: failure)
    }

    static func failed(_ out: Subprocess.Output, _ failure: Step, _ location: GitStoreLocation) -> BaselineError {
        let said = String(decoding: out.stderr, as: UTF8.self).split(separator: "\n").map { String($0).trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return BaselineError(
            failure.message(location, said.isEmpty ? "git exited with status \(out.status)" : Sanitize.inline(said)), hint: failure.hint)
    }
}

extension BaselineStore {
    /// For a git store: `body` (an append under the store lock) inside a
    /// fetch–commit–push transaction. The copy without `git` does the local work.
    func inGitTransaction<T>(_ git: GitStore, _ body: (BaselineStore) throws -> T) throws -> T {
        var local = self
        local.git = nil
        return try git.write(verifying: local) { try body(local) }
    }
}

extension BaselineError.Message {
    fileprivate static func unknownRemote(_ location: GitStoreLocation, reason: String) -> Self {
        Self(
            "git store \(Sanitize.quoted(location.description)): no remote named \(Sanitize.quoted(location.remote)) in this repository (\(reason))"
        )
    }

    fileprivate static func unreachable(_ location: GitStoreLocation, reason: String) -> Self {
        Self("cannot fetch the git store \(Sanitize.quoted(location.description)): \(reason)")
    }

    fileprivate static func cannotCheckOut(_ location: GitStoreLocation, reason: String) -> Self {
        Self("cannot check out the git store \(Sanitize.quoted(location.description)): \(reason)")
    }

    fileprivate static func pushFailed(_ location: GitStoreLocation, reason: String) -> Self {
        Self("cannot push to the git store \(Sanitize.quoted(location.description)): \(reason)")
    }

    fileprivate static func pushRejected(_ location: GitStoreLocation, attempts: Int, reason: String) -> Self {
        Self("the git store \(Sanitize.quoted(location.description)) rejected the push \(attempts) times (\(Sanitize.inline(reason)))")
    }

    fileprivate static func tampered(_ location: GitStoreLocation, commit: String, problem: String) -> Self {
        Self("the git store \(Sanitize.quoted(location.description)) at commit \(commit.prefix(12)) fails verification: \(problem)")
    }
}
