import Foundation
import QualityGateCore
import XCTest

/// One version string (Sources/QualityGateCore/Support/QGateVersion.swift) that the
/// binary, the release script, the release archives' names, CHANGELOG.md and
/// README's install section all agree on (issue 17, prebuilt binaries).
final class ReleaseVersionTests: XCTestCase {
    let version = QGateVersion.current

    func testVersionFlagPrintsTheVersionAlone() throws {
        let r = try TestSupport.runBinary(["--version"])
        XCTAssertEqual(r.exit, 0)
        XCTAssertEqual(r.stdout, "qgate \(version)\n")
        XCTAssertEqual(r.stderr, "")
    }

    /// Release tags are `v<version>` and archives `qgate-<version>-<os>-<arch>.tar.gz`.
    func testVersionIsSemanticVersion() {
        XCTAssertNotNil(
            version.range(of: #"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"#, options: .regularExpression),
            version)
    }

    func testChangelogNewestReleaseIsTheVersion() throws {
        let changelog = try String(contentsOfFile: TestSupport.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        // Entries are `## [VERSION] - YYYY-MM-DD`, newest first, under an optional `## [Unreleased]`.
        let headings = changelog.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("## [") }
        let releases = headings.filter { !$0.hasPrefix("## [Unreleased]") }
        XCTAssertEqual(
            releases.first.map(String.init)?.range(of: #"^## \[[^\]]+\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression)
                != nil,
            true, "newest release heading: \(releases.first ?? "none")")
        XCTAssertEqual(releases.first?.dropFirst(4).prefix(while: { $0 != "]" }).description, version)
    }

    func testVersionScriptReadsTheSameVersion() throws {
        let r = try TestSupport.runBinary([TestSupport.packageRoot + "/scripts/version.sh"], program: "/bin/sh")
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertEqual(r.stdout, version + "\n")
        XCTAssertEqual(r.stderr, "")
    }

    /// The Static Linux SDK only works with the toolchain of exactly its version:
    /// every `swift:X-noble` image in release.yml and the SDK's URL name one X.
    func testReleaseWorkflowPinsOneToolchainForTheStaticSDK() throws {
        let workflow = try String(contentsOfFile: TestSupport.packageRoot + "/.github/workflows/release.yml", encoding: .utf8)
        func captures(_ pattern: String) -> Set<String> {
            let regex = try! NSRegularExpression(pattern: pattern)
            return Set(
                regex.matches(in: workflow, range: NSRange(workflow.startIndex..., in: workflow)).map {
                    String(workflow[Range($0.range(at: 1), in: workflow)!])
                })
        }
        let images = captures(#"container: swift:([0-9.]+)-noble"#)
        let sdks = captures(#"STATIC_SDK_URL: https://download\.swift\.org/swift-([0-9.]+)-release/static-sdk/swift-[0-9.]+-RELEASE/"#)
        let sdkFiles = captures(#"/swift-([0-9.]+)-RELEASE_static-linux-[0-9.]+\.artifactbundle\.tar\.gz"#)
        XCTAssertEqual(images.count, 1, "container images: \(images)")
        XCTAssertEqual(sdks, images)
        XCTAssertEqual(sdkFiles, images)
    }

    func testReadmeInstallsThisVersion() throws {
        let readme = try String(contentsOfFile: TestSupport.packageRoot + "/README.md", encoding: .utf8)
        XCTAssertTrue(readme.contains("VERSION=\(version)\n"), "README's Install section downloads another version")
    }
}
