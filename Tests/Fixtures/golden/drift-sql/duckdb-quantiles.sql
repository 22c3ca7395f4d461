-- qgate drift sql (duckdb): histograms as qgate.histograms/v1 JSON (one row, column `histograms`).
-- Numeric bins: 4 quantile bins from approx_quantile (T-Digest): approximate, no stated error bound.
WITH vals AS (
  SELECT
    CASE WHEN ABS(CAST("amount" AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN CAST("amount" AS DOUBLE) END AS v0,
    CASE WHEN ABS(CAST("x'y" AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN CAST("x'y" AS DOUBLE) END AS v1,
    CASE WHEN CAST("source" AS VARCHAR) IN ('', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None') THEN NULL ELSE CAST("source" AS VARCHAR) END AS v2
  FROM "train`ing"""
),
edges AS (
  SELECT
    list_sort(list_distinct(approx_quantile(v0, [0.25, 0.5, 0.75]))) AS e0,
    list_sort(list_distinct(approx_quantile(v1, [0.25, 0.5, 0.75]))) AS e1
  FROM vals
),
binned AS (
  SELECT
    CASE WHEN v0 IS NOT NULL THEN len(list_filter(e0, lambda x: x < v0)) END AS b0,
    CASE WHEN v1 IS NOT NULL THEN len(list_filter(e1, lambda x: x < v1)) END AS b1,
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
  '{"schema": "qgate.histograms/v1", "closed": "right", "rows": ' || CAST(n_rows AS VARCHAR) || ', "columns": {'
  || '"amount": {"type": "numeric", '
  || '"edges": ' || CAST(to_json(e0) AS VARCHAR) || ', "counts": ['
  || CASE WHEN 0 <= len(e0) THEN CAST(c0_0 AS VARCHAR) ELSE '' END
  || CASE WHEN 1 <= len(e0) THEN ', ' || CAST(c0_1 AS VARCHAR) ELSE '' END
  || CASE WHEN 2 <= len(e0) THEN ', ' || CAST(c0_2 AS VARCHAR) ELSE '' END
  || CASE WHEN 3 <= len(e0) THEN ', ' || CAST(c0_3 AS VARCHAR) ELSE '' END || ']' || ', "missing": ' || CAST(m0 AS VARCHAR) || '}'
  || ', "x''y": {"type": "numeric", '
  || '"edges": ' || CAST(to_json(e1) AS VARCHAR) || ', "counts": ['
  || CASE WHEN 0 <= len(e1) THEN CAST(c1_0 AS VARCHAR) ELSE '' END
  || CASE WHEN 1 <= len(e1) THEN ', ' || CAST(c1_1 AS VARCHAR) ELSE '' END
  || CASE WHEN 2 <= len(e1) THEN ', ' || CAST(c1_2 AS VARCHAR) ELSE '' END
  || CASE WHEN 3 <= len(e1) THEN ', ' || CAST(c1_3 AS VARCHAR) ELSE '' END || ']' || ', "missing": ' || CAST(m1 AS VARCHAR) || '}'
  || ', "source": {"type": "categorical", '
  || '"counts": ' || (SELECT COALESCE(CAST(json_group_object(k, n) AS VARCHAR), '{}') FROM cats2) || ', "missing": ' || CAST(m2 AS VARCHAR) || '}'
  || '}}' AS histograms
FROM totals CROSS JOIN edges;
