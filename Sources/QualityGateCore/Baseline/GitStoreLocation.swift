/// A baseline store kept in a branch of the current repository's remote:
/// `--store git:BRANCH` (remote `origin`) or `--store git:REMOTE:BRANCH`.
/// A colon cannot appear in a branch name, so the two forms never overlap; a
/// directory whose name starts with `git:` is written `./git:…`.
public struct GitStoreLocation: Sendable, Equatable, CustomStringConvertible {
    public let remote: String
    public let branch: String

    public static let prefix = "git:"
    public static let defaultRemote = "origin"

    public var description: String {
        remote == Self.defaultRemote ? Self.prefix + branch : Self.prefix + remote + ":" + branch
    }

    /// The git location `text` names, or nil when it names a directory. The
    /// branch is user input that becomes a git argument: anything
    /// `git check-ref-format --branch` refuses is refused, and so is a leading `-`.
    public static func parse(_ text: String) throws(BaselineError) -> GitStoreLocation? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = String(text.dropFirst(prefix.count))
        var remote = defaultRemote
        var branch = rest
        if let colon = rest.firstIndex(of: ":") {
            remote = String(rest[..<colon])
            branch = String(rest[rest.index(after: colon)...])
            // A remote is named, never given as a URL or path (which git would also accept).
            guard let first = remote.utf8.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
                remote.utf8.allSatisfy({
                    isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                })
            else { throw BaselineError(.invalidGitRemote(text), hint: "name a configured remote, e.g. `git:origin:qgate-baselines`") }
        }
        guard !branch.isEmpty, !branch.hasPrefix("-"), isBranchName(branch) else {
            throw BaselineError(
                .invalidGitBranch(text),
                hint: "use `git:BRANCH` or `git:REMOTE:BRANCH` with a valid branch name, e.g. `git:qgate-baselines`")
        }
        return GitStoreLocation(remote: remote, branch: branch)
    }

    /// git's own rule; it must also print the name back unchanged (it expands `@{-1}`).
    static func isBranchName(_ name: String) -> Bool {
        guard let out = Subprocess.run(["git", "check-ref-format", "--branch", name]), out.status == 0 else { return false }
        return String(decoding: out.stdout, as: UTF8.self).trimmingASCIIWhitespace() == name
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}

extension BaselineStore {
    /// The store `--store` / `QGATE_STORE` names: a directory (as `resolve`), or
    /// for `git:…` a private checkout of that branch, fetched and verified now.
    public static func open(option: String?, environment: [String: String], clock: Clock) throws -> BaselineStore {
        let store = try resolve(option: option, environment: environment, clock: clock)
        guard store.isExplicit, let location = try GitStoreLocation.parse(store.directory) else { return store }
        return try GitStore.open(
            location, historyKey: store.historyKey, lockTimeout: store.lockTimeout, clock: clock,
            environment: environment)
    }

    /// What messages and reports call the store: its directory, or its git location.
    public var locationName: String { git?.location.description ?? directory }
}

extension BaselineError.Message {
    fileprivate static func invalidGitBranch(_ text: String) -> Self {
        Self("invalid git store \(Sanitize.quoted(text)): not a valid branch name")
    }

    fileprivate static func invalidGitRemote(_ text: String) -> Self {
        Self("invalid git store \(Sanitize.quoted(text)): the remote must be a remote's name")
    }
}
