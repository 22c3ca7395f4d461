/// Dataset checks: the `data:` section of `quality-gates.yaml`, which
/// `qgate profile` compares with the readiness metrics it computes
/// (a weekly dataset-validation job, before any model is trained on the data).
///
/// ```yaml
/// data:
///   min_rows: 1000            # data.rows >= 1000
///   max_age_days: 7           # data.age_days <= 7 (needs a timestamp column)
///   max_missing_share: 0.05   # data.missing_share <= 0.05 (every column)
///   min_class_share: 0.1      # data.minority_class_share >= 0.1 (needs a label column)
///   severity: critical        # or warning
/// ```
///
/// `max_missing_share` may instead map columns to their own limits, with
/// `default` for every column not named: `{default: 0.05, income: 0.2}`.
public struct DataChecks: Sendable, Equatable {
    /// How much a failed data check matters: critical blocks (exit 1), warning reports.
    public enum Severity: String, Sendable, CaseIterable {
        case critical, warning
    }

    /// `max_missing_share`: one limit for every column, or limits per column.
    public struct MissingShareLimits: Sendable, Equatable {
        /// For every column not in `columns` (all of them in the one-number form).
        public var otherColumns: Double?
        /// Columns with their own limit, in policy order.
        public var columns: [Column] = []
        /// The one-number form, compared with `data.missing_share`.
        public var isOverall: Bool { columns.isEmpty }

        public struct Column: Sendable, Equatable {
            public var name: String
            public var limit: Double
        }

        public init(otherColumns: Double?, columns: [Column] = []) {
            self.otherColumns = otherColumns
            self.columns = columns
        }
    }

    public var minRows: Int?
    public var maxAgeDays: Int?
    public var maxMissingShare: MissingShareLimits?
    public var minClassShare: Double?
    public var severity = Severity.critical

    public init() {}

    public var isEmpty: Bool { minRows == nil && maxAgeDays == nil && maxMissingShare == nil && minClassShare == nil }

    static let keys = ["min_rows", "max_age_days", "max_missing_share", "min_class_share", "severity"]
    /// In the per-column form of `max_missing_share`, the limit of every column not named.
    static let otherColumnsKey = "default"

    /// Reads the `data:` mapping, recording problems in the policy reader.
    static func read(_ node: YAMLNode, reader: inout PolicyLoader.Reader) -> DataChecks {
        var c = DataChecks()
        guard case .mapping(let pairs) = node.value else {
            reader.error(
                .dataNotAMapping(found: node.kindDescription), at: node.location,
                hint: "e.g. `data:` followed by `  min_rows: 1000` on the next line")
            return c
        }
        let errorsBefore = reader.errors.count
        for pair in pairs {
            guard let key = reader.checkedKey(pair.key, allowed: keys, context: "`data`") else { continue }
            switch key {
            case "min_rows":
                c.minRows = wholeNumber(pair.value, key, from: 1, reader: &reader, hint: "e.g. `min_rows: 1000`")
            case "max_age_days":
                c.maxAgeDays = wholeNumber(
                    pair.value, key, from: 0, reader: &reader, hint: "e.g. `max_age_days: 7`; 0 means the data must be from today")
            case "max_missing_share": c.maxMissingShare = readMissingShare(pair.value, reader: &reader)
            case "min_class_share":
                guard let x = pair.value.number, x > 0, x <= 0.5 else {
                    reader.error(
                        .invalidMinClassShare(found: found(pair.value)), at: pair.value.location,
                        hint: "the rarest of two or more classes holds at most half the rows; e.g. `min_class_share: 0.1`")
                    continue
                }
                c.minClassShare = x
            default: c.severity = reader.enumValue(pair.value, key: key, as: Severity.self) ?? c.severity
            }
        }
        // `data: {severity: warning}` would check nothing and pass every dataset.
        if c.isEmpty && reader.errors.count == errorsBefore {
            reader.error(
                .dataWithoutCheck, at: node.location,
                hint: "add at least one of: " + keys.filter { $0 != "severity" }.joined(separator: ", "))
        }
        return c
    }

    private static func found(_ node: YAMLNode) -> String {
        node.number.map(NumberFormatting.exact) ?? node.kindDescription
    }

    private static func wholeNumber(_ node: YAMLNode, _ key: String, from least: Int, reader: inout PolicyLoader.Reader, hint: String)
        -> Int?
    {
        guard case .int(let n) = node.value, n >= least else {
            reader.error(.notAWholeNumber(key, least: least, found: found(node)), at: node.location, hint: hint)
            return nil
        }
        return n
    }

    private static func share(_ node: YAMLNode, _ what: String, reader: inout PolicyLoader.Reader) -> Double? {
        guard let x = node.number, x >= 0, x <= 1 else {
            var hint = "write a share such as 0.05 (5%)"
            if case .string(let s) = node.value, Double(s) != nil { hint = "remove the quotes: a quoted number is a string" }
            reader.error(.notAShare(what, found: found(node)), at: node.location, hint: hint)
            return nil
        }
        return x
    }

    private static func readMissingShare(_ node: YAMLNode, reader: inout PolicyLoader.Reader) -> MissingShareLimits? {
        let key = "max_missing_share"
        guard case .mapping(let pairs) = node.value else {
            return share(node, "`\(key)`", reader: &reader).map { MissingShareLimits(otherColumns: $0) }
        }
        var limits = MissingShareLimits(otherColumns: nil)
        for pair in pairs {
            guard let column = pair.key.string else {
                reader.error(
                    .columnNotAString(found: pair.key.kindDescription), at: pair.key.location,
                    hint: "quote the column name, e.g. `'2024': 0.1`")
                continue
            }
            if column == otherColumnsKey {
                limits.otherColumns = share(pair.value, "`\(key)` of the other columns", reader: &reader)
            } else if let x = share(pair.value, "`\(key)` of column \(Sanitize.quoted(column))", reader: &reader) {
                limits.columns.append(.init(name: column, limit: x))
            }
        }
        if pairs.isEmpty {
            reader.error(.emptyMissingShareMapping, at: node.location, hint: "write `\(key): 0.05`, or `{default: 0.05, COLUMN: 0.2}`")
        }
        // Every entry refused: no limit (the errors say why).
        return limits.otherColumns == nil && limits.columns.isEmpty ? nil : limits
    }
}

extension PolicyError.Message {
    fileprivate static func dataNotAMapping(found: String) -> Self { Self("`data` must be a mapping of dataset checks, found \(found)") }
    fileprivate static var dataWithoutCheck: Self { Self("`data` has no check: it would pass every dataset") }
    fileprivate static func notAWholeNumber(_ key: String, least: Int, found: String) -> Self {
        Self("`\(key)` must be a whole number >= \(least), found \(found)")
    }
    fileprivate static func notAShare(_ what: String, found: String) -> Self { Self("\(what) must be a share from 0 to 1, found \(found)") }
    fileprivate static func invalidMinClassShare(found: String) -> Self {
        Self("`min_class_share` must be a share above 0 and at most 0.5, found \(found)")
    }
    fileprivate static func columnNotAString(found: String) -> Self {
        Self("column names in `max_missing_share` must be strings, found \(found)")
    }
    fileprivate static var emptyMissingShareMapping: Self { Self("`max_missing_share` is an empty mapping: it checks no column") }
}

extension DataChecks {
    /// `$defs/data` of `PolicySchema`: the same keys and ranges as `read`.
    static func schema() -> JSONOutput {
        func number(_ range: [(String, Double)], _ description: String) -> JSONOutput {
            .object([("type", .string("number"))] + range.map { ($0.0, .number($0.1)) } + [("description", .string(description))])
        }
        let share = number([("minimum", 0), ("maximum", 1)], "A share from 0 to 1.")
        let properties: [(String, JSONOutput)] = keys.map { key in
            switch key {
            case "min_rows":
                return (key, .object([("type", .string("integer")), ("minimum", .number(1)), ("description", .string("data.rows >= N."))]))
            case "max_age_days":
                return (
                    key,
                    .object([
                        ("type", .string("integer")), ("minimum", .number(0)),
                        ("description", .string("data.age_days <= D: the newest timestamp at most D days old (needs a timestamp column)."))
                    ])
                )
            case "max_missing_share":
                return (
                    key,
                    .object([
                        (
                            "oneOf",
                            .array([
                                number([("minimum", 0), ("maximum", 1)], "data.missing_share <= x: every column's missing share."),
                                .object([
                                    ("type", .string("object")), ("minProperties", .number(1)), ("additionalProperties", share),
                                    ("description", .string("Limits per column; `default` for every column not named."))
                                ])
                            ])
                        )
                    ])
                )
            case "min_class_share":
                return (
                    key,
                    number(
                        [("exclusiveMinimum", 0), ("maximum", 0.5)],
                        "data.minority_class_share >= x: the rarest label class's share (needs a label column).")
                )
            default: return (key, .object([("enum", .array(Severity.allCases.map { .string($0.rawValue) }))]))
            }
        }
        return .object([
            ("type", .string("object")),
            ("description", .string("Dataset checks, applied by `qgate profile` to the metrics it computes.")),
            ("anyOf", .array(keys.filter { $0 != "severity" }.map { .object([("required", .array([.string($0)]))]) })),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties))
        ])
    }
}
