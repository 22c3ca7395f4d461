"""`qgate drift sql --dialect duckdb` run for real: the generated query runs in
DuckDB (the `duckdb` wheel from PyPI) on generated tables, and its histograms
must equal qgate's own CSV path on the same data (edges, counts, PSI), also
when summed from partitions; edges from DuckDB's approx_quantile must be read
by qgate. See dev/histogram_engines.py.

    python3 dev/test_duckdb_histograms.py [--qgate .build/debug/qgate]
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import histogram_engines  # noqa: E402

import duckdb  # noqa: E402


def run(sql, tables):
    con = duckdb.connect()
    for name, (schema, rows) in tables.items():
        cols = ", ".join(f'"{c.replace(chr(34), chr(34) * 2)}" {"DOUBLE" if t == "double" else "VARCHAR"}' for c, t in schema)
        table = '"' + name.replace('"', '""') + '"'
        con.execute(f"CREATE TABLE {table} ({cols})")
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in schema)})", rows)
    result = con.execute(sql).fetchall()
    assert len(result) == 1 and len(result[0]) == 1, result
    return result[0][0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qgate", default=".build/debug/qgate")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        histogram_engines.check(os.path.abspath(args.qgate), run, work, "duckdb")
    print(f"duckdb {duckdb.__version__}: all histogram checks passed")


if __name__ == "__main__":
    main()
