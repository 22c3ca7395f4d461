"""`qgate drift sql --dialect spark` run for real in PySpark (local mode, needs
Java 17): the same checks as dev/test_duckdb_histograms.py (see
dev/histogram_engines.py). Not part of .ci/run — PySpark is a ~300 MB wheel and
a JVM start; run it by hand:

    python3 -m venv /tmp/spark-venv && /tmp/spark-venv/bin/pip install pyspark
    /tmp/spark-venv/bin/python dev/test_spark_histograms.py --qgate .build/debug/qgate
"""

import argparse
import math
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import histogram_engines  # noqa: E402

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import DoubleType, StringType, StructField, StructType  # noqa: E402

spark = None


def run(sql, tables):
    for name, (schema, rows) in tables.items():
        struct = StructType([StructField(c, DoubleType() if t == "double" else StringType(), True) for c, t in schema])
        spark.createDataFrame(rows, struct).createOrReplaceTempView(name)
    result = spark.sql(sql).collect()
    assert len(result) == 1 and len(result[0]) == 1, result
    return result[0][0]


def main():
    global spark
    parser = argparse.ArgumentParser()
    parser.add_argument("--qgate", default=".build/debug/qgate")
    args = parser.parse_args()
    started = time.time()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("qgate-drift-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        with tempfile.TemporaryDirectory() as work:
            worst = histogram_engines.check(
                os.path.abspath(args.qgate), run, work, "spark", table_ref="training", table_cur="serving"
            )
        assert math.isfinite(worst)
        print(f"spark {spark.version}: all histogram checks passed in {time.time() - started:.1f} s")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
