/// qgate's version: the one place it is written. `qgate --version`, the JSON
/// report's `qgate_version` and the Pushgateway User-Agent print it;
/// scripts/version.sh reads this line for the release archives and the release
/// workflow; a test holds CHANGELOG.md's newest released entry to it.
/// Bump it here and add the CHANGELOG entry in the same commit.
public enum QGateVersion {
    public static let current = "0.1.0"
}
