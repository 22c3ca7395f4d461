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
            dependencies: ["CSHA256"],
            swiftSettings: [.define("QGATE_TEST_HOOKS", .when(configuration: .debug))]
        ),
        // Our own C: SHA-256 on the x86 SHA extensions, chosen at run time
        // (Support/SHA256Engine.swift); elsewhere it compiles to "not available".
        .target(name: "CSHA256"),
        // Our own C: the allocator's thresholds, set once at start-up
        // (QGateCLI/MemoryTuning.swift).
        .target(name: "CAllocator"),
        .target(name: "QGateCLI", dependencies: ["QualityGateCore", "CAllocator"]),
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
