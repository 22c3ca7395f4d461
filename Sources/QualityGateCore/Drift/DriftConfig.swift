/// How drift is measured and when it triggers retraining: the `drift:` section
/// of `quality-gates.yaml`, overridable by `qgate drift` flags.
public struct DriftConfig: Sendable, Equatable {
    /// A distance between the binned distributions (`psi`, `kl`, `js`: an
    /// effect size against a threshold), or a test giving a p-value per column
    /// (`ks`: numeric columns by the two-sample Kolmogorov–Smirnov test on their
    /// values, categorical ones by χ²; `chi2`: every column by the χ² test of
    /// homogeneity on its bins), judged after a correction across columns.
    public enum Method: String, Sendable, CaseIterable {
        case psi, kl, js, ks, chi2

        /// A column has drifted when its statistic exceeds this (PSI 0.2 is the
        /// common "significant shift" line; KL and JS are on smaller scales).
        /// For the tests, the default significance level `alpha`.
        public var defaultThreshold: Double {
            switch self {
            case .psi: return 0.2
            case .kl: return 0.1
            case .js: return 0.1
            case .ks, .chi2: return 0.05
            }
        }

        /// The method is a test: a column drifts when its adjusted p-value is ≤ `alpha`.
        public var isTest: Bool { self == .ks || self == .chi2 }
    }

    public enum Binning: String, Sendable, CaseIterable {
        case quantile
        case equalWidth = "equal-width"
    }

    /// What a change of columns between the files is: `lenient` (a drift
    /// signal: a lost column counts as drifted, a new one is shown) or
    /// `strict` (an input error).
    public enum Schema: String, Sendable, CaseIterable {
        case lenient, strict
    }

    public var method: Method = .psi
    /// Where the policy set `method`, for errors about it (nil when it came from a flag or the default).
    public var methodAt: SourceLocation?
    /// Under `method: ks|chi2`: the significance level a column's adjusted p-value is held to,
    /// and the correction across the columns tested.
    public var alpha = 0.05
    public var correction: MultipleTesting.Correction = .bh
    public var bins: Int = 10
    public var binning: Binning = .quantile
    /// The fixed threshold; under `threshold: auto`, the effect size (`effect_size`).
    public var threshold: Double?
    /// `threshold: auto`: a column drifts only when its statistic exceeds the
    /// effect size and its PSI exceeds the χ² critical value at `confidence`
    /// (`ColumnDrift.criticalPSI`), so small samples stop drifting on noise.
    public var automatic = false
    public var confidence = 0.99
    public var driftedShare: Double = 0.3
    /// Columns to compare (default: every column of either file).
    public var columns: [String]?
    public var exclude: [String] = []
    /// Columns to treat as categorical even when their values are numbers.
    public var categorical: [String] = []
    /// Volume trigger: retrain when current rows ≥ this fraction of reference rows.
    public var minNewRowsFraction: Double?
    public var schema: Schema = .lenient
    /// Column roles (see `ColumnRoles`): ID and timestamp columns are left out,
    /// the prediction and target are judged on their own lines. Explicit roles
    /// override detection; `features` are compared even when they look like IDs or timestamps.
    public var id: [String] = []
    public var timestamp: [String] = []
    public var target: String?
    public var prediction: String?
    public var features: [String] = []

    public init() {}

    /// The threshold, or under a test `alpha`.
    public var effectiveThreshold: Double { method.isTest ? alpha : threshold ?? method.defaultThreshold }

    static let keys = [
        "method", "bins", "binning", "threshold", "drifted_share", "columns", "exclude", "categorical", "min_new_rows_fraction",
        "schema", "id", "timestamp", "target", "prediction", "features", "effect_size", "confidence", "alpha", "correction"
    ]

    /// Reads the `drift:` mapping, recording problems in the policy reader.
    static func read(_ node: YAMLNode, reader: inout PolicyLoader.Reader) -> DriftConfig {
        var c = DriftConfig()
        guard case .mapping(let pairs) = node.value else {
            reader.error(.driftNotAMapping(found: node.kindDescription), at: node.location)
            return c
        }
        func positive(_ v: YAMLNode, _ key: String, max: Double? = nil) -> Double? {
            guard let d = v.number, d.isFinite, d > 0, max.map({ d <= $0 }) ?? true else {
                reader.error(.notAPositiveNumber(key, maximum: max, found: v.kindDescription), at: v.location)
                return nil
            }
            return d
        }
        /// A probability strictly between 0 and 1 (`alpha`, `confidence`), else `invalid` at the value.
        func probability(_ v: YAMLNode, _ invalid: (_ found: String) -> PolicyError.Message) -> Double? {
            guard let p = v.number, p > 0, p < 1 else {
                reader.error(invalid(v.kindDescription), at: v.location)
                return nil
            }
            return p
        }
        func names(_ v: YAMLNode, _ key: String) -> [String] {
            guard case .sequence(let items) = v.value else {
                reader.error(.notAListOfColumns(key), at: v.location)
                return []
            }
            return items.compactMap { reader.string($0, key: key) }
        }
        var autoOnly: [(key: String, at: SourceLocation)] = []
        var thresholdKeys: [(key: String, at: SourceLocation)] = []
        var testOnly: [(key: String, at: SourceLocation)] = []
        for pair in pairs {
            guard let key = reader.checkedKey(pair.key, allowed: keys, context: "`drift`") else { continue }
            if ["threshold", "effect_size", "confidence"].contains(key) { thresholdKeys.append((key, pair.key.location)) }
            switch key {
            case "method":
                c.method = reader.enumValue(pair.value, key: key, as: Method.self) ?? c.method
                c.methodAt = pair.value.location
            case "alpha":
                c.alpha = probability(pair.value, PolicyError.Message.invalidAlpha) ?? c.alpha
                testOnly.append((key, pair.key.location))
            case "correction":
                c.correction = reader.enumValue(pair.value, key: key, as: MultipleTesting.Correction.self) ?? c.correction
                testOnly.append((key, pair.key.location))
            case "binning": c.binning = reader.enumValue(pair.value, key: key, as: Binning.self) ?? c.binning
            case "bins":
                if case .int(let n) = pair.value.value, n >= 2, n <= 1000 {
                    c.bins = n
                } else {
                    reader.error(.invalidBins(found: pair.value.kindDescription), at: pair.value.location)
                }
            case "threshold" where pair.value.string == "auto": c.automatic = true
            case "threshold":
                if let text = pair.value.string {
                    let hint =
                        Suggestion.closest(to: text, in: ["auto"]) != nil ? "did you mean `auto`?" : "write a number such as 0.2, or `auto`"
                    reader.error(.notAThreshold(found: pair.value.kindDescription), at: pair.value.location, hint: hint)
                } else {
                    c.threshold = positive(pair.value, key)
                }
            case "effect_size":
                c.threshold = positive(pair.value, key)
                autoOnly.append((key, pair.key.location))
            case "confidence":
                c.confidence = probability(pair.value, PolicyError.Message.invalidConfidence) ?? c.confidence
                autoOnly.append((key, pair.key.location))
            case "drifted_share": c.driftedShare = positive(pair.value, key, max: 1) ?? c.driftedShare
            case "min_new_rows_fraction": c.minNewRowsFraction = positive(pair.value, key)
            case "schema": c.schema = reader.enumValue(pair.value, key: key, as: Schema.self) ?? c.schema
            case "target": c.target = reader.string(pair.value, key: key)
            case "prediction": c.prediction = reader.string(pair.value, key: key)
            case "columns": c.columns = names(pair.value, key)
            case "exclude": c.exclude = names(pair.value, key)
            case "id": c.id = names(pair.value, key)
            case "timestamp": c.timestamp = names(pair.value, key)
            case "features": c.features = names(pair.value, key)
            default: c.categorical = names(pair.value, key)
            }
        }
        // Ignoring a key that does not apply would judge with other settings than the ones written.
        if c.method.isTest {
            for (key, at) in thresholdKeys {
                reader.error(
                    .notWithTest(key, method: c.method.rawValue), at: at,
                    hint: "a test decides by its adjusted p-value: set `alpha` (and `correction`), or choose psi, kl or js")
            }
            return c
        }
        for (key, at) in testOnly {
            reader.error(.onlyWithTest(key), at: at, hint: "add `method: ks` or `method: chi2`, or remove `\(key)`")
        }
        for (key, at) in autoOnly where !c.automatic {
            reader.error(
                .onlyWithAutoThreshold(key), at: at,
                hint: key == "effect_size" ? "add `threshold: auto`, or write a fixed threshold as `threshold:`" : "add `threshold: auto`")
        }
        return c
    }
}

extension PolicyError.Message {
    fileprivate static func driftNotAMapping(found: String) -> Self { Self("`drift` must be a mapping, found \(found)") }
    fileprivate static func notAPositiveNumber(_ key: String, maximum: Double?, found: String) -> Self {
        Self("`\(key)` must be a number > 0\(maximum.map { " and <= \(NumberFormatting.exact($0))" } ?? ""), found \(found)")
    }
    fileprivate static func notAListOfColumns(_ key: String) -> Self { Self("`\(key)` must be a list of column names") }
    fileprivate static func notAThreshold(found: String) -> Self { Self("`threshold` must be a number > 0 or `auto`, found \(found)") }
    fileprivate static func invalidConfidence(found: String) -> Self {
        Self("`confidence` must be a number strictly between 0 and 1, found \(found)")
    }
    fileprivate static func invalidAlpha(found: String) -> Self {
        Self("`alpha` must be a number strictly between 0 and 1, found \(found)")
    }
    fileprivate static func notWithTest(_ key: String, method: String) -> Self {
        Self("`\(key)` does not apply with `method: \(method)`")
    }
    fileprivate static func onlyWithTest(_ key: String) -> Self { Self("`\(key)` applies only with `method: ks` or `method: chi2`") }
    fileprivate static func onlyWithAutoThreshold(_ key: String) -> Self { Self("`\(key)` applies only with `threshold: auto`") }
    fileprivate static func invalidBins(found: String) -> Self { Self("`bins` must be an integer from 2 to 1000, found \(found)") }
}
