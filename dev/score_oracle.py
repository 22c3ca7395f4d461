#!/usr/bin/env python3
"""Independent oracle for `qgate score` (predictions -> metrics) and
`qgate profile` (dataset readiness), computed with scikit-learn/numpy/pandas.

Writes deterministic fixtures:

    Tests/Fixtures/score/<case>/predictions.csv   exact bytes qgate reads
    Tests/Fixtures/score/<case>/options.json      the command's options
    Tests/Fixtures/score/<case>/expected.json     flat {"dotted.metric": number | null}
    Tests/Fixtures/profile/<case>/data.csv
    Tests/Fixtures/profile/<case>/options.json
    Tests/Fixtures/profile/<case>/expected.json

Every expected.json is computed from the CSV bytes alone (`score_metrics`,
`profile_metrics`), so `--check` can recompute it from the committed files.
sklearn is used wherever it has the metric; numpy where it has not (ECE/MCE,
cross-checked against sklearn.calibration.calibration_curve), pandas for the
profile. `--check` also re-derives every score metric a second time with plain
loops and no sklearn (`plain_score`) and requires agreement to 1e-12.

Usage (from the repository root):
    python3 dev/score_oracle.py            # regenerate all fixtures, then check
    python3 dev/score_oracle.py --check    # only verify the committed fixtures
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    max_error,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    precision_recall_fscore_support,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    root_mean_squared_error,
)

ROOT = Path(__file__).resolve().parent.parent
SCORE_OUT = ROOT / "Tests" / "Fixtures" / "score"
PROFILE_OUT = ROOT / "Tests" / "Fixtures" / "profile"

MISSING_TOKENS = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]

SCORE_OPTION_KEYS = ["task", "label", "score", "prediction", "proba_prefix", "groups",
                     "latency", "positive", "threshold", "calibration_bins", "bootstrap",
                     "seed", "confidence"]

# ---------------------------------------------------------------------------
# CSV (RFC 4180) reading and writing
# ---------------------------------------------------------------------------


def parse_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, rows = records[0], records[1:]
    assert len(set(header)) == len(header), header
    for i, row in enumerate(rows, start=2):
        assert len(row) == len(header), (i, row)
    return header, rows


def quote(cell: str) -> str:
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_csv(columns: dict[str, list[str]], *, crlf: bool = False) -> bytes:
    names = list(columns)
    n = len(columns[names[0]])
    assert all(len(v) == n for v in columns.values()), "ragged columns"
    for v in columns.values():
        assert all(isinstance(c, str) for c in v)
    eol = "\r\n" if crlf else "\n"
    lines = [",".join(quote(c) for c in names)]
    for i in range(n):
        lines.append(",".join(quote(columns[c][i]) for c in names))
    data = (eol.join(lines) + eol).encode("utf-8")
    header, rows = parse_csv(data)  # must read back to exactly the generated cells
    assert header == names
    assert len(rows) == n
    for i, row in enumerate(rows):
        assert row == [columns[c][i] for c in names], i
    return data


def r(x) -> str:
    """A float cell: shortest round-trip repr, never '-0.0'."""
    x = float(x)
    assert math.isfinite(x)
    return "0.0" if x == 0.0 else repr(x)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def key_part(v: str) -> str:
    """Group values (and class labels) as they appear in dotted metric names."""
    return v.replace(".", "_")


def fnum(x):
    """A metric value for expected.json: a finite Python float (NaN is an error)."""
    x = float(x)
    if not math.isfinite(x):
        raise ArithmeticError(f"non-finite metric {x}")
    return x


MASK64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed: int):
        self.state = seed & MASK64

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index(self, n: int) -> int:
        return (self.next() * n) >> 64


# reference values of SplitMix64 (seed 0: Vigna's splitmix64.c)
_t = SplitMix64(0)
assert [_t.next() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4,
                                         0x06C45D188009454F]
del _t


def percentile(values, q: float) -> float:
    return fnum(np.percentile(np.asarray(values, dtype=np.float64), q))


# ---------------------------------------------------------------------------
# Score: the spec
# ---------------------------------------------------------------------------

class Data:
    """Columns of one predictions file, converted per the task."""


def load_score_data(header, rows, opt) -> Data:
    col = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    d = Data()
    d.n = len(rows)
    task = opt["task"]
    labels = col[opt["label"]]
    if task == "binary":
        distinct = set(labels)
        assert len(distinct) <= 2, distinct
        pos = opt["positive"]
        d.y = np.array([1 if v == pos else 0 for v in labels], dtype=np.int64)
        d.p = (np.array([float(v) for v in col[opt["score"]]], dtype=np.float64)
               if opt["score"] else None)
        if opt["prediction"]:
            d.yhat = np.array([1 if v == pos else 0 for v in col[opt["prediction"]]],
                              dtype=np.int64)
        else:
            assert d.p is not None, "binary needs a score or a prediction column"
            d.yhat = (d.p >= opt["threshold"]).astype(np.int64)
    elif task == "multiclass":
        d.y = np.array(labels, dtype=object)
        prefix = opt["proba_prefix"]
        if prefix:
            pcols = [c for c in header if c.startswith(prefix)]
            assert pcols, "no probability columns"
            d.prob_classes = [c[len(prefix):] for c in pcols]  # header order
            d.P = np.array([[float(v) for v in col[c]] for c in pcols],
                           dtype=np.float64).T
        else:
            d.prob_classes, d.P = [], None
        if opt["prediction"]:
            d.yhat = np.array(col[opt["prediction"]], dtype=object)
        else:
            assert d.P is not None, "multiclass needs a prediction or probability columns"
            # argmax in header order; np.argmax returns the first maximum
            d.yhat = np.array([d.prob_classes[j] for j in np.argmax(d.P, axis=1)],
                              dtype=object)
    elif task == "regression":
        d.y = np.array([float(v) for v in labels], dtype=np.float64)
        d.yhat = np.array([float(v) for v in col[opt["prediction"]]], dtype=np.float64)
    else:
        raise ValueError(task)
    d.groups = {g: col[g] for g in opt["groups"]}
    d.latency = ([float(v) for v in col[opt["latency"]]] if opt["latency"] else None)
    return d


def ece_mce(y: np.ndarray, p: np.ndarray, n_bins: int) -> tuple[float, float]:
    """Uniform bins exactly as sklearn.calibration.calibration_curve builds them;
    sums per bin with np.bincount (sequential, in row order)."""
    bins = np.linspace(0.0, 1.0, n_bins + 1)
    # numpy's linspace is edge_i = i * (1/B) + 0.0; the Swift side relies on that
    assert bins[1:-1].tolist() == [i * (1.0 / n_bins) + 0.0 for i in range(1, n_bins)]
    binids = np.searchsorted(bins[1:-1], p)
    total = np.bincount(binids, minlength=n_bins)
    sum_p = np.bincount(binids, weights=p, minlength=n_bins)
    sum_y = np.bincount(binids, weights=y.astype(np.float64), minlength=n_bins)
    nz = total != 0
    prob_true = sum_y[nz] / total[nz]
    prob_pred = sum_p[nz] / total[nz]
    if 0 < y.sum() < len(y):  # calibration_curve refuses single-class input
        ct, cp = calibration_curve(y, p, n_bins=n_bins, strategy="uniform", pos_label=1)
        assert np.array_equal(ct, prob_true) and np.array_equal(cp, prob_pred)
    n = len(y)
    ece = 0.0
    mce = 0.0
    for cnt, t, q in zip(total[nz], prob_true, prob_pred):
        gap = abs(float(t) - float(q))
        ece += (int(cnt) / n) * gap
        mce = max(mce, gap)
    return fnum(ece), fnum(mce)


def binary_metrics(d: Data, idx: np.ndarray, opt, full: bool) -> dict:
    y, yh = d.y[idx], d.yhat[idx]
    m: dict = {}
    if full:
        m["n"] = int(len(idx))
        tp = int(np.sum((y == 1) & (yh == 1)))
        fp = int(np.sum((y == 0) & (yh == 1)))
        tn = int(np.sum((y == 0) & (yh == 0)))
        fn = int(np.sum((y == 1) & (yh == 0)))
        cm = confusion_matrix(y, yh, labels=[0, 1])
        assert cm.tolist() == [[tn, fp], [fn, tp]]
        m["confusion.tp"], m["confusion.fp"] = tp, fp
        m["confusion.tn"], m["confusion.fn"] = tn, fn
    m["accuracy"] = fnum(accuracy_score(y, yh))
    m["balanced_accuracy"] = fnum(balanced_accuracy_score(y, yh))
    m["precision"] = fnum(precision_score(y, yh, pos_label=1, zero_division=0))
    m["recall"] = fnum(recall_score(y, yh, pos_label=1, zero_division=0))
    m["f1"] = fnum(f1_score(y, yh, pos_label=1, zero_division=0))
    m["specificity"] = fnum(recall_score(y, yh, pos_label=0, zero_division=0))
    m["positive_rate"] = fnum(np.mean(yh))
    if d.p is not None:
        p = d.p[idx]
        npos = int(y.sum())
        if 0 < npos < len(y):
            m["roc_auc"] = fnum(roc_auc_score(y, p))
        else:
            # sklearn 1.9 returns nan (UndefinedMetricWarning) instead of raising
            assert math.isnan(roc_auc_score(y, p))
            m["roc_auc"] = None
        if npos > 0:
            m["pr_auc"] = fnum(average_precision_score(y, p))
        else:
            # sklearn returns 0.0 here (recall set to 1 at every threshold); spec: null
            assert average_precision_score(y, p) == 0.0
            m["pr_auc"] = None
        if bool(np.all((p >= 0.0) & (p <= 1.0))):
            m["log_loss"] = fnum(log_loss(y, p, labels=[0, 1]))
            m["brier_score"] = fnum(brier_score_loss(y, p, pos_label=1))
            m["ece"], m["mce"] = ece_mce(y, p, opt["calibration_bins"])
        else:
            m["log_loss"] = m["brier_score"] = m["ece"] = m["mce"] = None
    return m


def multiclass_classes(d: Data, idx: np.ndarray) -> list[str]:
    return sorted(set(d.y[idx]) | set(d.yhat[idx]) | set(d.prob_classes))


def multiclass_metrics(d: Data, idx: np.ndarray, opt, full: bool,
                       classes: list[str] | None = None) -> dict:
    y, yh = d.y[idx], d.yhat[idx]
    if classes is None:
        classes = multiclass_classes(d, idx)
    m: dict = {}
    if full:
        m["n"] = int(len(idx))
    m["accuracy"] = fnum(accuracy_score(y, yh))
    avgs = {}
    for avg in ("macro", "micro", "weighted"):
        avgs[avg] = precision_recall_fscore_support(
            y, yh, labels=classes, average=avg, zero_division=0)[:3]
    for i, name in enumerate(("precision", "recall", "f1")):
        for avg in ("macro", "micro", "weighted"):
            m[f"{name}_{avg}"] = fnum(avgs[avg][i])
    if full:
        pr, rc, f1, sup = precision_recall_fscore_support(
            y, yh, labels=classes, average=None, zero_division=0)
        for i, c in enumerate(classes):
            k = key_part(c)
            m[f"per_class.{k}.precision"] = fnum(pr[i])
            m[f"per_class.{k}.recall"] = fnum(rc[i])
            m[f"per_class.{k}.f1"] = fnum(f1[i])
            m[f"per_class.{k}.support"] = int(sup[i])
            assert int(sup[i]) == int(np.sum(y == c))
    if d.P is not None:
        pc = sorted(d.prob_classes)
        assert set(y) <= set(pc), "every label must be a probability class"
        order = [d.prob_classes.index(c) for c in pc]
        P = d.P[idx][:, order]
        m["log_loss"] = fnum(log_loss(y, P, labels=pc))
    return m


def regression_metrics(d: Data, idx: np.ndarray, opt, full: bool) -> dict:
    y, yh = d.y[idx], d.yhat[idx]
    m: dict = {}
    if full:
        m["n"] = int(len(idx))
    m["mae"] = fnum(mean_absolute_error(y, yh))
    m["mse"] = fnum(mean_squared_error(y, yh))
    m["rmse"] = fnum(root_mean_squared_error(y, yh))
    # sklearn returns NaN (with a warning) for fewer than two samples: undefined, null.
    m["r2"] = fnum(r2_score(y, yh)) if len(idx) >= 2 else None
    m["mape"] = fnum(mean_absolute_percentage_error(y, yh))
    m["max_error"] = fnum(max_error(y, yh))
    return m


TASK_METRICS = {"binary": binary_metrics, "multiclass": multiclass_metrics,
                "regression": regression_metrics}


def fairness(per_group: dict[str, dict]) -> dict:
    """per_group: value -> that group's binary metrics (with confusion counts)."""
    rates = [g["positive_rate"] for g in per_group.values()]
    tprs = [g["recall"] for g in per_group.values()
            if g["confusion.tp"] + g["confusion.fn"] >= 1]
    fprs = [g["confusion.fp"] / (g["confusion.fp"] + g["confusion.tn"])
            for g in per_group.values() if g["confusion.fp"] + g["confusion.tn"] >= 1]
    # A spread needs at least two comparable groups; with fewer it is undefined (null).
    hi, lo = max(rates), min(rates)
    tpr_range = (max(tprs) - min(tprs)) if len(tprs) >= 2 else None
    fpr_range = (max(fprs) - min(fprs)) if len(fprs) >= 2 else None
    defined = [v for v in (tpr_range, fpr_range) if v is not None]
    two = len(rates) >= 2
    return {
        "demographic_parity_difference": fnum(hi - lo) if two else None,
        "demographic_parity_ratio": fnum(lo / hi) if two and hi != 0 else None,
        "equal_opportunity_difference": fnum(tpr_range) if tpr_range is not None else None,
        "equalized_odds_difference": fnum(max(defined)) if defined else None,
    }


def score_metrics(csv_bytes: bytes, opt: dict) -> dict:
    header, rows = parse_csv(csv_bytes)
    d = load_score_data(header, rows, opt)
    task = opt["task"]
    fn = TASK_METRICS[task]
    every = np.arange(d.n)
    out: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        top = fn(d, every, opt, True)
        out.update(top)

        if d.latency is not None:
            lat = np.asarray(d.latency, dtype=np.float64)
            out["latency.count"] = int(len(lat))
            out["latency.mean_ms"] = fnum(np.mean(lat))
            for q in (50, 90, 95, 99):
                out[f"latency.p{q}_ms"] = percentile(lat, q)
            out["latency.max_ms"] = fnum(np.max(lat))

        if opt["bootstrap"] > 0:
            out.update(bootstrap(d, opt, top))

        fair_cols: dict[str, dict] = {}
        for g, values in d.groups.items():
            per_group = {}
            vals = np.asarray(values, dtype=object)
            names = sorted(set(values))
            assert len({key_part(v) for v in names}) == len(names), "group key collision"
            for v in names:
                idx = np.flatnonzero(vals == v)
                gm = fn(d, idx, opt, True)
                per_group[v] = gm
                for k, x in gm.items():
                    out[f"groups.{g}.{key_part(v)}.{k}"] = x
            if task == "binary":
                fair_cols[g] = fairness(per_group)
        if fair_cols:
            for g, f in fair_cols.items():
                for k, x in f.items():
                    out[f"fairness.{g}.{k}"] = x
            for k, worst in (("demographic_parity_difference", max),
                             ("demographic_parity_ratio", min),
                             ("equal_opportunity_difference", max),
                             ("equalized_odds_difference", max)):
                xs = [f[k] for f in fair_cols.values() if f[k] is not None]
                out[f"fairness.{k}"] = worst(xs) if xs else None
    return out


def bootstrap(d: Data, opt: dict, top: dict) -> dict:
    """Percentile intervals over B SplitMix64 resamples of the rows."""
    fn = TASK_METRICS[opt["task"]]
    rng = SplitMix64(opt["seed"])
    n = d.n
    names = list(fn(d, np.arange(n), opt, False))  # the replicate metrics, top-level order
    samples = {k: [] for k in names}
    alt_equal = True
    for _ in range(opt["bootstrap"]):
        idx = np.array([rng.index(n) for _ in range(n)], dtype=np.int64)
        m = fn(d, idx, opt, False)
        assert list(m) == names
        if opt["task"] == "multiclass" and d.prob_classes:
            # classes = union of the replicate's labels/predictions AND the probability
            # columns; record whether leaving the probability columns out would matter
            alt = sorted(set(d.y[idx]) | set(d.yhat[idx]))
            if alt != multiclass_classes(d, idx):
                alt_equal = False
        for k, v in m.items():
            if v is not None:
                samples[k].append(v)
    if not alt_equal:
        print("  note: a replicate lacks a probability-column class in its rows")
    c = opt["confidence"]
    lo_q, hi_q = 100 * (1 - c) / 2, 100 * (1 + c) / 2
    out = {}
    for k in names:
        vs = samples[k]
        out[f"{k}_ci.low"] = percentile(vs, lo_q) if vs else None
        out[f"{k}_ci.high"] = percentile(vs, hi_q) if vs else None
    return out


# ---------------------------------------------------------------------------
# Profile: the spec
# ---------------------------------------------------------------------------

ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?")


def utc_date_own(s: str) -> dt.date:
    """A second, hand-written ISO 8601 reading, to cross-check pandas."""
    mt = ISO_RE.fullmatch(s)
    assert mt, s
    y, mo, da, hh, mi, ss, frac, tz = mt.groups()
    if hh is None:
        return dt.date(int(y), int(mo), int(da))
    t = dt.datetime(int(y), int(mo), int(da), int(hh), int(mi), int(ss or 0))
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        t -= sign * dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    return t.date()  # fractions never move the date


def utc_timestamp(s: str) -> pd.Timestamp:
    """A naive datetime or a date is taken as UTC; an offset is converted to UTC."""
    t = pd.Timestamp(s)
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def profile_metrics(csv_bytes: bytes, opt: dict) -> dict:
    na = pd.read_csv(io.BytesIO(csv_bytes), dtype=str, keep_default_na=False,
                     na_values=MISSING_TOKENS)
    raw = pd.read_csv(io.BytesIO(csv_bytes), dtype=str, keep_default_na=False,
                      na_filter=False)
    # cross-check pandas' reading against the csv module
    header, rows = parse_csv(csv_bytes)
    assert list(raw.columns) == header and list(na.columns) == header
    assert raw.values.tolist() == rows
    for j, c in enumerate(header):
        assert na[c].isna().tolist() == [row[j] in MISSING_TOKENS for row in rows], c

    out: dict = {}
    n = len(na)
    out["data.rows"] = int(n)
    out["data.column_count"] = int(len(na.columns))
    shares = {}
    for c in na.columns:
        shares[c] = fnum(na[c].isna().mean())
        out[f"data.column.{key_part(c)}.missing_share"] = shares[c]
    out["data.missing_share"] = max(shares.values())
    out["data.duplicate_row_share"] = fnum(raw.duplicated(keep="first").mean())
    out["data.constant_columns"] = int(sum(1 for c in na.columns if na[c].nunique(dropna=True) <= 1))
    if opt["label"]:
        counts = na[opt["label"]].value_counts(dropna=True)
        classes = sorted(counts.index)
        for cl in classes:
            out[f"data.classes.{key_part(cl)}"] = int(counts[cl])
        out["data.class_count"] = int(len(classes))
        present = int(na[opt["label"]].notna().sum())
        assert present == int(counts.sum())
        # One class has no minority: null (qgate refuses to call it 100%).
        two = len(counts) >= 2
        out["data.minority_class_share"] = fnum(int(counts.min()) / present) if two else None
        out["data.min_rows_per_class"] = int(counts.min()) if two else None
    if opt["timestamp"]:
        ts = na[opt["timestamp"]].dropna()
        # one cell at a time: pandas 2.3's vectorised to_datetime(format="ISO8601",
        # utc=True) applies the offset of an earlier cell to later naive cells
        dates = [utc_timestamp(s).date() for s in ts]
        assert dates == [utc_date_own(s) for s in ts]
        today = dt.date.fromisoformat(opt["today"])
        out["data.age_days"] = int((today - max(dates)).days)
    return out


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

SCORE_CASES: list = []
PROFILE_CASES: list = []


def score_case(fn):
    SCORE_CASES.append(fn)
    return fn


def profile_case(fn):
    PROFILE_CASES.append(fn)
    return fn


def options(**kw) -> dict:
    base = {"task": "binary", "label": "y", "score": "p", "prediction": None,
            "proba_prefix": None, "groups": [], "latency": None, "positive": "1",
            "threshold": 0.5, "calibration_bins": 10, "bootstrap": 0, "seed": 0,
            "confidence": 0.95}
    for k in kw:
        assert k in base, k
    base.update(kw)
    assert list(base) == SCORE_OPTION_KEYS
    return base


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def pick(rng, options_, n, p=None) -> list[str]:
    return [options_[i] for i in rng.choice(len(options_), size=n, p=p)]


def bits(ys) -> list[str]:
    return [str(int(v)) for v in ys]


def round6(xs) -> list[str]:
    return [r(round(float(x), 6)) for x in xs]


@score_case
def binary_basic():
    """1000 rows, score + latency; groups sex (2) and region (3, one region
    single-class, one value with a comma)."""
    rng = np.random.default_rng(1001)
    n = 1000
    sex = pick(rng, ["F", "M"], n)
    region = pick(rng, ["north", "south", "east, coastal"], n, [0.45, 0.4, 0.15])
    latent = rng.normal(0, 1, n)
    y = (latent + rng.normal(0, 1, n) + np.where(np.array(sex) == "M", 0.3, 0.0)) > 0.2
    y = np.where(np.array(region) == "east, coastal", False, y)
    p = sigmoid(1.4 * latent - 0.2 + rng.normal(0, 0.3, n))
    lat = rng.lognormal(3.0, 0.5, n)
    cols = {"id": [str(i) for i in range(1, n + 1)], "y": bits(y), "p": [r(v) for v in p],
            "sex": sex, "region": region, "latency_ms": [r(round(v, 3)) for v in lat]}
    return cols, options(groups=["sex", "region"], latency="latency_ms"), {}


@score_case
def binary_ties():
    """Scores rounded to one decimal: many ties, values on the bin edges 0.1 ... 0.9
    (0.3, 0.6, 0.7 sit just below linspace's edges; the edges' own doubles are
    there too), plus 0.0 and 1.0 with the wrong label (log_loss clipping)."""
    rng = np.random.default_rng(1002)
    n = 600
    p = np.round(rng.uniform(0, 1, n), 1)
    p[rng.choice(n, 40, replace=False)] = 0.0
    p[rng.choice(n, 40, replace=False)] = 1.0
    y = (rng.uniform(0, 1, n) < np.clip(p, 0.05, 0.95)).astype(int)
    zero = np.flatnonzero(p == 0.0)
    one = np.flatnonzero(p == 1.0)
    y[zero[:3]] = 1  # confident and wrong
    y[one[:3]] = 0
    # the exact doubles of linspace's edges 3/10, 6/10, 7/10 (0.30000000000000004,
    # 0.6000000000000001, 0.7000000000000001): on the edge -> the lower bin
    # (searchsorted side='left'), which edges computed as i/10 would get wrong
    on_edge = rng.choice(np.flatnonzero((p > 0.0) & (p < 1.0)), 18, replace=False)
    for k, i in enumerate(on_edge):
        p[i] = np.linspace(0.0, 1.0, 11)[(3, 6, 7)[k % 3]]
    cols = {"y": bits(y), "p": [r(v) for v in p]}
    return cols, options(), {}


@score_case
def binary_separable():
    """Perfect separation: roc_auc = pr_auc = 1, accuracy 1."""
    rng = np.random.default_rng(1003)
    n = 300
    y = rng.uniform(0, 1, n) < 0.4
    p = np.where(y, rng.uniform(0.55, 1.0, n), rng.uniform(0.0, 0.45, n))
    batch = pick(rng, ["b1", "b2"], n)
    cols = {"y": bits(y), "p": round6(p), "batch": batch}
    return cols, options(groups=["batch"]), {}


@score_case
def binary_prediction_column():
    """Labels yes/no, positive "yes"; a prediction column that differs from
    thresholding the score; CRLF line endings; a group value with a comma."""
    rng = np.random.default_rng(1004)
    n = 500
    latent = rng.normal(0, 1, n)
    yes = latent + rng.normal(0, 0.8, n) > 0.0
    p = sigmoid(1.6 * latent + rng.normal(0, 0.4, n))
    pred = p >= 0.4
    flip = rng.uniform(0, 1, n) < 0.06
    pred = np.where(flip, ~pred, pred)
    channel = pick(rng, ["web", "store, mall", "phone"], n, [0.5, 0.3, 0.2])
    cols = {"y": ["yes" if v else "no" for v in yes], "p": round6(p),
            "yhat": ["yes" if v else "no" for v in pred], "channel": channel}
    return cols, options(prediction="yhat", positive="yes", groups=["channel"]), {"crlf": True}


@score_case
def binary_prediction_only():
    """Binary with a prediction column and no score column: roc_auc, pr_auc,
    log_loss, brier_score, ece, mce (and their intervals) are absent, not null."""
    rng = np.random.default_rng(1009)
    n = 250
    y = rng.uniform(0, 1, n) < 0.35
    pred = np.where(rng.uniform(0, 1, n) < 0.8, y, ~y)
    grp = pick(rng, ["g1", "g2", "g3"], n)
    cols = {"y": bits(y), "yhat": bits(pred), "grp": grp}
    return cols, options(score=None, prediction="yhat", groups=["grp"], bootstrap=15,
                         seed=9), {}


@score_case
def binary_threshold():
    """Threshold 0.3, 15 calibration bins, latency."""
    rng = np.random.default_rng(1005)
    n = 800
    latent = rng.normal(0, 1, n)
    y = latent + rng.normal(0, 1.2, n) > 0.7
    p = sigmoid(1.2 * latent - 1.0)
    lat = rng.gamma(2.0, 15.0, n)
    cols = {"y": bits(y), "p": [r(v) for v in p], "latency_ms": [r(round(v, 2)) for v in lat]}
    return cols, options(threshold=0.3, calibration_bins=15, latency="latency_ms"), {}


@score_case
def binary_single_class():
    """Every label is 0: roc_auc/pr_auc null (also in every bootstrap replicate,
    so their intervals are null); TPR undefined in every group."""
    rng = np.random.default_rng(1006)
    n = 300
    p = rng.beta(2, 5, n)
    sex = pick(rng, ["F", "M"], n)
    cols = {"y": ["0"] * n, "p": round6(p), "sex": sex}
    return cols, options(groups=["sex"], bootstrap=20, seed=42), {}


@score_case
def binary_margins():
    """Scores are margins (outside [0,1]) with threshold 0: log_loss, brier_score,
    ece and mce are null overall. Rows of group src=calibrated carry probabilities
    in [0,1], so in that group (same definitions, on the subset) they are defined."""
    rng = np.random.default_rng(1007)
    n = 400
    y = rng.uniform(0, 1, n) < 0.45
    margin = np.where(y, 1.0, -1.0) + rng.normal(0, 1.5, n)
    src = pick(rng, ["raw", "calibrated"], n, [0.7, 0.3])
    s = np.where(np.array(src) == "calibrated", sigmoid(margin), margin)
    cols = {"y": bits(y), "p": round6(s), "src": src}
    return cols, options(threshold=0.0, groups=["src"]), {}


@score_case
def binary_bootstrap():
    """200 rows, 50 bootstrap replicates, seed 7."""
    rng = np.random.default_rng(1008)
    n = 200
    latent = rng.normal(0, 1, n)
    y = latent + rng.normal(0, 1, n) > 0.3
    p = sigmoid(1.3 * latent - 0.3)
    cols = {"y": bits(y), "p": [r(v) for v in p]}
    return cols, options(bootstrap=50, seed=7), {}


@score_case
def multiclass_proba():
    """4 classes, softmax prob_ columns in non-alphabetical header order, no
    prediction column; a few rows with exactly tied maxima (header order wins);
    10 bootstrap replicates, seed 11."""
    rng = np.random.default_rng(2001)
    n = 1200
    classes = ["bird", "cat", "dog", "fish"]
    header_order = ["dog", "cat", "fish", "bird"]
    y = rng.choice(4, size=n, p=[0.15, 0.35, 0.35, 0.15])
    logits = rng.normal(0, 1, (n, 4))
    logits[np.arange(n), y] += 1.5
    P = np.exp(logits)
    P /= P.sum(axis=1, keepdims=True)
    P = np.round(P, 12)
    ties = rng.choice(n, 12, replace=False)
    for k, i in enumerate(ties):
        row = np.full(4, 0.1)
        a, b = [(1, 2), (0, 3), (2, 0)][k % 3]  # 'cat'=1 vs 'dog'=2: dog is first in the header
        row[a] = row[b] = 0.4
        P[i] = row
    site = pick(rng, ["A", "B"], n)
    cols = {"y": [classes[v] for v in y]}
    for c in header_order:
        j = classes.index(c)
        cols[f"prob_{c}"] = [r(v) for v in P[:, j]]
    cols["site"] = site
    return cols, options(task="multiclass", score=None, proba_prefix="prob_",
                         groups=["site"], bootstrap=10, seed=11), {}


@score_case
def multiclass_pred():
    """Prediction column only: class D is never predicted, class E is predicted
    but never true; D is rare, so some bootstrap replicates lack it; group values
    with dots (v1.0 -> v1_0)."""
    rng = np.random.default_rng(2002)
    n = 400
    y = pick(rng, ["A", "B", "C", "D"], n, [0.4, 0.35, 0.235, 0.015])
    pred = []
    for t in y:
        u = rng.uniform()
        if t == "D":
            pred.append("E" if u < 0.5 else "C")
        elif u < 0.75:
            pred.append(t)
        elif u < 0.85:
            pred.append("E")
        else:
            pred.append(["A", "B", "C"][int(rng.integers(0, 3))])
    team = pick(rng, ["v1.0", "v2.0"], n)
    cols = {"label": y, "predicted": pred, "team": team}
    return cols, options(task="multiclass", label="label", score=None, prediction="predicted",
                         groups=["team"], bootstrap=25, seed=5, confidence=0.9), {}


@score_case
def regression():
    """Regression with a group column (one value with a comma) and 30 bootstrap
    replicates, seed 3."""
    rng = np.random.default_rng(3001)
    n = 600
    x = rng.uniform(0, 10, n)
    y = 50 + 10 * x + rng.normal(0, 5, n)
    yhat = 52 + 9.5 * x + rng.normal(0, 6, n)
    seg = pick(rng, ["a", "b", "c, d"], n)
    cols = {"y": [r(round(v, 4)) for v in y], "yhat": [r(v) for v in yhat], "segment": seg}
    return cols, options(task="regression", score=None, prediction="yhat",
                         groups=["segment"], bootstrap=30, seed=3), {}


@score_case
def regression_constant():
    """Constant y: r2 = 0.0 where predictions are off, 1.0 in the group where they
    are exact (r2_score's force_finite rule)."""
    rng = np.random.default_rng(3002)
    n = 200
    kind = pick(rng, ["noisy", "exact"], n, [0.7, 0.3])
    yhat = np.where(np.array(kind) == "exact", 5.0, 5.0 + rng.normal(0, 0.5, n))
    cols = {"y": ["5.0"] * n, "yhat": [r(v) for v in yhat], "kind": kind}
    return cols, options(task="regression", score=None, prediction="yhat", groups=["kind"]), {}


@score_case
def regression_zero_target():
    """A few y = 0: mape divides by max(|y|, float64 eps), so it is ~1e14 (compare
    it relatively)."""
    rng = np.random.default_rng(3003)
    n = 150
    y = np.round(rng.normal(3, 2, n), 2)
    y[rng.choice(n, 4, replace=False)] = 0.0
    yhat = y + rng.normal(0, 0.7, n)
    cols = {"y": [r(v) for v in y], "yhat": [r(v) for v in yhat]}
    return cols, options(task="regression", score=None, prediction="yhat"), {}


@score_case
def binary_large():
    """20,000 rows, three group columns, latency, 20 calibration bins."""
    rng = np.random.default_rng(4001)
    n = 20000
    sex = pick(rng, ["F", "M"], n, [0.52, 0.48])
    region = pick(rng, ["EU", "NA", "APAC", "LATAM"], n, [0.35, 0.3, 0.25, 0.1])
    age = pick(rng, ["18-25", "26-35", "36-50", "51-65", "65+"], n)
    shift = {"EU": 0.0, "NA": 0.2, "APAC": -0.3, "LATAM": 0.5}
    latent = rng.normal(0, 1, n)
    y = latent + rng.normal(0, 1, n) + np.array([shift[v] for v in region]) > 0.4
    p = sigmoid(1.5 * latent - 0.5 + np.where(np.array(sex) == "F", 0.15, 0.0))
    lat = rng.lognormal(2.5, 0.7, n)
    cols = {"y": bits(y), "p": round6(p), "sex": sex, "region": region, "age_band": age,
            "latency_ms": [r(round(v, 1)) for v in lat]}
    return cols, options(groups=["sex", "region", "age_band"], latency="latency_ms",
                         calibration_bins=20), {}


# --- profile cases ---------------------------------------------------------

def sprinkle(rng, cells: list[str], frac: float, tokens: list[str]) -> list[str]:
    cells = list(cells)
    k = int(round(frac * len(cells)))
    for i in rng.choice(len(cells), size=k, replace=False):
        cells[int(i)] = tokens[int(rng.integers(0, len(tokens)))]
    return cells


def add_duplicates(rng, cols: dict[str, list[str]], k: int) -> None:
    """Append k exact copies of earlier rows."""
    n = len(next(iter(cols.values())))
    for i in rng.choice(n, size=k, replace=False):
        for v in cols.values():
            v.append(v[int(i)])


def iso_forms(rng, n: int, days: int, end: dt.date) -> list[str]:
    out = []
    for _ in range(n):
        d = end - dt.timedelta(days=int(rng.integers(0, days)))
        h, mi, s = int(rng.integers(0, 24)), int(rng.integers(0, 60)), int(rng.integers(0, 60))
        form = int(rng.integers(0, 6))
        if form == 0:
            out.append(d.isoformat())
        elif form == 1:
            out.append(f"{d}T{h:02d}:{mi:02d}:{s:02d}")
        elif form == 2:
            out.append(f"{d} {h:02d}:{mi:02d}:{s:02d}.{int(rng.integers(0, 1000)):03d}")
        elif form == 3:
            out.append(f"{d}T{h:02d}:{mi:02d}:{s:02d}Z")
        elif form == 4:
            out.append(f"{d}T{h:02d}:{mi:02d}:{s:02d}.5+02:00")
        else:
            out.append(f"{d}T{h:02d}:{mi:02d}:{s:02d}-03:30")
    return out


@profile_case
def profile_mixed():
    """Numeric/categorical columns with every missing token, a dotted column name,
    a constant column, exact duplicate rows and near-duplicates that differ only
    in the missing-token spelling (not duplicates), a 3-class label with missing
    labels, timestamps of mixed ISO forms. Newest by UTC: 2026-11-20T21:00-05:00
    = 2026-11-21 UTC; the text-newest 2026-11-22T01:00+03:00 is 2026-11-21 UTC
    too, so age_days = 3 (2 if offsets are ignored)."""
    rng = np.random.default_rng(5001)
    n = 280
    cols = {
        "id": [str(i) for i in range(n)],
        "age": sprinkle(rng, [str(int(v)) for v in rng.integers(18, 90, n)], 0.12,
                        MISSING_TOKENS),
        "city": sprinkle(rng, pick(rng, ["Paris, FR", "Berlin", "Lagos", "Lima"], n), 0.05,
                         ["", "NA", "None"]),
        "const": sprinkle(rng, ["x"] * n, 0.1, ["", "null"]),
        "score.v2": sprinkle(rng, [r(round(v, 3)) for v in rng.normal(0, 1, n)], 0.02, ["NaN"]),
        "y": sprinkle(rng, pick(rng, ["low", "mid", "high"], n, [0.5, 0.35, 0.15]), 0.03,
                      ["", "NA"]),
        "ts": sprinkle(rng, iso_forms(rng, n, 40, dt.date(2026, 11, 19)), 0.05, ["", "null"]),
    }
    cols["ts"][17] = "2026-11-22T01:00:00+03:00"
    cols["ts"][93] = "2026-11-20T21:00:00-05:00"
    # near-duplicates: same row, other missing spelling -> distinct raw text
    for i, (a, b) in enumerate([("NA", "null"), ("", "None"), ("NaN", "nan")]):
        for v in cols.values():
            v.append(v[i])
            v.append(v[i])
        cols["age"][-2], cols["age"][-1] = a, b
        cols["id"][-2] = cols["id"][-1] = f"nd{i}"
    add_duplicates(rng, cols, 20)
    return cols, {"label": "y", "timestamp": "ts", "today": "2026-11-24"}, {}


@profile_case
def profile_plain():
    """No label, no timestamp, no missing cells; a few exact duplicates."""
    rng = np.random.default_rng(5002)
    n = 240
    cols = {
        "height": [r(round(v, 1)) for v in rng.normal(170, 10, n)],
        "colour": pick(rng, ["red", "green", "blue"], n),
        "flag": pick(rng, ["true", "false"], n),
        "count": [str(int(v)) for v in rng.poisson(3, n)],
    }
    add_duplicates(rng, cols, 9)
    return cols, {"label": None, "timestamp": None, "today": "2026-11-24"}, {}


@profile_case
def profile_missing_column():
    """A fully missing column (all eight tokens), a constant column, an
    imbalanced 0/1 label, date-only timestamps with gaps."""
    rng = np.random.default_rng(5003)
    n = 300
    cols = {
        "customer": [f"c{i:04d}" for i in range(n)],
        "notes": pick(rng, MISSING_TOKENS, n),
        "plan": ["basic"] * n,
        "spend": [r(round(v, 2)) for v in rng.gamma(2, 40, n)],
        "churn": pick(rng, ["0", "1"], n, [0.94, 0.06]),
        "date": sprinkle(rng, [(dt.date(2026, 10, 1) + dt.timedelta(days=int(v))).isoformat()
                               for v in rng.integers(0, 50, n)], 0.1, ["", "N/A"]),
    }
    return cols, {"label": "churn", "timestamp": "date", "today": "2026-11-24"}, {}


@profile_case
def profile_crlf_offsets():
    """CRLF line endings, quoted commas, numeric-looking classes with a
    singleton class, timestamps with Z/fractions/offsets; the newest UTC date comes
    from 2026-11-23T22:15:00-04:00 (= 2026-11-24 02:15 UTC), so age_days = 0 (1 if
    offsets are ignored)."""
    rng = np.random.default_rng(5004)
    n = 220
    y = pick(rng, ["0", "1"], n, [0.6, 0.4])
    y[50] = "2"
    cols = {
        "text": pick(rng, ["a, b", "c", 'say "hi"', "d"], n),
        "x": sprinkle(rng, [r(v) for v in rng.normal(0, 1, n)], 0.04, ["NULL", "N/A"]),
        "label": y,
        "when": iso_forms(rng, n, 30, dt.date(2026, 11, 22)),
    }
    cols["when"][5] = "2026-11-23T22:15:00-04:00"
    cols["when"][6] = "2026-11-23T04:30:00+05:00"  # 2026-11-22 UTC
    add_duplicates(rng, cols, 5)
    return cols, {"label": "label", "timestamp": "when", "today": "2026-11-24"}, {"crlf": True}


# ---------------------------------------------------------------------------
# Second derivation with plain loops (no sklearn): sequential sums, counts,
# rank-sum AUC, the way a non-numpy implementation computes the same spec.
# --check asserts it agrees with the sklearn values to 1e-12 (relative above 1).
# ---------------------------------------------------------------------------

EPS64 = 2.0 ** -52


def _div(a, b):
    return a / b if b else 0.0


def _mean(xs):
    t = 0.0
    for x in xs:
        t += x
    return t / len(xs)


def plain_percentile(xs, q):
    """numpy's 'linear' method: h = (n-1)*q/100, interpolate between neighbours."""
    v = sorted(xs)
    h = (len(v) - 1) * (q / 100)
    i = math.floor(h)
    if i >= len(v) - 1:
        return v[-1]
    g = h - i
    return v[i] + (v[i + 1] - v[i]) * g


def plain_binary(y, yh, p, opt, full):
    n = len(y)
    tp = sum(1 for a, b in zip(y, yh) if a == 1 and b == 1)
    fp = sum(1 for a, b in zip(y, yh) if a == 0 and b == 1)
    tn = sum(1 for a, b in zip(y, yh) if a == 0 and b == 0)
    fn = sum(1 for a, b in zip(y, yh) if a == 1 and b == 0)
    m = {}
    if full:
        m.update({"n": n, "confusion.tp": tp, "confusion.fp": fp, "confusion.tn": tn,
                  "confusion.fn": fn})
    m["accuracy"] = (tp + tn) / n
    recalls = ([tp / (tp + fn)] if tp + fn else []) + ([tn / (tn + fp)] if tn + fp else [])
    m["balanced_accuracy"] = _mean(recalls)
    m["precision"] = _div(tp, tp + fp)
    m["recall"] = _div(tp, tp + fn)
    m["f1"] = _div(2 * tp, 2 * tp + fp + fn)
    m["specificity"] = _div(tn, tn + fp)
    m["positive_rate"] = (tp + fp) / n
    if p is None:
        return m
    npos = tp + fn
    nneg = n - npos
    if npos and nneg:  # Mann-Whitney with mid-ranks
        order = sorted(range(n), key=lambda i: p[i])
        rank_sum, i = 0.0, 0
        while i < n:
            j = i
            while j + 1 < n and p[order[j + 1]] == p[order[i]]:
                j += 1
            mid = (i + j) / 2 + 1
            rank_sum += mid * sum(1 for k in order[i:j + 1] if y[k] == 1)
            i = j + 1
        m["roc_auc"] = (rank_sum - npos * (npos + 1) / 2) / (npos * nneg)
    else:
        m["roc_auc"] = None
    if npos:  # AP: thresholds at the distinct scores, high to low
        order = sorted(range(n), key=lambda i: -p[i])
        ap, ctp, cfp, prev_r, i = 0.0, 0, 0, 0.0, 0
        while i < n:
            j = i
            while j + 1 < n and p[order[j + 1]] == p[order[i]]:
                j += 1
            for k in order[i:j + 1]:
                ctp += y[k]
                cfp += 1 - y[k]
            rec = ctp / npos
            ap += (rec - prev_r) * (ctp / (ctp + cfp))
            prev_r = rec
            i = j + 1
        m["pr_auc"] = ap
    else:
        m["pr_auc"] = None
    if all(0.0 <= v <= 1.0 for v in p):
        ll = 0.0
        br = 0.0
        for a, v in zip(y, p):
            q = v if a == 1 else 1.0 - v
            ll += -math.log(min(max(q, EPS64), 1.0 - EPS64))
            br += (v - a) ** 2
        m["log_loss"] = ll / n
        m["brier_score"] = br / n
        B = opt["calibration_bins"]
        edges = [i * (1.0 / B) for i in range(1, B)]
        cnt, sp, sy = [0] * B, [0.0] * B, [0.0] * B
        for a, v in zip(y, p):
            b = sum(1 for e in edges if e < v)  # searchsorted side='left'
            cnt[b] += 1
            sp[b] += v
            sy[b] += a
        ece = mce = 0.0
        for b in range(B):
            if cnt[b]:
                gap = abs(sy[b] / cnt[b] - sp[b] / cnt[b])
                ece += (cnt[b] / n) * gap
                mce = max(mce, gap)
        m["ece"], m["mce"] = ece, mce
    else:
        m["log_loss"] = m["brier_score"] = m["ece"] = m["mce"] = None
    return m


def plain_multiclass(y, yh, P, prob_classes, opt, full):
    n = len(y)
    classes = sorted(set(y) | set(yh) | set(prob_classes))
    tp = {c: 0 for c in classes}
    fp = dict(tp)
    fn = dict(tp)
    for a, b in zip(y, yh):
        if a == b:
            tp[a] += 1
        else:
            fp[b] += 1
            fn[a] += 1
    sup = {c: tp[c] + fn[c] for c in classes}
    pc = {c: _div(tp[c], tp[c] + fp[c]) for c in classes}
    rc = {c: _div(tp[c], sup[c]) for c in classes}
    f1 = {c: _div(2 * tp[c], 2 * tp[c] + fp[c] + fn[c]) for c in classes}
    m = {}
    if full:
        m["n"] = n
    m["accuracy"] = sum(tp.values()) / n
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = {"precision": _div(T, T + F), "recall": _div(T, T + N),
             "f1": _div(2 * T, 2 * T + F + N)}
    for name, per in (("precision", pc), ("recall", rc), ("f1", f1)):
        m[f"{name}_macro"] = _mean([per[c] for c in classes])
        m[f"{name}_micro"] = micro[name]
        m[f"{name}_weighted"] = _mean([per[c] * sup[c] for c in classes]) * len(classes) / n
    if full:
        for c in classes:
            k = key_part(c)
            m[f"per_class.{k}.precision"] = pc[c]
            m[f"per_class.{k}.recall"] = rc[c]
            m[f"per_class.{k}.f1"] = f1[c]
            m[f"per_class.{k}.support"] = sup[c]
    if P is not None:
        ll = 0.0
        for a, row in zip(y, P):
            ll += -math.log(min(max(row[prob_classes.index(a)], EPS64), 1.0 - EPS64))
        m["log_loss"] = ll / n
    return m


def plain_regression(y, yh, opt, full):
    n = len(y)
    m = {}
    if full:
        m["n"] = n
    e = [b - a for a, b in zip(y, yh)]
    m["mae"] = _mean([abs(x) for x in e])
    m["mse"] = _mean([x * x for x in e])
    m["rmse"] = math.sqrt(m["mse"])
    ybar = _mean(y)
    ss_res = sum(x * x for x in e)
    ss_tot = sum((a - ybar) ** 2 for a in y)
    m["r2"] = None if n < 2 else ((1.0 - ss_res / ss_tot) if ss_tot else (1.0 if ss_res == 0 else 0.0))
    m["mape"] = _mean([abs(x) / max(abs(a), EPS64) for x, a in zip(e, y)])
    m["max_error"] = max(abs(x) for x in e)
    return m


def plain_score(csv_bytes: bytes, opt: dict) -> dict:
    header, rows = parse_csv(csv_bytes)
    d = load_score_data(header, rows, opt)
    task = opt["task"]

    def metrics(idx, full):
        y = [d.y[i] for i in idx]
        yh = [d.yhat[i] for i in idx]
        if task == "binary":
            p = None if d.p is None else [float(d.p[i]) for i in idx]
            return plain_binary([int(v) for v in y], [int(v) for v in yh], p, opt, full)
        if task == "multiclass":
            P = None if d.P is None else [d.P[i].tolist() for i in idx]
            return plain_multiclass(y, yh, P, d.prob_classes, opt, full)
        return plain_regression([float(v) for v in y], [float(v) for v in yh], opt, full)

    out = dict(metrics(range(d.n), True))
    if d.latency is not None:
        out["latency.count"] = len(d.latency)
        out["latency.mean_ms"] = _mean(d.latency)
        for q in (50, 90, 95, 99):
            out[f"latency.p{q}_ms"] = plain_percentile(d.latency, q)
        out["latency.max_ms"] = max(d.latency)
    if opt["bootstrap"]:
        rng = SplitMix64(opt["seed"])
        reps = [metrics([rng.index(d.n) for _ in range(d.n)], False)
                for _ in range(opt["bootstrap"])]
        c = opt["confidence"]
        for k in reps[0]:
            vs = [m[k] for m in reps if m[k] is not None]
            out[f"{k}_ci.low"] = plain_percentile(vs, 100 * (1 - c) / 2) if vs else None
            out[f"{k}_ci.high"] = plain_percentile(vs, 100 * (1 + c) / 2) if vs else None
    fair = {}
    for g, values in d.groups.items():
        per = {}
        for v in sorted(set(values)):
            per[v] = metrics([i for i, x in enumerate(values) if x == v], True)
            for k, x in per[v].items():
                out[f"groups.{g}.{key_part(v)}.{k}"] = x
        if task == "binary":
            fair[g] = fairness(per)
    for g, f in fair.items():
        for k, x in f.items():
            out[f"fairness.{g}.{k}"] = x
    if fair:
        for k, worst in (("demographic_parity_difference", max), ("demographic_parity_ratio", min),
                         ("equal_opportunity_difference", max), ("equalized_odds_difference", max)):
            xs = [f[k] for f in fair.values() if f[k] is not None]
            out[f"fairness.{k}"] = worst(xs) if xs else None
    return out


def compare_plain(expected: dict, plain: dict) -> float:
    """Same keys, same nulls, ints equal; returns the largest difference,
    absolute for |value| <= 1 and relative above."""
    assert list(expected) == list(plain), set(expected) ^ set(plain)
    worst = 0.0
    for k, a in expected.items():
        b = plain[k]
        if a is None or b is None or isinstance(a, int):
            assert a == b and type(a) is type(b), (k, a, b)
            continue
        diff = abs(a - b) / max(1.0, abs(a))
        assert diff <= 1e-12, (k, a, b, diff)
        worst = max(worst, diff)
    return worst


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def dump(obj: dict) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def build(fn) -> tuple[bytes, dict]:
    cols, opt, csv_opts = fn()
    return write_csv(cols, **csv_opts), opt


KINDS = {
    "score": (SCORE_CASES, SCORE_OUT, "predictions.csv", score_metrics),
    "profile": (PROFILE_CASES, PROFILE_OUT, "data.csv", profile_metrics),
}


def generate() -> None:
    for kind, (cases, out, csv_name, compute) in KINDS.items():
        out.mkdir(parents=True, exist_ok=True)
        for fn in cases:
            data, opt = build(fn)
            expected = compute(data, opt)
            d = out / fn.__name__
            d.mkdir(exist_ok=True)
            (d / csv_name).write_bytes(data)
            (d / "options.json").write_text(dump(opt), encoding="utf-8")
            (d / "expected.json").write_text(dump(expected), encoding="utf-8")
            rows = data.count(b"\n") - 1
            print(f"wrote {kind}/{d.name}: {rows} rows, {len(expected)} metrics")


def check() -> int:
    failures = 0
    for kind, (cases, out, csv_name, compute) in KINDS.items():
        known = {fn.__name__: fn for fn in cases}
        dirs = sorted(p for p in out.iterdir() if (p / "expected.json").exists())
        for d in dirs:
            data = (d / csv_name).read_bytes()
            opt = json.loads((d / "options.json").read_text(encoding="utf-8"))
            committed = (d / "expected.json").read_text(encoding="utf-8")
            if dump(compute(data, opt)) != committed:
                failures += 1
                print(f"FAIL {kind}/{d.name}: expected.json differs from the recomputation")
                continue
            note = ""
            if kind == "score":
                worst = compare_plain(json.loads(committed), plain_score(data, opt))
                note = f" (plain-loop re-derivation: max diff {worst:.1e})"
            if d.name in known:
                gdata, gopt = build(known[d.name])
                if gdata != data or gopt != opt:
                    print(f"WARN {kind}/{d.name}: generator no longer reproduces the inputs")
            print(f"ok   {kind}/{d.name}{note}")
        for name in sorted(set(known) - {d.name for d in dirs}):
            failures += 1
            print(f"FAIL {kind}/{name}: no fixture directory")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}: "
          f"{failures} failure(s)")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only verify existing fixtures")
    args = ap.parse_args()
    if not args.check:
        generate()
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main())
