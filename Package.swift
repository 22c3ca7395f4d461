// swift-tools-version:6.0
import PackageDescription

// qgate deliberately has no package dependencies: a release gate must build in
// seconds and carry no supply chain.
let package = Package(
    name: "qgate",
    products: [
        .library(name: "QualityGateCore", targets: ["QualityGateCore"]),
        .executable(name: "qgate", targets: ["qgate"])
    ],
    targets: [
        // Crash hooks for the kill-mid-write tests exist in debug (test) builds
        // only; `swift build -c release` leaves them out (Support/TestHooks.swift).
        .target(
            name: "QualityGateCore",
            swiftSettings: [.define("QGATE_TEST_HOOKS", .when(configuration: .debug))]
        ),
        .target(name: "QGateCLI", dependencies: ["QualityGateCore"]),
        .executableTarget(name: "qgate", dependencies: ["QGateCLI"]),
        // Test helpers shared by both test targets (XCTest only).
        .target(name: "QGateTestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "QualityGateCoreTests",
            dependencies: ["QualityGateCore", "QGateTestSupport"]
        ),
        .testTarget(
            name: "QGateCLITests",
            dependencies: ["QGateCLI", "qgate", "QGateTestSupport"]
        )
    ]
)
