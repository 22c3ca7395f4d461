#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time as RFC 3339 UTC text (`2026-11-24T12:30:00Z`), without Foundation.
public enum Clock {
    public static func nowUTC() -> String { format(epochSeconds: epochSeconds()) }

    public static func epochSeconds() -> Int { Int(time(nil)) }

    /// `20261124T123000Z`, for file names.
    public static func compactUTC() -> String {
        nowUTC().filter { $0 != "-" && $0 != ":" }
    }

    /// Seconds on a monotonic clock, for elapsed times.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public static func format(epochSeconds: Int) -> String {
        var t = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
