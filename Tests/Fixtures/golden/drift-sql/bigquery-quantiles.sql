-- qgate drift sql (bigquery): histograms as qgate.histograms/v1 JSON (one row, column `histograms`).
-- Numeric bins: 4 quantile bins from APPROX_QUANTILES: approximate, no stated error bound.
WITH vals AS (
  SELECT
    CASE WHEN ABS(CAST(`amount` AS FLOAT64)) < CAST('inf' AS FLOAT64) THEN CAST(`amount` AS FLOAT64) END AS v0,
    CASE WHEN ABS(CAST(`x'y` AS FLOAT64)) < CAST('inf' AS FLOAT64) THEN CAST(`x'y` AS FLOAT64) END AS v1,
    CASE WHEN CAST(`source` AS STRING) IN ('', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None') THEN NULL ELSE CAST(`source` AS STRING) END AS v2
  FROM `train\`ing"`
),
edges AS (
  SELECT
    ARRAY(SELECT DISTINCT x FROM UNNEST(APPROX_QUANTILES(v0, 4)) AS x WITH OFFSET AS o WHERE o BETWEEN 1 AND 3 ORDER BY x) AS e0,
    ARRAY(SELECT DISTINCT x FROM UNNEST(APPROX_QUANTILES(v1, 4)) AS x WITH OFFSET AS o WHERE o BETWEEN 1 AND 3 ORDER BY x) AS e1
  FROM vals
),
binned AS (
  SELECT
    CASE WHEN v0 IS NOT NULL THEN (SELECT COUNT(*) FROM UNNEST(e0) AS x WHERE x < v0) END AS b0,
    CASE WHEN v1 IS NOT NULL THEN (SELECT COUNT(*) FROM UNNEST(e1) AS x WHERE x < v1) END AS b1,
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
  '{"schema": "qgate.histograms/v1", "closed": "right", "rows": ' || CAST(n_rows AS STRING) || ', "columns": {'
  || '"amount": {"type": "numeric", '
  || '"edges": ' || TO_JSON_STRING(e0) || ', "counts": ['
  || CASE WHEN 0 <= ARRAY_LENGTH(e0) THEN CAST(c0_0 AS STRING) ELSE '' END
  || CASE WHEN 1 <= ARRAY_LENGTH(e0) THEN ', ' || CAST(c0_1 AS STRING) ELSE '' END
  || CASE WHEN 2 <= ARRAY_LENGTH(e0) THEN ', ' || CAST(c0_2 AS STRING) ELSE '' END
  || CASE WHEN 3 <= ARRAY_LENGTH(e0) THEN ', ' || CAST(c0_3 AS STRING) ELSE '' END || ']' || ', "missing": ' || CAST(m0 AS STRING) || '}'
  || ', "x\'y": {"type": "numeric", '
  || '"edges": ' || TO_JSON_STRING(e1) || ', "counts": ['
  || CASE WHEN 0 <= ARRAY_LENGTH(e1) THEN CAST(c1_0 AS STRING) ELSE '' END
  || CASE WHEN 1 <= ARRAY_LENGTH(e1) THEN ', ' || CAST(c1_1 AS STRING) ELSE '' END
  || CASE WHEN 2 <= ARRAY_LENGTH(e1) THEN ', ' || CAST(c1_2 AS STRING) ELSE '' END
  || CASE WHEN 3 <= ARRAY_LENGTH(e1) THEN ', ' || CAST(c1_3 AS STRING) ELSE '' END || ']' || ', "missing": ' || CAST(m1 AS STRING) || '}'
  || ', "source": {"type": "categorical", '
  || '"counts": ' || (SELECT COALESCE(TO_JSON_STRING(JSON_OBJECT(ARRAY_AGG(k ORDER BY k), ARRAY_AGG(n ORDER BY k))), '{}') FROM cats2) || ', "missing": ' || CAST(m2 AS STRING) || '}'
  || '}}' AS histograms
FROM totals CROSS JOIN edges;
