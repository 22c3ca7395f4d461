#!/usr/bin/env python3
"""Independent oracle for qgate's drift statistics (PSI, KL, JS per column).

Generates deterministic reference/current CSV pairs and computes, with
numpy/scipy and independently of qgate's Swift code, what qgate's drift
comparison must report for each column, in both binning modes:

    Tests/Fixtures/drift/<case>/reference.csv   exact bytes qgate reads
    Tests/Fixtures/drift/<case>/current.csv
    Tests/Fixtures/drift/<case>/expected.json   {"bins", "description", "results"}

The algorithm is the spec in Tests/Fixtures/drift/README.md, implemented
literally (see `analyze`).  Every CSV written is parsed back and must yield
exactly the cells that were generated, and --check recomputes every
expected.json from the CSV bytes alone.

Usage (from the repository root):
    python3 dev/drift_oracle.py                # regenerate all fixtures, then check
    python3 dev/drift_oracle.py --check        # only verify the committed fixtures
    python3 dev/drift_oracle.py --evidently    # optional: compare PSI with Evidently
    python3 dev/drift_oracle.py --out /tmp/fx  # write somewhere else
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift"
DEFAULT_BINS = 10
MODES = ("quantile", "equal-width")
EPS = 1e-4

# ---------------------------------------------------------------------------
# The spec
# ---------------------------------------------------------------------------

MISSING_TOKENS = frozenset(["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"])
NUMBER_RE = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


def is_number(cell: str) -> bool:
    """Whole cell matches qgate's number grammar (no spaces, no inf/nan, no hex)."""
    return NUMBER_RE.fullmatch(cell) is not None


def is_missing(cell: str) -> bool:
    """A cell-level predicate, applied the same way to every column and file:
    one of the missing tokens (exact match), or a grammar number that
    overflows to +-infinity (e.g. `1e999`)."""
    if cell in MISSING_TOKENS:
        return True
    return is_number(cell) and math.isinf(float(cell))


def parse_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    """RFC 4180: header row, then records.  A leading UTF-8 BOM is dropped.
    Every record must have exactly as many cells as the header."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not records:
        raise ValueError("empty CSV")
    header, rows = records[0], records[1:]
    if len(set(header)) != len(header):
        raise ValueError(f"duplicate column names: {header}")
    for i, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(f"record {i} has {len(row)} cells, header has {len(header)}")
    return header, rows


def infer_type(cells: list[str]) -> str:
    """numeric iff >=1 non-missing value and every non-missing value matches the grammar."""
    present = [c for c in cells if not is_missing(c)]
    if present and all(is_number(c) for c in present):
        return "numeric"
    return "categorical"


def numeric_edges(x: np.ndarray, bins: int, mode: str) -> np.ndarray:
    """Interior bin edges from the sorted, non-constant reference values x."""
    if mode == "quantile":
        qs = np.array([k / bins for k in range(1, bins)], dtype=np.float64)
        edges = np.quantile(x, qs)  # method='linear' (Hyndman & Fan type 7)
    elif mode == "equal-width":
        lo, hi = x.min(), x.max()
        step = (hi - lo) / bins
        edges = (np.arange(0, bins + 1) * step + lo)[1:-1]  # numpy.linspace's formula
    else:
        raise ValueError(mode)
    return np.unique(edges)


def shares_stats(ref_counts: list[int], cur_counts: list[int]) -> dict:
    """PSI and KL on eps-smoothed shares, JS on raw shares."""
    r = np.asarray(ref_counts, dtype=np.float64)
    c = np.asarray(cur_counts, dtype=np.float64)
    r = r / r.sum()
    c = c / c.sum()
    k = len(r)
    sr = (r + EPS) / (1 + k * EPS)
    sc = (c + EPS) / (1 + k * EPS)
    psi = float(np.sum((sc - sr) * np.log(sc / sr)))
    kl = float(entropy(sc, sr))  # KL(current || reference), natural log
    js = float(jensenshannon(c, r))  # distance, natural log, max sqrt(ln 2)
    for name, v in (("psi", psi), ("kl", kl), ("js", js)):
        if not math.isfinite(v):
            raise ArithmeticError(f"{name} is {v} for {ref_counts} vs {cur_counts}")
    return {"psi": psi, "kl": kl, "js": js}


def missing_share(cells: list[str]) -> float:
    return sum(1 for c in cells if is_missing(c)) / len(cells)


def column_result(ref: list[str] | None, cur: list[str] | None,
                  ref_rows: int, cur_rows: int, bins: int, mode: str) -> dict:
    out: dict = {}
    present = ref if ref is not None else cur
    ctype = infer_type(present)
    out["type"] = ctype
    null_stats = {"psi": None, "kl": None, "js": None}

    if ref is None or cur is None:
        out["status"] = "missing_in_reference" if ref is None else "missing_in_current"
        out.update(null_stats)
        if ctype == "numeric":
            out["edges"] = None
        else:
            out["categories"] = None
        out["reference_counts"] = None
        out["current_counts"] = None
        out["reference_missing_share"] = missing_share(ref) if ref is not None else None
        out["current_missing_share"] = missing_share(cur) if cur is not None else None
        out["reference_rows"] = ref_rows
        out["current_rows"] = cur_rows
        return out

    ref_present = [c for c in ref if not is_missing(c)]
    cur_present = [c for c in cur if not is_missing(c)]
    constant = False

    if ctype == "numeric":
        x = np.sort(np.array([float(c) for c in ref_present], dtype=np.float64))
        distinct = np.unique(x)
        if len(distinct) == 1:
            constant = True
            const = distinct[0]
            edges = [float(const)]
            n_bins = 3

            def bin_of(v: float) -> int:
                return 0 if v < const else (1 if v == const else 2)
        else:
            e = numeric_edges(x, bins, mode)
            edges = [float(v) for v in e]
            n_bins = len(edges) + 1

            def bin_of(v: float) -> int:
                return int(np.searchsorted(e, v, side="left"))

        ref_counts = [0] * n_bins
        for v in x:
            ref_counts[bin_of(v)] += 1
        cur_counts = [0] * n_bins
        non_numeric = 0
        for cell in cur_present:
            if is_number(cell):
                cur_counts[bin_of(float(cell))] += 1
            else:
                non_numeric += 1
        if non_numeric:  # the extra bin exists only when it is non-empty
            ref_counts.append(0)
            cur_counts.append(non_numeric)
        out["edges"] = edges
    else:
        cats = sorted(set(ref_present) | set(cur_present))
        rc, cc = Counter(ref_present), Counter(cur_present)
        ref_counts = [rc[k] for k in cats]
        cur_counts = [cc[k] for k in cats]
        cats, ref_counts, cur_counts = merge_sparse(cats, ref_counts, cur_counts)
        out["categories"] = cats

    if not ref_present or not cur_present:
        out["status"] = "all_missing"
        out.update(null_stats)
    else:
        out["status"] = "constant" if constant else "ok"
        out.update(shares_stats(ref_counts, cur_counts))
    out["reference_counts"] = ref_counts
    out["current_counts"] = cur_counts
    out["reference_missing_share"] = missing_share(ref)
    out["current_missing_share"] = missing_share(cur)
    out["reference_rows"] = ref_rows
    out["current_rows"] = cur_rows
    # stable key order: type, status, psi, kl, js, edges|categories, counts, shares, rows
    order = ["type", "status", "psi", "kl", "js", "edges", "categories",
             "reference_counts", "current_counts", "reference_missing_share",
             "current_missing_share", "reference_rows", "current_rows"]
    return {k: out[k] for k in order if k in out}


def merge_sparse(cats: list, ref_counts: list, cur_counts: list):
    """Categories whose expected current count, reference share x current
    values, is below 5 go into one last bin "(other: N categories)"; nothing
    is merged when fewer than two are rare or when all are."""
    n, m = sum(ref_counts), sum(cur_counts)
    if n == 0 or m == 0:
        return cats, ref_counts, cur_counts
    rare = [i for i in range(len(cats)) if ref_counts[i] / n * m < 5]
    if len(rare) < 2 or len(rare) == len(cats):
        return cats, ref_counts, cur_counts
    kept = [i for i in range(len(cats)) if i not in rare]
    return ([cats[i] for i in kept] + [f"(other: {len(rare)} categories)"],
            [ref_counts[i] for i in kept] + [sum(ref_counts[i] for i in rare)],
            [cur_counts[i] for i in kept] + [sum(cur_counts[i] for i in rare)])


def analyze(ref_bytes: bytes, cur_bytes: bytes, bins: int) -> dict:
    """Per mode, per column (reference order, then current-only columns)."""
    rh, rrows = parse_csv(ref_bytes)
    ch, crows = parse_csv(cur_bytes)
    columns = rh + [c for c in ch if c not in rh]
    ref_cols = {name: [row[i] for row in rrows] for i, name in enumerate(rh)}
    cur_cols = {name: [row[i] for row in crows] for i, name in enumerate(ch)}
    results = {}
    for mode in MODES:
        results[mode] = {
            name: column_result(ref_cols.get(name), cur_cols.get(name),
                                len(rrows), len(crows), bins, mode)
            for name in columns
        }
    return results


# ---------------------------------------------------------------------------
# CSV writing
# ---------------------------------------------------------------------------

class Q(str):
    """A cell that is written quoted even though it need not be."""


def quote(cell: str) -> str:
    if isinstance(cell, Q) or any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_csv(columns: dict[str, list[str]], *, crlf=False, bom=False,
              final_newline=True) -> bytes:
    names = list(columns)
    n = len(columns[names[0]])
    assert all(len(v) == n for v in columns.values()), "ragged columns"
    eol = "\r\n" if crlf else "\n"
    lines = [",".join(quote(c) for c in names)]
    for i in range(n):
        lines.append(",".join(quote(columns[c][i]) for c in names))
    text = eol.join(lines) + (eol if final_newline else "")
    data = text.encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    # the bytes must parse back to exactly the generated cells
    header, rows = parse_csv(data)
    assert header == [str(c) for c in names], (header, names)
    for i, row in enumerate(rows):
        expect = [str(columns[c][i]) for c in names]
        assert row == expect, (i, row, expect)
    assert len(rows) == n
    return data


# ---------------------------------------------------------------------------
# Cell generators
# ---------------------------------------------------------------------------

def fmt(values, spec: str) -> list[str]:
    """Format floats as CSV cells; spec is 'repr', 'int' or a format spec like '.3f'.
    Zero is always written without a sign so that no -0.0 can reach an edge."""
    out = []
    for v in values:
        v = float(v)
        if spec == "int":
            s = str(int(round(v)))
            out.append("0" if s == "-0" else s)
        else:
            s = repr(v) if spec == "repr" else format(v, spec)
            if float(s) == 0.0:
                s = s.lstrip("-")
            out.append(s)
    return out


def choice(rng, options, n, p=None) -> list[str]:
    idx = rng.choice(len(options), size=n, p=p)
    return [options[i] for i in idx]


def sprinkle(rng, cells: list[str], frac: float, tokens) -> list[str]:
    """Replace a random fraction of the cells with tokens drawn from `tokens`."""
    cells = list(cells)
    n = len(cells)
    k = int(round(frac * n))
    where = rng.choice(n, size=k, replace=False)
    picks = rng.choice(len(tokens), size=k)
    for i, t in zip(where, picks):
        cells[int(i)] = tokens[int(t)]
    return cells


ALL_MISSING_SPELLINGS = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

CASES = []


def case(fn):
    CASES.append(fn)
    return fn


@case
def normal_shift():
    rng = np.random.default_rng(101)
    nr, nc = 2000, 2000
    ref = {
        "same": fmt(rng.normal(0, 1, nr), "repr"),
        "mean_shift": fmt(rng.normal(0, 1, nr), ".4f"),
        "scale_shift": fmt(rng.normal(10, 2, nr), ".3f"),
        "big_shift": fmt(rng.normal(0, 1, nr), ".3f"),
        "segment": choice(rng, ["A", "B", "C", "D"], nr, [0.4, 0.3, 0.2, 0.1]),
        "row_id": [str(i) for i in range(1, nr + 1)],
    }
    cur = {
        "same": fmt(rng.normal(0, 1, nc), "repr"),
        "mean_shift": fmt(rng.normal(0.5, 1, nc), ".4f"),
        "scale_shift": fmt(rng.normal(10, 3, nc), ".3f"),
        "big_shift": fmt(rng.normal(3, 1, nc), ".3f"),
        "segment": choice(rng, ["A", "B", "C", "D"], nc, [0.25, 0.25, 0.25, 0.25]),
        "row_id": [str(i) for i in range(nr + 1, nr + nc + 1)],
    }
    return dict(description="normal vs shifted/rescaled normal; ids entirely above the "
                "reference range (all in the last bin)", ref=ref, cur=cur)


@case
def same_distribution():
    rng = np.random.default_rng(202)
    n = 5000

    def draw():
        return {
            "gauss": fmt(rng.normal(5, 1.5, n), ".5f"),
            "uniform": fmt(rng.uniform(0, 100, n), ".2f"),
            "expon": fmt(rng.exponential(2.0, n), ".6g"),
            "poisson": fmt(rng.poisson(4, n), "int"),
            "color": choice(rng, ["red", "green", "blue", "black", "white"], n,
                            [0.3, 0.25, 0.2, 0.15, 0.1]),
            "flag": choice(rng, ["true", "false"], n, [0.7, 0.3]),
        }
    return dict(description="reference and current drawn from the same distributions "
                "(small PSI/KL/JS)", ref=draw(), cur=draw())


@case
def heavy_tailed():
    rng = np.random.default_rng(303)
    nr, nc = 3000, 2500
    ref = {
        "lognormal": fmt(rng.lognormal(0, 1, nr), "repr"),
        "pareto": fmt((rng.pareto(1.5, nr) + 1) * 1000, ".2f"),
        "student_t2": fmt(rng.standard_t(2, nr), ".6g"),
        "cauchy": fmt(rng.standard_cauchy(nr), ".6g"),
        "income": sprinkle(rng, fmt(rng.lognormal(10, 1, nr), "int"), 0.02, ["NA"]),
    }
    cur = {
        "lognormal": fmt(rng.lognormal(0.2, 1.2, nc), "repr"),
        "pareto": fmt((rng.pareto(1.2, nc) + 1) * 1000, ".2f"),
        "student_t2": fmt(rng.standard_t(2, nc), ".6g"),
        "cauchy": fmt(rng.standard_cauchy(nc), ".6g"),
        "income": sprinkle(rng, fmt(rng.lognormal(10.3, 1.1, nc), "int"), 0.05, ["NA"]),
    }
    return dict(description="heavy tails (lognormal, Pareto, Student t2, Cauchy): "
                "equal-width bins nearly empty, extremes beyond the reference range",
                ref=ref, cur=cur)


@case
def integer_ties():
    rng = np.random.default_rng(404)
    n = 1500

    def mixed_repr(vals):
        forms = [lambda v: str(v), lambda v: f"{v}.0", lambda v: f"{v}.",
                 lambda v: f"+{v}", lambda v: f"{v}e0", lambda v: f"0.{v}E1",
                 lambda v: f"{v}00e-2", lambda v: f"00{v}"]
        picks = rng.integers(0, len(forms), size=len(vals))
        return [forms[p](int(v)) for v, p in zip(vals, picks)]

    def mostly_zero(p0):
        z = rng.random(n) < p0
        v = rng.integers(1, 6, size=n)
        return fmt(np.where(z, 0, v), "int")

    ref = {
        "dice": fmt(rng.integers(1, 7, n), "int"),
        "poisson_small": fmt(rng.poisson(1.2, n), "int"),
        "mostly_zero": mostly_zero(0.9),
        "binary": fmt(rng.random(n) < 0.3, "int"),
        "mixed_repr": mixed_repr(rng.integers(1, 5, n)),
        "year": fmt(rng.integers(2015, 2025, n), "int"),
    }
    cur = {
        "dice": choice(rng, ["1", "2", "3", "4", "5", "6"], n, [0.1, 0.1, 0.1, 0.1, 0.1, 0.5]),
        "poisson_small": fmt(rng.poisson(1.6, n), "int"),
        "mostly_zero": mostly_zero(0.8),
        "binary": fmt(rng.random(n) < 0.5, "int"),
        "mixed_repr": mixed_repr(rng.integers(1, 6, n)),
        "year": fmt(rng.integers(2018, 2027, n), "int"),
    }
    return dict(description="integer values with many ties: quantile edges collapse "
                "(np.unique), one value written in many grammar forms", ref=ref, cur=cur)


@case
def out_of_range():
    rng = np.random.default_rng(505)
    nr, nc = 1000, 800
    ref = {
        "u01_shift": fmt(rng.uniform(0, 1, nr), ".6f"),
        "below": fmt(rng.uniform(10, 20, nr), ".3f"),
        "above": fmt(rng.uniform(10, 20, nr), ".3f"),
        "wider": fmt(rng.normal(0, 1, nr), ".4f"),
        "exact_edges": fmt(np.tile(np.arange(10), nr // 10), "int"),
    }
    cur = {
        "u01_shift": fmt(rng.uniform(0.5, 1.5, nc), ".6f"),
        "below": fmt(rng.uniform(0, 5, nc), ".3f"),
        "above": fmt(rng.uniform(25, 30, nc), ".3f"),
        "wider": fmt(rng.normal(0, 5, nc), ".4f"),
        "exact_edges": fmt(rng.integers(-2, 13, nc), "int"),
    }
    return dict(description="current values outside the reference range (end bins); "
                "values exactly on edges (side='left')", ref=ref, cur=cur)


@case
def constant_columns():
    rng = np.random.default_rng(606)
    n = 600
    ref = {
        "const_same": ["7"] * n,
        "const_diff": ["7"] * n,
        "const_with_missing": sprinkle(rng, ["2.5"] * n, 0.1, ["NA", ""]),
        "const_float_repr": choice(rng, ["1", "1.0", "1e0", "1.00", "+1", "10e-1"], n),
        "const_non_numeric": ["0"] * n,
        "const_cur_all_missing": ["5"] * n,
        "const_cat": ["x"] * n,
        "normal": fmt(rng.normal(0, 1, n), ".4f"),
    }
    cur = {
        "const_same": ["7"] * n,
        "const_diff": choice(rng, ["6", "7", "8", "7.5", "100", "-3"], n,
                             [0.1, 0.5, 0.1, 0.1, 0.1, 0.1]),
        "const_with_missing": sprinkle(rng, choice(rng, ["2.5", "3"], n, [0.8, 0.2]),
                                       0.05, ["null"]),
        "const_float_repr": choice(rng, ["1", "0.999", "1.001", "1.0"], n),
        "const_non_numeric": choice(rng, ["0", "zero", "-1"], n, [0.6, 0.2, 0.2]),
        "const_cur_all_missing": ["NA"] * n,
        "const_cat": choice(rng, ["x", "y"], n, [0.7, 0.3]),
        "normal": fmt(rng.normal(0, 1, n), ".4f"),
    }
    return dict(description="constant numeric reference (3 bins <c, =c, >c), current equal "
                "and different, with non-numeric and all-missing current", ref=ref, cur=cur)


@case
def sparse_categories():
    # 30 categories with Zipf-like shares, no drift: the rare ones (expected
    # current count below 5 in 300 rows) are merged into one "(other: N
    # categories)" bin; `few` has only two rare categories, `broad` none.
    rng = np.random.default_rng(1130)
    cats = [f"c{i:02d}" for i in range(30)]
    p = 1 / np.arange(1, 31)
    p = p / p.sum()

    def draw(n):
        return {"zipf": choice(rng, cats, n, list(p)),
                "few": choice(rng, ["a", "b", "c", "d"], n, [0.49, 0.49, 0.01, 0.01]),
                "broad": choice(rng, ["x", "y", "z"], n)}
    return dict(description="sparse categories merged into one bin (expected current count < 5)",
                ref=draw(3000), cur=draw(300))


@case
def missing_values():
    rng = np.random.default_rng(707)
    n = 1000
    tokens = ALL_MISSING_SPELLINGS + ["1e999", "-1e999", "2E+400", Q("NA"), Q("")]
    lookalikes = ["na", "Na", "n/a", "NONE", "none", " NA", "NA ", "Null", "NAN",
                  "-", "?", "inf", "missing"]
    ref = {
        "value": sprinkle(rng, fmt(rng.normal(0, 1, n), ".4f"), 0.15, tokens),
        "all_missing_ref": choice(rng, tokens, n),
        "all_missing_cur": fmt(rng.normal(50, 10, n), ".2f"),
        "all_missing_both": choice(rng, ALL_MISSING_SPELLINGS, n),
        "lookalikes": sprinkle(rng, choice(rng, lookalikes, n), 0.1, ["NA", ""]),
        "category": sprinkle(rng, choice(rng, ["low", "mid", "high"], n), 0.2,
                             ["", "None", "null", "N/A"]),
    }
    cur = {
        "value": sprinkle(rng, fmt(rng.normal(0.2, 1, n), ".4f"), 0.25, tokens),
        "all_missing_ref": fmt(rng.integers(0, 5, n), "int"),
        "all_missing_cur": choice(rng, tokens, n),
        "all_missing_both": choice(rng, tokens, n),
        "lookalikes": sprinkle(rng, choice(rng, lookalikes, n), 0.3, ["NULL", "nan"]),
        "category": sprinkle(rng, choice(rng, ["low", "mid", "high"], n), 0.05, ["NaN"]),
    }
    return dict(description="missing values in every spelling, overflowing numbers as "
                "missing, all-missing columns, non-missing look-alikes", ref=ref, cur=cur)


@case
def schema_mismatch():
    rng = np.random.default_rng(808)
    nr, nc = 700, 900
    ref = {
        "id": fmt(np.arange(nr), "int"),
        "a": fmt(rng.normal(0, 1, nr), ".4f"),
        "b": choice(rng, ["x", "y", "z"], nr),
        "only_ref_num": fmt(rng.uniform(0, 1, nr), ".4f"),
        "only_ref_cat": choice(rng, ["p", "q"], nr),
        "c": fmt(rng.poisson(3, nr), "int"),
    }
    cur = {
        "c": fmt(rng.poisson(3.5, nc), "int"),
        "b": choice(rng, ["x", "y", "z"], nc, [0.5, 0.3, 0.2]),
        "only_cur_num": sprinkle(rng, fmt(rng.uniform(0, 1, nc), ".4f"), 0.1, ["NA"]),
        "id": fmt(np.arange(nc) + 350, "int"),
        "a": fmt(rng.normal(0.1, 1.1, nc), ".4f"),
        "only_cur_cat": choice(rng, ["r", "s", "t"], nc),
    }
    return dict(description="columns only in the reference / only in the current, "
                "different column order, different row counts", ref=ref, cur=cur)


@case
def categorical_unicode():
    rng = np.random.default_rng(909)
    nr, nc = 1200, 1000
    cities_ref = ["Zürich", "München", "São Paulo", "Kraków", "Reykjavík", "東京",
                  "Москва", "Αθήνα"]
    cities_cur = ["Zürich", "München", "São Paulo", "Reykjavík", "東京", "Москва",
                  "Αθήνα", "القاهرة"]
    # code point order differs from UTF-16 order for the emoji vs U+FF03
    symbols = ["😀", "🚀", "＃", "a", "A", "Z", "z", "é", "ß"]
    ref = {
        "città": choice(rng, cities_ref, nr),
        "symbol": choice(rng, symbols[:7], nr),
        "codes": choice(rng, ["1", "2", "10", "x"], nr, [0.3, 0.3, 0.3, 0.1]),
        "status": choice(rng, ["ok", "OK", "Ok"], nr, [0.5, 0.3, 0.2]),
        "名前": choice(rng, ["a b", " a", "a ", "a", "\ta"], nr),
        "score": fmt(rng.normal(0, 1, nr), ".3f"),
    }
    cur = {
        "città": choice(rng, cities_cur, nc),
        "symbol": choice(rng, symbols[2:], nc),
        "codes": choice(rng, ["1", "2", "10", "20", "x"], nc),
        "status": choice(rng, ["ok", "OK", "Ok", "oK"], nc),
        "名前": choice(rng, ["a b", " a", "a ", "a"], nc),
        "score": fmt(rng.normal(0, 1, nc), ".3f"),
    }
    return dict(description="categorical with unicode (BOM in reference.csv only), categories "
                "unseen in either file, case/whitespace-significant values, "
                "number-like strings in a categorical column",
                ref=ref, cur=cur, ref_opts=dict(bom=True))


@case
def non_numeric_current():
    rng = np.random.default_rng(1010)
    n = 800
    junk = ["abc", "inf", "-inf", "Infinity", "1,5", "0x1F", " 3", "3 ", "1e", "e5",
            ".", "-", "+", "1.2.3", "½", "٣", "１", "1_000", "$5", "5%"]

    def grammar_forms(vals):
        forms = [lambda v: repr(v), lambda v: f"{v:.3e}", lambda v: f"{v:.3E}",
                 lambda v: ("+" if v >= 0 else "") + f"{v:.2f}",
                 lambda v: f"{v:.1f}".replace("0.", ".", 1) if 0 < v < 1 else f"{v:.1f}",
                 lambda v: f"{v:.0f}." if v >= 0 else f"{v:.0f}",
                 lambda v: f"00{v:.2f}" if v >= 0 else f"{v:.2f}"]
        picks = rng.integers(0, len(forms), size=len(vals))
        out = [forms[p](float(v)) for v, p in zip(vals, picks)]
        out = ["0" if float(s) == 0.0 else s for s in out]  # never a signed zero
        assert all(is_number(s) for s in out), [s for s in out if not is_number(s)]
        return out

    ref_inf = fmt(rng.normal(0, 1, n), ".1f")
    ref_inf[17] = "inf"
    ref_space = fmt(rng.integers(0, 100, n), "int")
    ref_space[3] = " 42"
    ref = {
        "amount": fmt(rng.gamma(2, 50, n), ".2f"),
        "grammar_forms": grammar_forms(rng.normal(1, 2, n)),
        "ref_inf_text": ref_inf,
        "ref_space": ref_space,
        "clean": fmt(rng.uniform(-1, 1, n), ".4f"),
        "all_text_current": fmt(rng.normal(0, 1, n), ".3f"),
        "const_with_junk": ["3"] * n,
    }
    cur = {
        "amount": sprinkle(rng, fmt(rng.gamma(2, 55, n), ".2f"), 0.05, junk),
        "grammar_forms": grammar_forms(rng.normal(1.5, 2, n)),
        "ref_inf_text": fmt(rng.normal(0.2, 1, n), ".1f"),
        "ref_space": fmt(rng.integers(0, 100, n), "int"),
        "clean": fmt(rng.uniform(-1, 1, n), ".4f"),
        "all_text_current": choice(rng, ["low", "high"], n),
        "const_with_junk": sprinkle(rng, ["3"] * n, 0.1, junk),
    }
    return dict(description="numeric reference, current with non-numeric strings (extra "
                "last bin); grammar edge forms; one non-grammar reference cell makes a "
                "column categorical", ref=ref, cur=cur)


@case
def rfc4180_crlf():
    rng = np.random.default_rng(1111)
    n = 600
    notes = ["plain", "a, b", 'say "hi"', "line1\nline2", "line1\r\nline2", "cr\ronly",
             '"', '""', ",", "trailing,", "  spaced  ", "x\n\ny"]
    quotes = ['he said "yes"', '"quoted"', "comma, inside", "'single'", "no"]

    def priced(mean):
        vals = fmt(rng.normal(mean, 5, n), ".2f")
        return [Q(v) if i % 3 == 0 else v for i, v in enumerate(vals)]

    def quoted_missing(mean):
        vals = fmt(rng.normal(mean, 1, n), ".3f")
        vals = sprinkle(rng, vals, 0.1, [Q("NA"), Q(""), "", Q("N/A")])
        return [Q(v) if i % 5 == 0 and not isinstance(v, Q) else v for i, v in enumerate(vals)]

    ref = {
        "id": fmt(np.arange(n), "int"),
        "price, usd": priced(20),
        'quote "q"': choice(rng, quotes, n),
        "notes": choice(rng, notes[:10], n),
        "multi\nline header": choice(rng, ["u", "v"], n),
        "quoted_missing": quoted_missing(0),
    }
    cur = {
        "id": fmt(np.arange(n), "int"),
        "price, usd": priced(22),
        'quote "q"': choice(rng, quotes, n, [0.4, 0.3, 0.1, 0.1, 0.1]),
        "notes": choice(rng, notes[2:], n),
        "multi\nline header": choice(rng, ["u", "v", "w"], n),
        "quoted_missing": quoted_missing(0.3),
    }
    return dict(description="RFC 4180 quoting (commas, doubled quotes, LF/CRLF/CR inside "
                "quoted cells and a header), unnecessary quotes around numbers and missing "
                "tokens, CRLF line endings, no final line break in current.csv",
                ref=ref, cur=cur, ref_opts=dict(crlf=True),
                cur_opts=dict(crlf=True, final_newline=False))


@case
def bins5():
    rng = np.random.default_rng(1212)
    n = 2500
    ref = {
        "normal": fmt(rng.normal(0, 1, n), ".4f"),
        "ints": fmt(rng.binomial(20, 0.3, n), "int"),
        "lognormal": fmt(rng.lognormal(1, 0.8, n), ".5g"),
        "cat": choice(rng, ["alpha", "beta", "gamma"], n, [0.5, 0.3, 0.2]),
        "const": ["0.1"] * n,
        "sparse": sprinkle(rng, fmt(rng.uniform(0, 10, n), ".1f"), 0.6, ["NA"]),
    }
    cur = {
        "normal": fmt(rng.normal(0.3, 1.2, n), ".4f"),
        "ints": fmt(rng.binomial(20, 0.35, n), "int"),
        "lognormal": fmt(rng.lognormal(1, 0.8, n), ".5g"),
        "cat": choice(rng, ["alpha", "beta", "gamma", "delta"], n, [0.4, 0.3, 0.2, 0.1]),
        "const": choice(rng, ["0.1", "0.10", "0.2", "0.05"], n, [0.7, 0.1, 0.1, 0.1]),
        "sparse": sprinkle(rng, fmt(rng.uniform(2, 12, n), ".1f"), 0.2, ["NA"]),
    }
    return dict(description="bins=5 with the same kinds of columns", ref=ref, cur=cur, bins=5)


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def build(fn) -> tuple[dict, bytes, bytes]:
    spec = fn()
    ref = write_csv(spec["ref"], **spec.get("ref_opts", {}))
    cur = write_csv(spec["cur"], **spec.get("cur_opts", {}))
    bins = spec.get("bins", DEFAULT_BINS)
    expected = {"bins": bins, "description": spec["description"],
                "results": analyze(ref, cur, bins)}
    return expected, ref, cur


def dump(expected: dict) -> str:
    return json.dumps(expected, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for fn in CASES:
        expected, ref, cur = build(fn)
        d = out / fn.__name__
        d.mkdir(exist_ok=True)
        (d / "reference.csv").write_bytes(ref)
        (d / "current.csv").write_bytes(cur)
        (d / "expected.json").write_text(dump(expected), encoding="utf-8")
        n_cols = len(expected["results"]["quantile"])
        print(f"wrote {d.name}: {n_cols} columns, bins={expected['bins']}")


def rederive(results: dict, ref_bytes: bytes, cur_bytes: bytes) -> float:
    """Second, loop-based derivation of counts and statistics (bisect instead of
    searchsorted, math.fsum/log instead of numpy/scipy), the way a non-numpy
    implementation would compute them.  Counts must agree exactly; returns the
    largest relative difference of psi/kl/js (summation order only)."""
    import bisect
    rh, rrows = parse_csv(ref_bytes)
    ch, crows = parse_csv(cur_bytes)
    worst = 0.0
    for mode_results in results.values():
        for col, res in mode_results.items():
            if res["reference_counts"] is None:
                continue
            ref = [row[rh.index(col)] for row in rrows if not is_missing(row[rh.index(col)])]
            cur = [row[ch.index(col)] for row in crows if not is_missing(row[ch.index(col)])]
            if res["type"] == "numeric":
                edges = res["edges"]
                if res["status"] == "constant" or (res["status"] == "all_missing"
                                                   and len(set(map(float, ref))) == 1):
                    c0 = edges[0]

                    def keys(v):
                        return 0 if v < c0 else (1 if v == c0 else 2)
                    nb = 3
                else:
                    def keys(v):
                        return bisect.bisect_left(edges, v)
                    nb = len(edges) + 1
                rc, cc = [0] * nb, [0] * nb
                for cell in ref:
                    rc[keys(float(cell))] += 1
                bad = 0
                for cell in cur:
                    if is_number(cell):
                        cc[keys(float(cell))] += 1
                    else:
                        bad += 1
                if bad:
                    rc.append(0)
                    cc.append(bad)
            else:
                cats = sorted(set(ref) | set(cur))
                cats, rc, cc = merge_sparse(cats, [ref.count(k) for k in cats], [cur.count(k) for k in cats])
                assert cats == res["categories"], col
            assert rc == res["reference_counts"] and cc == res["current_counts"], col
            if res["psi"] is None:
                continue
            k = len(rc)
            r = [x / len(ref) for x in rc]
            c = [x / len(cur) for x in cc]
            sr = [(x + EPS) / (1 + k * EPS) for x in r]
            sc = [(x + EPS) / (1 + k * EPS) for x in c]
            psi = math.fsum((b - a) * math.log(b / a) for a, b in zip(sr, sc))
            kl = math.fsum(b * math.log(b / a) for a, b in zip(sr, sc))
            m = [(a + b) / 2 for a, b in zip(r, c)]
            js2 = math.fsum(x * math.log(x / y) for x, y in zip(c, m) if x > 0) + \
                math.fsum(x * math.log(x / y) for x, y in zip(r, m) if x > 0)
            js = math.sqrt(max(js2, 0.0) / 2)
            for ours, mine in ((res["psi"], psi), (res["kl"], kl), (res["js"], js)):
                diff = abs(ours - mine) / max(abs(mine), 1e-300) if mine else abs(ours)
                assert diff < 1e-9, (col, ours, mine)
                worst = max(worst, diff)
    return worst


def check(out: Path) -> int:
    """Recompute every expected.json from the committed CSVs; also warn if the
    generator no longer reproduces the committed CSV bytes."""
    failures = 0
    dirs = sorted(p for p in out.iterdir() if (p / "expected.json").exists())
    known = {fn.__name__: fn for fn in CASES}
    for d in dirs:
        committed = json.loads((d / "expected.json").read_text(encoding="utf-8"))
        ref, cur = (d / "reference.csv").read_bytes(), (d / "current.csv").read_bytes()
        recomputed = analyze(ref, cur, committed["bins"])
        if json.dumps(recomputed, allow_nan=False) != json.dumps(committed["results"]):
            failures += 1
            print(f"FAIL {d.name}: expected.json differs from the recomputation")
            for mode in MODES:
                for col, res in recomputed[mode].items():
                    if committed["results"].get(mode, {}).get(col) != res:
                        print(f"  {mode} / {col!r}")
            continue
        worst = rederive(recomputed, ref, cur)
        if d.name in known:
            _, gref, gcur = build(known[d.name])
            if gref != ref or gcur != cur:
                print(f"WARN {d.name}: generator no longer reproduces the CSV bytes "
                      f"(numpy {np.__version__}); expected.json still matches the CSVs")
        print(f"ok   {d.name} (loop re-derivation: max rel. diff {worst:.1e})")
    missing = set(known) - {d.name for d in dirs}
    for name in sorted(missing):
        failures += 1
        print(f"FAIL {name}: no fixture directory")
    print(f"{len(dirs)} cases checked, {failures} failure(s)")
    return failures


# ---------------------------------------------------------------------------
# Optional cross-check against Evidently (never used for the fixtures)
# ---------------------------------------------------------------------------

def evidently_crosscheck(out: Path, case_name: str = "normal_shift") -> None:
    import pandas as pd
    import evidently
    from evidently.legacy.calculations.stattests.psi import _psi
    from evidently.legacy.core import ColumnType

    d = out / case_name
    ref_b, cur_b = (d / "reference.csv").read_bytes(), (d / "current.csv").read_bytes()
    ours = analyze(ref_b, cur_b, DEFAULT_BINS)["equal-width"]
    rh, rrows = parse_csv(ref_b)
    ch, crows = parse_csv(cur_b)
    print(f"Evidently {evidently.__version__}, case {case_name}, qgate bins: equal-width, 10")
    print(f"{'column':<12} {'qgate PSI':>12} {'Evidently PSI, qgate bins':>26} "
          f"{'Evidently PSI, own bins':>24}")
    for col, res in ours.items():
        if res["type"] != "numeric" or res["status"] != "ok":
            continue
        r = [float(row[rh.index(col)]) for row in rrows]
        c = [float(row[ch.index(col)]) for row in crows]
        e = np.asarray(res["edges"])
        # same bins as qgate: hand Evidently the bin index as a categorical value
        rb = pd.Series(np.searchsorted(e, r, side="left"))
        cb = pd.Series(np.searchsorted(e, c, side="left"))
        same_bins, _ = _psi(rb, cb, ColumnType.Categorical, 0.1)
        # Evidently's own numeric binning (Sturges, equal width over both samples)
        own_bins, _ = _psi(pd.Series(r), pd.Series(c), ColumnType.Numerical, 0.1)
        print(f"{col:<12} {res['psi']:>12.6f} {float(same_bins):>26.6f} {float(own_bins):>24.6f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="only verify existing fixtures")
    ap.add_argument("--evidently", action="store_true",
                    help="print a PSI comparison with Evidently (needs `pip install evidently`)")
    args = ap.parse_args()
    if args.evidently:
        evidently_crosscheck(args.out)
        return 0
    if not args.check:
        generate(args.out)
    return 1 if check(args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
