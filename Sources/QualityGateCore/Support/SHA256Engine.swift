#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
// The fuzz harness compiles the Swift sources alone (fuzz/run.sh), without the
// C target: there every hasher is portable.
#if canImport(CSHA256)
    import CSHA256
#endif

extension SHA256 {
    /// Which compression function hashes the blocks. Both give the same digests
    /// (SHA256Tests checks each against the NIST vectors and `sha256sum`).
    public enum Engine: String, Sendable, CaseIterable {
        /// SHA256Portable: Swift, any CPU.
        case portable
        /// The x86 SHA extensions (Sources/CSHA256), where the CPU has them.
        case shaExtensions = "sha-extensions"

        /// Whether this build on this CPU can run the engine.
        public var isAvailable: Bool {
            switch self {
            case .portable: return true
            case .shaExtensions: return Self.hardwareAvailable
            }
        }

        private static let hardwareAvailable: Bool = {
            #if canImport(CSHA256)
                return qgate_sha256_hw_available() != 0
            #else
                return false
            #endif
        }()

        /// What `SHA256()` uses: the SHA extensions when the CPU has them, unless
        /// the environment says `QGATE_SHA256=portable` (to compare the two, or to
        /// sidestep a suspected hardware fault; the digests are the same).
        public static let preferred: Engine = choose(
            environment: getenv("QGATE_SHA256").map { String(cString: $0) }, hardwareAvailable: hardwareAvailable)

        static func choose(environment: String?, hardwareAvailable: Bool) -> Engine {
            environment == Engine.portable.rawValue || !hardwareAvailable ? .portable : .shaExtensions
        }

        /// Hashes `blocks` consecutive 64-byte blocks at `p` into `state`.
        @inline(__always)
        func compress(_ state: inout SHA256.State, _ p: UnsafeRawPointer, blocks: Int) {
            switch self {
            case .portable:
                SHA256Portable.compress(&state, p, blocks: blocks)
            case .shaExtensions:
                #if canImport(CSHA256)
                    withUnsafeMutableBytes(of: &state) {
                        qgate_sha256_hw_compress(
                            $0.baseAddress!.assumingMemoryBound(to: UInt32.self), p.assumingMemoryBound(to: UInt8.self), blocks)
                    }
                #else
                    SHA256Portable.compress(&state, p, blocks: blocks)
                #endif
            }
        }
    }
}
