"""Runs the SQL on stdin in a DuckDB database file and prints the first value
of the last statement's result: for `qgate drift sql`'s query, the
qgate.histograms/v1 document. (The DuckDB CLI does the same with
`duckdb -noheader -list FILE < query.sql`.)"""

import sys

import duckdb

rows = duckdb.connect(sys.argv[1]).execute(sys.stdin.read()).fetchall()
if rows and rows[0] and rows[0][0] is not None:
    print(rows[0][0])
