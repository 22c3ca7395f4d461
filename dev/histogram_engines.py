"""What dev/test_duckdb_histograms.py and dev/test_spark_histograms.py share:
a generated reference and current table (written as CSV for qgate's own path
and handed to the engine as typed rows), and the checks that the engine's
histograms, from the SQL `qgate drift sql` prints, are exactly qgate's.

An engine is a function run(sql, tables) -> the query's one value, where
tables maps a table name to (schema, rows); schema is [(column, "double"|"string")].
"""

import csv
import json
import math
import os
import random
import subprocess

# Hostile on purpose: quotes, a backslash, SQL and JSON syntax in names and values.
AMOUNT = "amount"
SCORE = 'we"ird\'\u0301col `x` \\ -- ;'
SOURCE = "source"
SCHEMA = [(AMOUNT, "double"), (SCORE, "double"), (SOURCE, "string")]
CATEGORIES = ["web", "app", "it's", 'say "hi"', "back\\slash", "é漢🙂", "'); DROP TABLE t; --", "NA", "", None]
TABLE_REF = 'train"ing'
TABLE_CUR = "serving`s"


def rows(n, seed, shift):
    """Integers as doubles, so many values sit exactly on quantile edges (closedness matters)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        amount = float(rng.randint(0, 40) + shift) if rng.random() > 0.03 else None
        r = rng.random()
        score = float("nan") if r < 0.02 else (float("inf") if r < 0.03 else round(rng.gauss(shift, 1), 3))
        weights = [30, 20, 5, 5, 5, 5, 3, 3, 2, 2] if shift == 0 else [20, 30, 5, 5, 5, 5, 3, 3, 2, 2]
        source = rng.choices(CATEGORIES, weights)[0]
        out.append((amount, score, source))
    return out


def write_csv(path, data):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([c for c, _ in SCHEMA])
        for amount, score, source in data:
            w.writerow(
                [
                    "" if amount is None else repr(amount),
                    "NaN" if isinstance(score, float) and math.isnan(score) else ("1e999" if score == float("inf") else repr(score)),
                    "" if source is None else source,
                ]
            )


def run_qgate(binary, *args, ok=(0, 1), cwd=None):
    p = subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd)
    if p.returncode not in ok:
        raise AssertionError(f"qgate {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p.stdout


def bins_of(report):
    return {c["name"]: (c["status"], c["bins"], c["psi"]) for c in json.loads(report)["columns"]}


def check(binary, run, workdir, dialect, log=print, table_ref=TABLE_REF, table_cur=TABLE_CUR):
    """Runs every check; raises AssertionError on the first difference. (Spark
    refuses quotes in a temporary view's name: it passes plain table names.)"""
    def qgate(binary, *args, ok=(0, 1)):  # in workdir: no quality-gates.yaml is picked up
        return run_qgate(binary, *args, ok=ok, cwd=workdir)

    ref, cur = rows(3000, 1, 0), rows(2000, 2, 3)
    tables = {table_ref: (SCHEMA, ref), table_cur: (SCHEMA, cur)}
    for k in range(3):
        tables[f"{table_cur}_{k}"] = (SCHEMA, cur[k::3])
    ref_csv, cur_csv = os.path.join(workdir, "ref.csv"), os.path.join(workdir, "cur.csv")
    write_csv(ref_csv, ref)
    write_csv(cur_csv, cur)

    def engine_histograms(name, table, *args):
        sql = qgate(binary, "drift", "sql", "--dialect", dialect, "--table", table, *args, ok=(0,))
        path = os.path.join(workdir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(run(sql, tables))
        return path

    # 1. Reference edges from qgate's CSV path; the engine bins with them.
    ref_hist = os.path.join(workdir, "ref.hist.json")
    qgate(binary, "drift", "--reference", ref_csv, "--emit-histograms", ref_hist, ok=(0,))
    for closed in ("right", "left"):
        hist = json.load(open(ref_hist, encoding="utf-8"))
        assert hist["closed"] == "right", hist["closed"]
        if closed == "left":
            # The same edges closed on the left: values on an edge move up one bin.
            hist["closed"] = "left"
            left = os.path.join(workdir, "ref.left.json")
            json.dump(hist, open(left, "w", encoding="utf-8"))
            counted = json.load(open(engine_histograms("ref.engine.left.json", table_ref, "--reference", left), encoding="utf-8"))
            assert counted["closed"] == "left"
            a, b = counted["columns"][AMOUNT]["counts"], hist["columns"][AMOUNT]["counts"]
            assert a != b and sum(a) == sum(b), (a, b)
            log(f"{dialect}: closed left moves values on edges: {b} -> {a}")
            continue
        counted = json.load(open(engine_histograms("ref.engine.json", table_ref, "--reference", ref_hist), encoding="utf-8"))
        assert counted == hist, f"reference counts differ:\nqgate:  {hist}\nengine: {counted}"
    log(f"{dialect}: reference histograms from the engine == qgate --emit-histograms")

    # 2. The current data: qgate on the two CSVs vs qgate on the engine's histograms.
    cur_hist = engine_histograms("cur.engine.json", table_cur, "--reference", ref_hist)
    from_csv = bins_of(qgate(binary, "drift", "--reference", ref_csv, "--current", cur_csv, "--format", "json"))
    from_engine = bins_of(qgate(binary, "drift", "--reference", ref_hist, "--current", cur_hist, "--format", "json"))
    assert from_csv == from_engine, f"bins differ:\nCSV:    {from_csv}\nengine: {from_engine}"
    log(f"{dialect}: current counts and PSI from the engine == qgate on the CSV ({len(from_csv)} columns)")

    # 3. Partials: three partitions counted apart, summed by qgate.
    parts = [engine_histograms(f"cur.part{k}.json", f"{table_cur}_{k}", "--reference", ref_hist) for k in range(3)]
    args = ["drift", "--reference", ref_hist]
    for p in parts:
        args += ["--current", p]
    from_parts = bins_of(qgate(binary, *args, "--format", "json"))
    assert from_parts == from_csv, f"summed partitions differ:\n{from_parts}\n{from_csv}"
    log(f"{dialect}: three partitions summed == the whole table")

    # 4. Edges from the engine's quantile function: read by qgate; rank error measured.
    approx = engine_histograms(
        "ref.approx.json", table_ref, "--numeric", f"{AMOUNT},{SCORE}", "--categorical", SOURCE, "--bins", "10"
    )
    hist = json.load(open(approx, encoding="utf-8"))
    worst = 0.0
    for column, index in ((AMOUNT, 0), (SCORE, 1)):
        values = sorted(r[index] for r in ref if r[index] is not None and math.isfinite(r[index]))
        edges, counts = hist["columns"][column]["edges"], hist["columns"][column]["counts"]
        assert sum(counts) == len(values), (column, sum(counts), len(values))
        assert edges == sorted(set(edges)), edges
        for e in edges:
            below, at_or_below = sum(v < e for v in values), sum(v <= e for v in values)
            # The edge is the q-quantile when q·n lies within [below, at_or_below].
            fractions = [k / 10 for k in range(1, 10)]
            miss = min(max(0.0, below / len(values) - q, q - at_or_below / len(values)) for q in fractions)
            worst = max(worst, miss)
    qgate(binary, "drift", "--reference", approx, "--current", approx, "--format", "json", ok=(0,))
    cur_approx = engine_histograms("cur.approx.json", table_cur, "--reference", approx)
    qgate(binary, "drift", "--reference", approx, "--current", cur_approx, ok=(0, 1))
    log(f"{dialect}: quantile edges read by qgate; largest rank error {worst:.4f} of the rows")
    return worst
