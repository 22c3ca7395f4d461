#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock time as RFC 3339 UTC text (`2026-11-24T12:30:00Z`), without Foundation.
///
/// A value, handed to whatever needs the time: the command line makes it once
/// (pinned by `QGATE_NOW` / `QGATE_TODAY` for tests, replays and simulations),
/// so every part of one run sees the same now and the same today. The calendar
/// arithmetic below it is static: it needs no clock.
public struct Clock: Sendable, Equatable {
    /// Seconds since 1970 this run stands for (`QGATE_NOW`): replays and
    /// simulations record history at the time they stand for, not the time they ran.
    public var pinnedEpochSeconds: Int?
    /// Today in days since 1970-01-01 (`QGATE_TODAY`), so that everything that
    /// asks for today (waiver expiry and waiver length alike) sees the same day.
    public var pinnedDay: Int?

    public init(pinnedEpochSeconds: Int? = nil, pinnedDay: Int? = nil) {
        self.pinnedEpochSeconds = pinnedEpochSeconds
        self.pinnedDay = pinnedDay
    }

    /// The system's clock, pinned to nothing.
    public static let system = Clock()

    public func nowUTC() -> String { Self.format(epochSeconds: epochSeconds()) }

    public func epochSeconds() -> Int { pinnedEpochSeconds ?? Int(time(nil)) }

    /// `20261124T123000Z`, for file names.
    public func compactUTC() -> String {
        nowUTC().filter { $0 != "-" && $0 != ":" }
    }

    /// Today (UTC) in days since 1970-01-01.
    public func today() -> Int { pinnedDay ?? epochSeconds() / 86400 }

    /// Seconds since 1970 of an ISO 8601 date or date-time (`2026-11-24T08:30:00Z`).
    public static func epochSeconds(fromISO text: String) -> Int? { ISOTimestamp.epochSeconds(text) }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date, or nil if it is not a real date.
    /// Only ASCII digits count: `Int("+1")` would read `2026-+1-+1` as January 1st.
    public static func days(fromISODate text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The UTC day (days since 1970-01-01) of an instant, rounding down before 1970 too.
    public static func day(ofEpochSeconds seconds: Int) -> Int {
        seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    }

    /// `YYYY-MM-DD` of a day since 1970-01-01.
    public static func isoDate(day: Int) -> String { String(format(epochSeconds: day * 86400).prefix(10)) }

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
        let year = String(parts.tm_year + 1900)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year
            + "-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
