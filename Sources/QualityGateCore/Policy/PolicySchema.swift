/// The JSON Schema of `quality-gates.yaml`, for editors (completion and checks
/// through the `yaml-language-server` modeline) and for CI. It is built from
/// the loader's own key lists and `ConditionKind`, so a new key or condition
/// kind reaches the schema without a second edit; `schema/quality-gates.schema.json`
/// is this value written out, and a test keeps the two identical.
///
/// The schema checks structure (keys, types, enumerations, ranges of single
/// values). What needs more than one value or the calendar — `min` above
/// `max`, a waiver longer than `max_waiver_days`, duplicate gate names, a
/// `significance` without a limit, a direction the metric's name contradicts
/// — only `qgate validate` decides.
public enum PolicySchema {
    public static let identifier = "https://qgate.dev/schema/quality-gates.schema.json"

    public static func document() -> JSONOutput {
        .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(identifier)),
            ("title", .string("qgate policy (quality-gates.yaml)")),
            ("description", .string("Release gates for an ML model, checked by `qgate evaluate`.")),
            ("type", .string("object")),
            // A policy that `extends` a base may take `version` and `gates` from it.
            (
                "anyOf",
                .array([
                    .object([("required", .array([.string("version"), .string("gates")]))]),
                    .object([("required", .array([.string(PolicyExtends.key)]))])
                ])
            ),
            ("additionalProperties", .bool(false)),
            ("properties", .object(PolicyLoader.topLevelKeys.map { ($0, topLevel($0)) })),
            ("$defs", .object([("gate", gate()), ("waiver", waiver()), ("drift", drift()), ("data", DataChecks.schema())]))
        ])
    }

    /// The schema as the committed file holds it.
    public static func rendered() -> String { document().rendered() }

    private static func topLevel(_ key: String) -> JSONOutput {
        switch key {
        case "version":
            return .object([("const", .number(Double(Policy.supportedVersion))), ("description", .string("Policy format version."))])
        case "model":
            return .object([
                ("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_][A-Za-z0-9._-]*$")),
                ("description", .string("The model's name: its history's file name in the baseline store."))
            ])
        case "description": return text("What this policy is for.")
        case PolicyExtends.key:
            return .object([
                ("type", .string("string")), ("minLength", .number(1)),
                (
                    "description",
                    .string("A base policy this one builds on, relative to this file; this file's keys override it, gates by name.")
                )
            ])
        case "defaults":
            return .object([
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", .object(PolicyLoader.defaultsKeys.map { ($0, gateProperty($0)) }))
            ])
        case "max_waiver_days":
            return .object([
                ("type", .string("integer")), ("minimum", .number(1)), ("maximum", .number(Double(PolicyLoader.waiverDaysLimit))),
                ("description", .string("How far ahead a waiver's `until` may lie (default \(PolicyLoader.defaultMaxWaiverDays))."))
            ])
        case "gates":
            return .object([("type", .string("array")), ("minItems", .number(1)), ("items", .object([("$ref", .string("#/$defs/gate"))]))])
        case "drift": return .object([("$ref", .string("#/$defs/drift"))])
        case "data": return .object([("$ref", .string("#/$defs/data"))])
        default: return .object([])
        }
    }

    private static func gate() -> JSONOutput {
        .object([
            ("type", .string("object")),
            ("required", .array([.string("metric")])),
            ("anyOf", .array(ConditionKind.allCases.map { .object([("required", .array([.string($0.key)]))]) })),
            // `max_spread` judges a pattern's slices: the metric needs a `*` segment.
            ("if", .object([("required", .array([.string(ConditionKind.maxSpread.key)]))])),
            ("then", .object([("properties", .object([("metric", .object([("pattern", .string(#"(^|\.)\*(\.|$)"#))]))]))])),
            ("additionalProperties", .bool(false)),
            ("properties", .object(PolicyLoader.gateKeys.map { ($0, gateProperty($0)) }))
        ])
    }

    private static func gateProperty(_ key: String) -> JSONOutput {
        if let kind = ConditionKind(rawValue: key) {
            var schema: [(String, JSONOutput)] = [("type", .string("number")), ("description", .string(kind.summary))]
            // k σ: zero would forbid any regression in disguise (`max_regression: 0` says so).
            if kind.learnsFromHistory {
                schema.append(("exclusiveMinimum", .number(0)))
            } else if kind.isTolerance {
                schema.append(("minimum", .number(0)))
            }
            return .object(schema)
        }
        switch key {
        case "metric":
            return .object([
                ("type", .string("string")), ("minLength", .number(1)),
                (
                    "description",
                    .string(
                        "The metric's name; nested keys joined with dots. A segment `*` (one per name) matches any one segment: a slice.")
                )
            ])
        case "name": return text("The gate's name in reports (unique).")
        case "description": return text("Why this gate exists.")
        case "owner": return text("Who answers for this gate.")
        case "mitigation": return text("What to do when it fails.")
        case "severity": return choice(Severity.allCases.map(\.rawValue))
        case "on_missing_metric", "on_missing_baseline": return choice(MissingPolicy.allCases.map(\.rawValue))
        case "direction": return choice(Direction.allCases.map(\.rawValue))
        case "stage": return choice(ReviewStage.allCases.map(\.rawValue))
        case "significance":
            return .object([("type", .string("number")), ("exclusiveMinimum", .number(0)), ("exclusiveMaximum", .number(1))])
        case "waiver": return .object([("$ref", .string("#/$defs/waiver"))])
        case "new_failures_only": return .object([("type", .string("boolean"))])
        case "min_count":
            return .object([
                ("type", .string("integer")), ("minimum", .number(1)),
                ("description", .string("Pattern gates: skip slices whose sample count (`<prefix>.<slice>.n`) is below this."))
            ])
        case "min_n": return .object([("type", .string("integer")), ("minimum", .number(1))])
        case "history_window":
            return .object([
                ("type", .string("integer")), ("minimum", .number(3)),
                (
                    "description",
                    .string(
                        "max_regression_sigma: learn σ from the last N promotions (N - 1 changes; default \(HistoryWindow.defaultReleases))."
                    )
                )
            ])
        case "min_history":
            return .object([
                ("type", .string("integer")), ("minimum", .number(2)),
                (
                    "description",
                    .string(
                        "max_regression_sigma: the fewest changes σ is learned from (default \(HistoryWindow.defaultMinChanges)); with fewer, on_missing_baseline applies."
                    )
                )
            ])
        case "max_stderr", "max_ci_width": return .object([("type", .string("number")), ("minimum", .number(0))])
        default: return .object([])
        }
    }

    private static func waiver() -> JSONOutput {
        .object([
            ("type", .string("object")),
            ("required", .array([.string("reason"), .string("until")])),
            ("additionalProperties", .bool(false)),
            (
                "properties",
                .object([
                    ("reason", .object([("type", .string("string")), ("minLength", .number(1))])),
                    ("until", .object([("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")), ("description", .string("YYYY-MM-DD"))])),
                    ("owner", .object([("type", .string("string"))]))
                ])
            )
        ])
    }

    private static func drift() -> JSONOutput {
        func names() -> JSONOutput { .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]) }
        func positive() -> JSONOutput { .object([("type", .string("number")), ("exclusiveMinimum", .number(0))]) }
        let properties: [(String, JSONOutput)] = DriftConfig.keys.map { key in
            switch key {
            case "method": return (key, choice(DriftConfig.Method.allCases.map(\.rawValue)))
            case "binning": return (key, choice(DriftConfig.Binning.allCases.map(\.rawValue)))
            case "bins": return (key, .object([("type", .string("integer")), ("minimum", .number(2)), ("maximum", .number(1000))]))
            case "drifted_share":
                return (key, .object([("type", .string("number")), ("exclusiveMinimum", .number(0)), ("maximum", .number(1))]))
            case "threshold": return (key, .object([("oneOf", .array([positive(), choice(["auto"])]))]))
            case "effect_size", "min_new_rows_fraction": return (key, positive())
            case "confidence", "alpha":
                return (key, .object([("type", .string("number")), ("exclusiveMinimum", .number(0)), ("exclusiveMaximum", .number(1))]))
            case "correction": return (key, choice(MultipleTesting.Correction.allCases.map(\.rawValue)))
            case "schema": return (key, choice(DriftConfig.Schema.allCases.map(\.rawValue)))
            case "target", "prediction": return (key, .object([("type", .string("string"))]))
            default: return (key, names())
            }
        }
        return .object([("type", .string("object")), ("additionalProperties", .bool(false)), ("properties", .object(properties))])
    }

    private static func text(_ description: String) -> JSONOutput {
        .object([("type", .string("string")), ("description", .string(description))])
    }

    private static func choice(_ values: [String]) -> JSONOutput {
        .object([("enum", .array(values.map { .string($0) }))])
    }
}
