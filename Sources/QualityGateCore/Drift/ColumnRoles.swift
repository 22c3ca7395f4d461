/// What each column is to the drift check. An ID or timestamp column always
/// "drifts" (a new category per row), and the model's prediction and the label
/// are not inputs: they are judged on their own lines (prediction drift, label
/// drift) instead of in the drifted share of features.
public enum ColumnRole: String, Sendable, CaseIterable {
    case feature, prediction, target, id, timestamp
}

/// The roles of the reference's columns: the policy's and flags' `id`,
/// `timestamp`, `target`, `prediction` first, then detection on the
/// reference's histograms for the rest (unless listed in `features`).
public struct ColumnRoles: Sendable, Equatable {
    /// Why a column was left out without being named.
    public enum Detection: String, Sendable {
        /// Text values, at least `minimumDistinctValues` of them, all different.
        case distinctValues = "distinct_values"
        /// Integers, at least `minimumDistinctValues` of them, all different, over a narrow span (`DistinctIntegers`).
        case distinctIntegers = "distinct_integers"
        /// Named like an identifier: `id`, `uuid`, `guid`, `…_id`, `…Id`.
        case idName = "id_name"
        /// Every value an ISO 8601 date or date-time.
        case isoTimestamps = "iso_timestamps"
    }

    /// A column the comparison leaves out (an ID or a timestamp), in reference
    /// order; `detected` is nil when the policy or a flag gave the role.
    public struct LeftOut: Sendable, Equatable {
        public var name: String
        public var role: ColumnRole
        public var detected: Detection?
    }

    public var leftOut: [LeftOut] = []
    public var prediction: String?
    public var target: String?

    /// Below this many values, all-distinct text is as likely a rare-category feature as an identifier.
    public static let minimumDistinctValues = 100

    public init() {}

    public func role(of name: String) -> ColumnRole {
        if name == prediction { return .prediction }
        if name == target { return .target }
        return leftOut.first { $0.name == name }?.role ?? .feature
    }

    public var leftOutNames: Set<String> { Set(leftOut.map(\.name)) }

    /// Roles for `reference`'s columns under `config`. Names that are in neither
    /// file are checked later (`DriftInputCheck.roleColumns`), against both headers.
    public static func assign(reference: [ColumnHistogram], config: DriftConfig) -> ColumnRoles {
        var roles = ColumnRoles()
        roles.prediction = config.prediction
        roles.target = config.target
        let explicit = Set(config.id + config.timestamp + config.features + [config.prediction, config.target].compactMap { $0 })
        for h in reference {
            if config.id.contains(h.name) {
                roles.leftOut.append(LeftOut(name: h.name, role: .id, detected: nil))
            } else if config.timestamp.contains(h.name) {
                roles.leftOut.append(LeftOut(name: h.name, role: .timestamp, detected: nil))
            } else if !explicit.contains(h.name), let (role, why) = detect(h) {
                roles.leftOut.append(LeftOut(name: h.name, role: role, detected: why))
            }
        }
        // Named columns the reference lacks are still left out of the current data.
        let seen = Set(reference.map(\.name))
        for name in config.id where !seen.contains(name) { roles.leftOut.append(LeftOut(name: name, role: .id, detected: nil)) }
        for name in config.timestamp where !seen.contains(name) {
            roles.leftOut.append(LeftOut(name: name, role: .timestamp, detected: nil))
        }
        return roles
    }

    /// Timestamps before identifiers: a column of distinct instants is a timestamp.
    /// An integer column named like an ID says so by its name.
    static func detect(_ h: ColumnHistogram) -> (ColumnRole, Detection)? {
        if h.kind == .categorical && !h.categoryCounts.isEmpty
            && h.categoryCounts.keys.allSatisfy({ ISOTimestamp.epochSeconds($0) != nil })
        {
            return (.timestamp, .isoTimestamps)
        }
        if h.kind == .categorical && h.present >= minimumDistinctValues && h.categoryCounts.count == h.present {
            return (.id, .distinctValues)
        }
        if isIDName(h.name) { return (.id, .idName) }
        return h.kind == .numeric && h.distinctIntegers ? (.id, .distinctIntegers) : nil
    }

    /// `id`, `uuid`, `guid`, or one of them after a separator (`order_id`,
    /// `order-uuid`, `order id`) or a lowercase letter (`orderId`, `orderID`).
    static func isIDName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        for word in ["id", "uuid", "guid"] where scalars.count >= word.count {
            let tail = scalars.suffix(word.count)
            guard String(String.UnicodeScalarView(tail)).lowercased() == word else { continue }
            if scalars.count == word.count { return true }
            let before = scalars[scalars.count - word.count - 1]
            if "_- .".unicodeScalars.contains(before) { return true }
            // camelCase: `orderId`, `orderID` (not `paid`, `grid`, `VALID`).
            if tail.first.map({ $0.properties.isUppercase }) == true && before.properties.isLowercase { return true }
        }
        return false
    }
}
