#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Test-only crash points: `QGATE_TEST_CRASH_AT=<point>` makes the process kill
/// itself with SIGKILL there, so tests can prove a crash mid-write loses nothing.
///
/// The hook is compiled only when `QGATE_TEST_HOOKS` is defined, which
/// Package.swift does for debug builds (what `swift build` / `swift test`
/// make). Release builds (`swift build -c release`, what the composite action
/// and the workflows ship) contain neither the variable name nor the kill: an
/// environment variable must never be able to abort a production promotion.
public enum TestHooks {
    /// Whether this build obeys `QGATE_TEST_CRASH_AT`; tests that need the
    /// crash points skip themselves when it is false.
    #if QGATE_TEST_HOOKS
        public static let compiledIn = true
    #else
        public static let compiledIn = false
    #endif

    @inline(__always)
    static func crashIfRequested(_ point: String) {
        #if QGATE_TEST_HOOKS
            guard let value = getenv("QGATE_TEST_CRASH_AT"), String(cString: value) == point else { return }
            kill(getpid(), SIGKILL)
        #endif
    }
}
