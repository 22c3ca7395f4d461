/// Reads files and commit ids from git, for `--baseline-ref` and for recording
/// which commit a baseline was promoted from. Runs `git` without a shell.
public enum GitRevision {
    /// `GITHUB_SHA` in GitHub Actions, else `git rev-parse HEAD`, else nil.
    public static func currentCommit(environment: [String: String]) -> String? {
        if let sha = environment["GITHUB_SHA"], !sha.isEmpty { return sha }
        guard let out = Subprocess.run(["git", "rev-parse", "HEAD"]), out.status == 0 else { return nil }
        let text = String(decoding: out.stdout, as: UTF8.self).trimmingASCIIWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The commit id `ref` names, for provenance.
    public static func resolve(_ ref: String) -> String? {
        guard !ref.hasPrefix("-"), let out = Subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"]),
            out.status == 0
        else { return nil }
        let text = String(decoding: out.stdout, as: UTF8.self).trimmingASCIIWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The bytes of `path` at revision `ref` (`git show REF:./PATH`, relative to
    /// the working directory).
    public static func readFile(ref: String, path: String) throws(BaselineError) -> [UInt8] {
        guard !ref.isEmpty, !ref.hasPrefix("-"), !ref.contains(":"), !ref.utf8.contains(where: { $0 < 0x20 }) else {
            throw BaselineError(.invalidRevision(ref), hint: "name a tag, branch or commit, e.g. v1.3.0")
        }
        let spec = ref + ":" + (path.hasPrefix("/") ? path : "./" + path)
        guard let out = Subprocess.run(["git", "show", spec]) else {
            throw BaselineError(.gitUnavailable(spec))
        }
        guard out.status == 0 else {
            let reason = String(decoding: out.stderr, as: UTF8.self).trimmingASCIIWhitespace()
            throw BaselineError(
                .gitCannotRead(spec, reason: reason),
                hint: "check the revision and the path (relative to the current directory)")
        }
        return out.stdout
    }
}

extension BaselineError.Message {
    fileprivate static func invalidRevision(_ ref: String) -> Self { Self("invalid git revision \(Sanitize.quoted(ref))") }
    fileprivate static func gitUnavailable(_ spec: String) -> Self { Self("cannot run git to read \(Sanitize.quoted(spec))") }
    fileprivate static func gitCannotRead(_ spec: String, reason: String) -> Self {
        Self("git cannot read \(Sanitize.quoted(spec)): \(Sanitize.inline(reason))")
    }
}
