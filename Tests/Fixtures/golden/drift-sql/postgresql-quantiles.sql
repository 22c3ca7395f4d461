-- qgate drift sql (postgresql): histograms as qgate.histograms/v1 JSON (one row, column `histograms`).
-- Numeric bins: 4 quantile bins from percentile_cont: exact (PostgreSQL has no approximate quantile), as numpy's linear quantile.
WITH vals AS (
  SELECT
    CASE WHEN ABS(CAST("amount" AS DOUBLE PRECISION)) < CAST('Infinity' AS DOUBLE PRECISION) THEN CAST("amount" AS DOUBLE PRECISION) END AS v0,
    CASE WHEN ABS(CAST("x'y" AS DOUBLE PRECISION)) < CAST('Infinity' AS DOUBLE PRECISION) THEN CAST("x'y" AS DOUBLE PRECISION) END AS v1,
    CASE WHEN CAST("source" AS TEXT) IN ('', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None') THEN NULL ELSE CAST("source" AS TEXT) END AS v2
  FROM "train`ing"""
),
edges AS (
  SELECT
    ARRAY(SELECT DISTINCT x FROM unnest(percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v0)) AS x ORDER BY x) AS e0,
    ARRAY(SELECT DISTINCT x FROM unnest(percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v1)) AS x ORDER BY x) AS e1
  FROM vals
),
binned AS (
  SELECT
    CASE WHEN v0 IS NOT NULL THEN (SELECT count(*) FROM unnest(e0) AS x WHERE x < v0) END AS b0,
    CASE WHEN v1 IS NOT NULL THEN (SELECT count(*) FROM unnest(e1) AS x WHERE x < v1) END AS b1,
    v2
  FROM vals CROSS JOIN edges
),
totals AS (
  SELECT
    COUNT(*) AS n_rows,
    COUNT(*) - COUNT(b0) AS m0,
    COUNT(CASE WHEN b0 = 0 THEN 1 END) AS c0_0,
    COUNT(CASE WHEN b0 = 1 THEN 1 END) AS c0_1,
    COUNT(CASE WHEN b0 = 2 THEN 1 END) AS c0_2,
    COUNT(CASE WHEN b0 = 3 THEN 1 END) AS c0_3,
    COUNT(*) - COUNT(b1) AS m1,
    COUNT(CASE WHEN b1 = 0 THEN 1 END) AS c1_0,
    COUNT(CASE WHEN b1 = 1 THEN 1 END) AS c1_1,
    COUNT(CASE WHEN b1 = 2 THEN 1 END) AS c1_2,
    COUNT(CASE WHEN b1 = 3 THEN 1 END) AS c1_3,
    COUNT(*) - COUNT(v2) AS m2
  FROM binned
),
cats2 AS (SELECT v2 AS k, COUNT(*) AS n FROM vals WHERE v2 IS NOT NULL GROUP BY v2)
SELECT
  '{"schema": "qgate.histograms/v1", "closed": "right", "rows": ' || CAST(n_rows AS TEXT) || ', "columns": {'
  || '"amount": {"type": "numeric", '
  || '"edges": ' || array_to_json(e0)::text || ', "counts": ['
  || CASE WHEN 0 <= cardinality(e0) THEN CAST(c0_0 AS TEXT) ELSE '' END
  || CASE WHEN 1 <= cardinality(e0) THEN ', ' || CAST(c0_1 AS TEXT) ELSE '' END
  || CASE WHEN 2 <= cardinality(e0) THEN ', ' || CAST(c0_2 AS TEXT) ELSE '' END
  || CASE WHEN 3 <= cardinality(e0) THEN ', ' || CAST(c0_3 AS TEXT) ELSE '' END || ']' || ', "missing": ' || CAST(m0 AS TEXT) || '}'
  || ', "x''y": {"type": "numeric", '
  || '"edges": ' || array_to_json(e1)::text || ', "counts": ['
  || CASE WHEN 0 <= cardinality(e1) THEN CAST(c1_0 AS TEXT) ELSE '' END
  || CASE WHEN 1 <= cardinality(e1) THEN ', ' || CAST(c1_1 AS TEXT) ELSE '' END
  || CASE WHEN 2 <= cardinality(e1) THEN ', ' || CAST(c1_2 AS TEXT) ELSE '' END
  || CASE WHEN 3 <= cardinality(e1) THEN ', ' || CAST(c1_3 AS TEXT) ELSE '' END || ']' || ', "missing": ' || CAST(m1 AS TEXT) || '}'
  || ', "source": {"type": "categorical", '
  || '"counts": ' || (SELECT COALESCE(json_object_agg(k, n)::text, '{}') FROM cats2) || ', "missing": ' || CAST(m2 AS TEXT) || '}'
  || '}}' AS histograms
FROM totals CROSS JOIN edges;
