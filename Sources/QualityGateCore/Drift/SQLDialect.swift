/// How each SQL engine spells what `HistogramSQL` needs: quoting, types, the
/// approximate quantile function and a few array operations. Quoting is the
/// engine's documented rule; names holding control or invisible format
/// characters are refused before they get here (`HistogramSQL.checkName`).
public enum SQLDialect: String, CaseIterable, Sendable {
    case duckdb, spark, bigquery, postgresql

    /// `"name"` (standard SQL) or `` `name` `` (Spark, BigQuery).
    func identifier(_ name: String) -> String {
        switch self {
        case .duckdb, .postgresql: return "\"" + escaped(name, quote: "\"", by: "\"") + "\""
        // Spark: a backtick inside backticks is doubled.
        case .spark: return "`" + escaped(name, quote: "`", by: "`") + "`"
        // BigQuery: quoted identifiers take the string literals' backslash escapes.
        case .bigquery: return "`" + escaped(name, quote: "`", by: "\\") + "`"
        }
    }

    /// A string literal. DuckDB and PostgreSQL (standard_conforming_strings,
    /// the default since 9.1) double the quote; Spark and BigQuery read
    /// backslash escapes, so the backslash is escaped too.
    func string(_ text: String) -> String {
        switch self {
        case .duckdb, .postgresql: return "'" + escaped(text, quote: "'", by: "'") + "'"
        case .spark, .bigquery: return "'" + escaped(text, quote: "'", by: "\\") + "'"
        }
    }

    /// `quote` preceded by `escape` (a backslash escapes itself too). By
    /// scalar, not Character: a quote followed by a combining mark is one
    /// Character, and must still be escaped.
    private func escaped(_ text: String, quote: Unicode.Scalar, by escape: Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == quote || (escape == "\\" && s == "\\") { out.append(escape) }
            out.append(s)
        }
        return String(out)
    }

    var doubleType: String {
        switch self {
        case .duckdb, .spark: return "DOUBLE"
        case .bigquery: return "FLOAT64"
        case .postgresql: return "DOUBLE PRECISION"
        }
    }

    var stringType: String {
        switch self {
        case .duckdb: return "VARCHAR"
        case .spark, .bigquery: return "STRING"
        case .postgresql: return "TEXT"
        }
    }

    /// A double literal that reads back as exactly `x` (a shortest round-trip
    /// decimal, parsed by the engine with correct rounding).
    func double(_ x: Double) -> String { "CAST('\(x)' AS \(doubleType))" }

    var infinity: String { "CAST('\(self == .bigquery ? "inf" : "Infinity")' AS \(doubleType))" }

    /// Interior edges for `bins` quantile bins of `column`, an aggregate giving
    /// an array, before de-duplication.
    func quantiles(_ column: String, bins: Int) -> String {
        let qs = (1..<bins).map { "\(Double($0) / Double(bins))" }.joined(separator: ", ")
        switch self {
        case .duckdb: return "approx_quantile(\(column), [\(qs)])"
        case .spark: return "percentile_approx(\(column), array(\(qs)), 10000)"
        case .bigquery: return "APPROX_QUANTILES(\(column), \(bins))"
        case .postgresql: return "percentile_cont(ARRAY[\(qs)]) WITHIN GROUP (ORDER BY \(column))"
        }
    }

    /// The quantiles as distinct, ascending edges (BigQuery's also hold the
    /// minimum and maximum, which are dropped).
    func distinctEdges(_ quantiles: String, bins: Int) -> String {
        switch self {
        case .duckdb: return "list_sort(list_distinct(\(quantiles)))"
        case .spark: return "array_sort(array_distinct(\(quantiles)))"
        case .bigquery:
            return "ARRAY(SELECT DISTINCT x FROM UNNEST(\(quantiles)) AS x WITH OFFSET AS o WHERE o BETWEEN 1 AND \(bins - 1) ORDER BY x)"
        case .postgresql: return "ARRAY(SELECT DISTINCT x FROM unnest(\(quantiles)) AS x ORDER BY x)"
        }
    }

    /// The number of `edges` strictly below `value` (qgate's bin, closed on the right).
    func countBelow(_ edges: String, _ value: String) -> String {
        switch self {
        case .duckdb: return "len(list_filter(\(edges), lambda x: x < \(value)))"
        case .spark: return "size(filter(\(edges), x -> x < \(value)))"
        case .bigquery: return "(SELECT COUNT(*) FROM UNNEST(\(edges)) AS x WHERE x < \(value))"
        case .postgresql: return "(SELECT count(*) FROM unnest(\(edges)) AS x WHERE x < \(value))"
        }
    }

    func length(_ array: String) -> String {
        switch self {
        case .duckdb: return "len(\(array))"
        case .spark: return "size(\(array))"
        case .bigquery: return "ARRAY_LENGTH(\(array))"
        case .postgresql: return "cardinality(\(array))"
        }
    }

    /// An array of doubles as JSON text.
    func jsonArray(_ array: String) -> String {
        switch self {
        case .duckdb: return "CAST(to_json(\(array)) AS VARCHAR)"
        case .spark: return "to_json(\(array))"
        case .bigquery: return "TO_JSON_STRING(\(array))"
        case .postgresql: return "array_to_json(\(array))::text"
        }
    }

    /// An aggregate over rows (`key`, `n`) giving a JSON object text, keys
    /// escaped by the engine's own JSON writer (category names are data).
    func jsonObject(key: String, count: String) -> String {
        switch self {
        case .duckdb: return "CAST(json_group_object(\(key), \(count)) AS VARCHAR)"
        case .spark: return "to_json(map_from_entries(collect_list(struct(\(key), \(count)))))"
        // Both arrays in key order, so the i-th key meets its own count.
        case .bigquery: return "TO_JSON_STRING(JSON_OBJECT(ARRAY_AGG(\(key) ORDER BY \(key)), ARRAY_AGG(\(count) ORDER BY \(key))))"
        case .postgresql: return "json_object_agg(\(key), \(count))::text"
        }
    }

    /// What the engine's approximate quantile function promises, for the
    /// query's header comment and the README.
    var quantileNote: String {
        switch self {
        case .duckdb: return "approx_quantile (T-Digest): approximate, no stated error bound"
        case .spark: return "percentile_approx with accuracy 10000: rank error at most 1/10000 of the rows"
        case .bigquery: return "APPROX_QUANTILES: approximate, no stated error bound"
        case .postgresql: return "percentile_cont: exact (PostgreSQL has no approximate quantile), as numpy's linear quantile"
        }
    }
}
