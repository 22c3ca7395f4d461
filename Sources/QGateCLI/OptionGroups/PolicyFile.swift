import QualityGateCore

/// `--config FILE`: the policy file, and whether the command line named it.
struct PolicyFile: Sendable {
    static let defaultPath = "quality-gates.yaml"

    var path = PolicyFile.defaultPath
    /// False for the default: a command that can do without a policy skips a
    /// default file that does not exist, never a file the user named.
    var isGiven = false

    /// `today` is the day `waived_until` dates are compared with.
    func load(today: Int) throws -> Policy { try PolicyLoader.load(path: path, today: today) }

    /// The policy, or nil when none was named and the default file does not exist.
    func loadIfPresent(today: Int) throws -> Policy? {
        isGiven || FileSystem.exists(path) ? try load(today: today) : nil
    }
}

extension ArgumentValue where Value == PolicyFile {
    static var policyFile: Self {
        ArgumentValue(parse: { text, _ in PolicyFile(path: text, isGiven: true) }, show: \.path)
    }
}
