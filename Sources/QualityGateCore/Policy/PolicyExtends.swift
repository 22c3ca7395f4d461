#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `extends: base.yaml`: a policy built on another (an organisation's shared
/// defaults and common gates), itself possibly built on a third.
///
/// The files are merged as YAML trees before the policy is read, so every
/// node keeps the file it was written in: an error in the base points at
/// `base.yaml:L:C` and shows that file's line. The later (extending) file wins:
/// - top-level scalars (`version`, `model`, `description`, `max_waiver_days`) are replaced;
/// - `defaults`, `drift` and `data` merge key by key (a key's value is replaced whole);
/// - `gates` are matched by name (`name`, else the metric): a gate of the later file
///   replaces the base's gate of that name in place, whole (waiver included); others are appended.
///
/// Paths are relative to the file that writes them; absolute paths and `..` are
/// allowed, since policy files are trusted repository files like the code they gate.
enum PolicyExtends {
    static let key = "extends"
    /// The longest chain, counting the policy itself: deeper sharing is a maze, not a policy.
    static let maximumFiles = 8

    /// One file of the chain, as `Policy.files` records it.
    struct File {
        var path: String
        var root: YAMLNode
        var sha256: String
    }

    /// The policy `root` (read from `file`) merged over its bases, and the files
    /// read, the policy first. Throws when a base cannot be read or the chain is broken.
    static func resolve(_ root: YAMLNode, file: String, sha256: String) throws -> Resolved {
        var resolved = Resolved(merged: root)
        resolved.merged = try resolve(File(path: file, root: root, sha256: sha256), chain: [], into: &resolved)
        return resolved
    }

    struct Resolved {
        var merged: YAMLNode
        /// Every file read, the policy first.
        var files: [PolicySource] = []
        /// The bases' own `version` values, which the merge replaces but the reader still checks.
        var baseVersions: [YAMLNode] = []
    }

    private static func resolve(_ file: File, chain: [(path: String, identity: String)], into resolved: inout Resolved) throws
        -> YAMLNode
    {
        resolved.files.append(PolicySource(file: file.path, sha256: file.sha256))
        if !chain.isEmpty, case .mapping(let pairs) = file.root.value, let version = pairs.first(where: { $0.key.string == "version" }) {
            resolved.baseVersions.append(version.value)
        }
        let chain = chain + [(path: file.path, identity: identity(file.path))]
        guard case .mapping(let pairs) = file.root.value,
            let pair = pairs.first(where: { $0.key.string == key })
        else { return file.root }
        guard case .string(let written) = pair.value.value, !written.isEmpty else {
            throw PolicyError(
                .extendsNotAPath(found: pair.value.kindDescription), at: pair.value.location,
                hint: "write the base policy's path, relative to this file, e.g. `extends: org-base.yaml`")
        }
        let path = written.hasPrefix("/") ? written : join(FileSystem.directoryName(of: file.path), written)
        if let first = chain.firstIndex(where: { $0.identity == identity(path) }) {
            throw PolicyError(
                .extendsCycle(chain[first...].map(\.path) + [path]), at: pair.value.location,
                hint: "remove the `extends` that closes the loop")
        }
        guard chain.count < maximumFiles else {
            throw PolicyError(
                .extendsTooDeep(maximumFiles), at: pair.value.location, hint: "merge some of the base policies into one file")
        }
        let bytes: [UInt8]
        switch Result(catching: { () throws(FileError) in
            try FileSystem.readBytes(path, maximumSize: PolicyLoader.maximumFileSize, regularOnly: true)
        }) {
        case .success(let read): bytes = read
        case .failure(let error):
            throw PolicyError(
                .extendsUnreadable(path, reason: error.reason), at: pair.value.location,
                hint: "the path is relative to the file that writes `extends`")
        }
        let baseRoot = try YAML.parse(bytes, file: path)
        guard case .mapping = baseRoot.value else {
            throw PolicyError(
                .baseNotAMapping(path, found: baseRoot.kindDescription), at: baseRoot.location,
                hint: "a base policy is a mapping of the same keys as a policy (`defaults`, `gates`, …)")
        }
        let base = try resolve(File(path: path, root: baseRoot, sha256: SHA256.hex(bytes)), chain: chain, into: &resolved)
        return merge(file.root, over: base)
    }

    /// `later` merged over `base` (both mappings), by the rules above.
    static func merge(_ later: YAMLNode, over base: YAMLNode) -> YAMLNode {
        guard case .mapping(let top) = later.value, case .mapping(let bottom) = base.value else { return later }
        let merged = mergePairs(bottom.filter { $0.key.string != key }, top.filter { $0.key.string != key }) { name, old, new in
            switch (name, old.value, new.value) {
            case ("defaults", .mapping(let a), .mapping(let b)), ("drift", .mapping(let a), .mapping(let b)),
                ("data", .mapping(let a), .mapping(let b)):
                return YAMLNode(.mapping(mergePairs(a, b) { _, _, new in new }), offset: new.offset, source: new.source)
            case ("gates", .sequence(let a), .sequence(let b)):
                return YAMLNode(.sequence(mergeGates(a, b)), offset: new.offset, source: new.source)
            default:
                return new
            }
        }
        return YAMLNode(.mapping(merged), offset: later.offset, source: later.source)
    }

    /// The base's pairs in their order with `later`'s values where it has the key, then `later`'s new keys.
    private static func mergePairs(_ base: [YAMLPair], _ later: [YAMLPair], _ combine: (String, YAMLNode, YAMLNode) -> YAMLNode)
        -> [YAMLPair]
    {
        var result = base
        for pair in later {
            if let name = pair.key.string, let i = result.firstIndex(where: { $0.key.string == name }) {
                result[i] = YAMLPair(key: pair.key, value: combine(name, result[i].value, pair.value))
            } else {
                result.append(pair)
            }
        }
        return result
    }

    /// A later gate replaces the base's gate of the same name (once: a second
    /// one in the later file is a duplicate the policy reader reports).
    private static func mergeGates(_ base: [YAMLNode], _ later: [YAMLNode]) -> [YAMLNode] {
        var result = base
        var replaced = Set<String>()
        for gate in later {
            if let name = gateName(gate), !replaced.contains(name), let i = base.firstIndex(where: { gateName($0) == name }) {
                result[i] = gate
                replaced.insert(name)
            } else {
                result.append(gate)
            }
        }
        return result
    }

    /// As `Gate.displayName` will name it: `name`, else `metric`.
    static func gateName(_ gate: YAMLNode) -> String? {
        guard case .mapping(let pairs) = gate.value else { return nil }
        return pairs.first { $0.key.string == "name" }?.value.string ?? pairs.first { $0.key.string == "metric" }?.value.string
    }

    /// `directory/relative` with `.` segments dropped (`..` is kept: the file system resolves it).
    static func join(_ directory: String, _ relative: String) -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let tail = parts.joined(separator: "/")
        if directory == "." { return tail.isEmpty ? "." : tail }
        return directory.hasSuffix("/") ? directory + tail : directory + "/" + tail
    }

    /// The file's real path (symbolic links and `..` resolved), to recognise a
    /// file reached twice; the path itself when it cannot be resolved.
    static func identity(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A file a policy was read from, with the SHA-256 of its bytes.
public struct PolicySource: Sendable, Equatable {
    public var file: String
    public var sha256: String
}

extension PolicyError.Message {
    fileprivate static func extendsNotAPath(found: String) -> Self {
        Self("`extends` must be the path of a base policy, found \(found)")
    }
    fileprivate static func extendsCycle(_ chain: [String]) -> Self {
        Self("`extends` makes a cycle: " + chain.map { Sanitize.quoted($0) }.joined(separator: " extends "))
    }
    fileprivate static func extendsTooDeep(_ maximum: Int) -> Self {
        Self("`extends` chain is longer than \(maximum) files")
    }
    fileprivate static func extendsUnreadable(_ path: String, reason: String) -> Self {
        Self("cannot read the base policy \(Sanitize.quoted(path)): \(reason)")
    }
    fileprivate static func baseNotAMapping(_ path: String, found: String) -> Self {
        Self("the base policy \(Sanitize.quoted(path)) must be a mapping, found \(found)")
    }
}
