-- qgate drift sql (postgresql): histograms as qgate.histograms/v1 JSON (one row, column `histograms`).
-- Numeric bins: the edges of Tests/Fixtures/drift-sql/reference.hist.json, closed on the right.
WITH vals AS (
  SELECT
    CASE WHEN ABS(CAST("amount" AS DOUBLE PRECISION)) < CAST('Infinity' AS DOUBLE PRECISION) THEN CAST("amount" AS DOUBLE PRECISION) END AS v0,
    CASE WHEN ABS(CAST("q'́uote""back`tick\" AS DOUBLE PRECISION)) < CAST('Infinity' AS DOUBLE PRECISION) THEN CAST("q'́uote""back`tick\" AS DOUBLE PRECISION) END AS v1,
    CASE WHEN CAST("source'); DROP TABLE t; --" AS TEXT) IN ('', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None') THEN NULL ELSE CAST("source'); DROP TABLE t; --" AS TEXT) END AS v2
  FROM "prod"."events"
),
binned AS (
  SELECT
    CASE WHEN v0 IS NULL THEN NULL WHEN v0 <= CAST('1e-05' AS DOUBLE PRECISION) THEN 0 WHEN v0 <= CAST('0.1' AS DOUBLE PRECISION) THEN 1 WHEN v0 <= CAST('12.0' AS DOUBLE PRECISION) THEN 2 WHEN v0 <= CAST('1e+20' AS DOUBLE PRECISION) THEN 3 ELSE 4 END AS b0,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 < CAST('1.0' AS DOUBLE PRECISION) THEN 0 WHEN v1 = CAST('1.0' AS DOUBLE PRECISION) THEN 1 ELSE 2 END AS b1,
    v2
  FROM vals
),
totals AS (
  SELECT
    COUNT(*) AS n_rows,
    COUNT(*) - COUNT(b0) AS m0,
    COUNT(CASE WHEN b0 = 0 THEN 1 END) AS c0_0,
    COUNT(CASE WHEN b0 = 1 THEN 1 END) AS c0_1,
    COUNT(CASE WHEN b0 = 2 THEN 1 END) AS c0_2,
    COUNT(CASE WHEN b0 = 3 THEN 1 END) AS c0_3,
    COUNT(CASE WHEN b0 = 4 THEN 1 END) AS c0_4,
    COUNT(*) - COUNT(b1) AS m1,
    COUNT(CASE WHEN b1 = 0 THEN 1 END) AS c1_0,
    COUNT(CASE WHEN b1 = 1 THEN 1 END) AS c1_1,
    COUNT(CASE WHEN b1 = 2 THEN 1 END) AS c1_2,
    COUNT(*) - COUNT(v2) AS m2
  FROM binned
),
cats2 AS (SELECT v2 AS k, COUNT(*) AS n FROM vals WHERE v2 IS NOT NULL GROUP BY v2)
SELECT
  '{"schema": "qgate.histograms/v1", "closed": "right", "rows": ' || CAST(n_rows AS TEXT) || ', "columns": {'
  || '"amount": {"type": "numeric", '
  || '"edges": [1e-05,0.1,12,1e+20], "counts": [' || CAST(c0_0 AS TEXT) || ', ' || CAST(c0_1 AS TEXT) || ', ' || CAST(c0_2 AS TEXT) || ', ' || CAST(c0_3 AS TEXT) || ', ' || CAST(c0_4 AS TEXT) || ']' || ', "missing": ' || CAST(m0 AS TEXT) || '}'
  || ', "q''́uote\"back`tick\\": {"type": "numeric", '
  || '"constant": 1, "counts": [' || CAST(c1_0 AS TEXT) || ', ' || CAST(c1_1 AS TEXT) || ', ' || CAST(c1_2 AS TEXT) || ']' || ', "missing": ' || CAST(m1 AS TEXT) || '}'
  || ', "source''); DROP TABLE t; --": {"type": "categorical", '
  || '"counts": ' || (SELECT COALESCE(json_object_agg(k, n)::text, '{}') FROM cats2) || ', "missing": ' || CAST(m2 AS TEXT) || '}'
  || '}}' AS histograms
FROM totals;
