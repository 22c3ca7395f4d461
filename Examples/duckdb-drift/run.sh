#!/usr/bin/env bash
# Drift with the counting done where the data lives (DuckDB), in one command:
#   1. qgate prints the SQL for the reference's histograms (edges from DuckDB's
#      approx_quantile) and DuckDB runs it: reference.hist.json;
#   2. qgate prints the SQL that bins the serving table with those edges, and
#      DuckDB runs it: current.hist.json;
#   3. qgate drift compares the two files (exit 1: retraining is due).
# Needs a built qgate and a Python with the duckdb wheel:
#   QGATE=.build/debug/qgate PYTHON=.build-venv/bin/python bash Examples/duckdb-drift/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# Absolute before the cd below: QGATE and PYTHON may be relative to where this was started.
absolute() { case "$1" in /*) printf '%s\n' "$1" ;; */*) printf '%s\n' "$PWD/$1" ;; *) command -v "$1" ;; esac; }
qgate="$(absolute "${QGATE:-$root/.build/debug/qgate}")"
python="$(absolute "${PYTHON:-$root/.build-venv/bin/python}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/shop.duckdb"
cd "$work"

"$python" "$here/query.py" "$db" < "$here/make_tables.sql"

"$qgate" drift sql --dialect duckdb --table orders_train \
  --numeric price,items --categorical channel,country > reference.sql
"$python" "$here/query.py" "$db" < reference.sql > reference.hist.json

"$qgate" drift sql --dialect duckdb --table orders_serving --reference reference.hist.json > current.sql
"$python" "$here/query.py" "$db" < current.sql > current.hist.json

# No policy here: the defaults (PSI > 0.2 drifts a column; 30 % of columns retrain).
"$qgate" drift --reference reference.hist.json --current current.hist.json
