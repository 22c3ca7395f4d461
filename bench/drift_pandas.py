#!/usr/bin/env python3
"""The drift check as teams write it with pandas + numpy: same bins, smoothing
and statistics as `qgate drift` (quantile edges from the reference, PSI with
epsilon 1e-4 add-and-renormalise). Prints the drifted columns and exits 1 when
the drifted share reaches 0.3 (qgate's default trigger)."""
import sys

import numpy as np
import pandas as pd

EPS = 1e-4
BINS = 10
MISSING = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]


def shares(counts):
    n = counts.sum()
    return counts / n if n else counts.astype(float)


def psi(r, c):
    k = len(r)
    sr, sc = (r + EPS) / (1 + k * EPS), (c + EPS) / (1 + k * EPS)
    return float(np.sum((sc - sr) * np.log(sc / sr)))


def main():
    ref = pd.read_csv(sys.argv[1], na_values=MISSING, keep_default_na=False)
    cur = pd.read_csv(sys.argv[2], na_values=MISSING, keep_default_na=False)
    drifted, compared = [], 0
    for col in ref.columns:
        if col not in cur.columns:
            continue
        compared += 1
        r, c = ref[col].dropna(), cur[col].dropna()
        if pd.api.types.is_numeric_dtype(r):
            x = r.to_numpy(dtype=float)
            edges = np.unique(np.quantile(x, [k / BINS for k in range(1, BINS)]))
            rc = np.bincount(np.searchsorted(edges, x, side="left"), minlength=len(edges) + 1)
            cc = np.bincount(np.searchsorted(edges, c.to_numpy(dtype=float), side="left"), minlength=len(edges) + 1)
        else:
            cats = sorted(set(r.unique()) | set(c.unique()))
            rv, cv = r.value_counts(), c.value_counts()
            rc = np.array([rv.get(k, 0) for k in cats])
            cc = np.array([cv.get(k, 0) for k in cats])
        value = psi(shares(rc), shares(cc))
        if value > 0.2:
            drifted.append(col)
    print("drifted:", ",".join(drifted))
    sys.exit(1 if drifted and len(drifted) / compared >= 0.3 else 0)


if __name__ == "__main__":
    main()
