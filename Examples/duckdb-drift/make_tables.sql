-- Two tables that stand in for data living in DuckDB: a month of training
-- data and a week of serving data in which prices rose and the app took over.
SELECT setseed(0.42);
CREATE OR REPLACE TABLE orders_train AS
SELECT
    round(20 + 80 * random(), 2) AS price,
    CAST(1 + floor(5 * random()) AS INTEGER) AS items,
    CASE WHEN random() < 0.6 THEN 'web' ELSE 'app' END AS channel,
    ['DE', 'FR', 'US', 'JP'][CAST(1 + floor(4 * random()) AS INTEGER)] AS country
FROM range(200000);
CREATE OR REPLACE TABLE orders_serving AS
SELECT
    round(35 + 90 * random(), 2) AS price,
    CAST(1 + floor(5 * random()) AS INTEGER) AS items,
    CASE WHEN random() < 0.3 THEN 'web' ELSE 'app' END AS channel,
    ['DE', 'FR', 'US', 'JP'][CAST(1 + floor(4 * random()) AS INTEGER)] AS country
FROM range(50000);
