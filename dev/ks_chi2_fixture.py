#!/usr/bin/env python3
"""scipy's two-sample KS test, χ² test of homogeneity and p-value corrections,
for qgate's `method: ks|chi2` (KolmogorovSmirnov, HomogeneityChiSquared,
MultipleTesting).

Writes Tests/Fixtures/drift-stats/ks-chi2.json:
  "ks_samples":  small samples with scipy.stats.ks_2samp's statistic and p-value
                 (method='auto', two-sided), to check the statistic (ties included);
  "ks_exact":    [n, m, h, p], D = h / lcm(n, m): ks_2samp(method='exact') on
                 generated samples (the same as 'auto' up to 10000 values, where
                 the script asserts it; qgate stays exact beyond while the count is cheap);
  "ks_asymptotic": [n, m, h, p] for samples too large for the exact count:
                 p = scipy.special.kolmogorov(sqrt(nm/(n+m)) * D);
  "kolmogorov":  [z, scipy.special.kolmogorov(z)];
  "chi2":        2 x k tables with scipy.stats.chi2_contingency(correction=False)
                 on the columns not empty on both sides (Yates off: scipy applies
                 it by default to 2 x 2 tables, qgate never does);
  "corrections": p-value vectors with Bonferroni (min(1, p*m)) and
                 Benjamini-Hochberg (scipy.stats.false_discovery_control).
Every number is checked by KSChiSquaredOracleTests to the stated relative tolerance.

It also writes an end-to-end case, Tests/Fixtures/drift-stats/ks-chi2-e2e/
(reference.csv, current.csv, expected.json): small samples (60 and 45 rows)
where per column and for method ks and chi2 under both corrections,
expected.json holds the test, statistic, p-value, adjusted p-value and verdict
(alpha 0.05). The bins and categories come from dev/drift_oracle.py (the
spec of qgate's binning and sparse-category merge); a numeric column whose
current data holds text takes χ² on its bins under ks too.

Usage (from the repository root): python3 dev/ks_chi2_fixture.py
"""
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import special, stats

sys.path.insert(0, str(Path(__file__).resolve().parent))
import drift_oracle  # noqa: E402  (the binning spec)

E2E = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift-stats" / "ks-chi2-e2e"
ALPHA = 0.05
OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift-stats" / "ks-chi2.json"
TOLERANCE = 1e-9


def ks_samples(rng):
    rows = []
    shapes = [(1, 1), (1, 5), (2, 3), (3, 7), (5, 5), (8, 12), (10, 10), (20, 35), (50, 50), (60, 90), (100, 150), (200, 120)]
    for n, m in shapes:
        for shift, rounding in [(0.0, None), (0.5, None), (0.0, 0), (1.0, 1)]:
            a = rng.normal(0, 1, n)
            b = rng.normal(shift, 1, m)
            if rounding is not None:  # ties, within and across the samples
                a, b = np.round(a, rounding), np.round(b, rounding)
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a fallback to kstwo would not be an exact reference
                r = stats.ks_2samp(a, b, method="auto")
            rows.append({"a": [float(x) for x in a], "b": [float(x) for x in b], "statistic": float(r.statistic), "p": float(r.pvalue)})
    rows.append({"a": [1.0, 2.0, 3.0], "b": [1.0, 2.0, 3.0], "statistic": 0.0, "p": 1.0})
    return rows


def lcm_gap(n, m, d):
    """D as the integer h = D * lcm(n, m) that qgate's p-value takes."""
    return int(round(d * (n // math.gcd(n, m)) * m))


def ks_exact(rng, shapes, shifts):
    """[n, m, h, p]: ks_2samp(method='exact') on generated samples; 'auto' is the same up to 10000 values."""
    rows, fell_back = [], 0
    for n, m in shapes:
        for shift in shifts:
            a = rng.normal(0, 1, n)
            b = rng.normal(shift, 1, m)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                r = stats.ks_2samp(a, b, method="exact")
            if caught:  # scipy gave up on the exact count and used kstwo: not an exact reference
                fell_back += 1
                continue
            if max(n, m) <= 10000:
                assert r.pvalue == stats.ks_2samp(a, b, method="auto").pvalue
            rows.append([n, m, lcm_gap(n, m, float(r.statistic)), float(r.pvalue)])
    return rows, fell_back


def ks_asymptotic():
    """[n, m, h, p]: samples too large for the exact count; p = special.kolmogorov(sqrt(nm/(n+m)) * D)."""
    rows = []
    for n, m in [(1_000_000, 999_999), (3_000_000, 200_001)]:
        lcm = (n // math.gcd(n, m)) * m
        for d in [0.0004, 0.001, 0.002, 0.004]:
            h = int(round(d * lcm))
            en = n * m / (n + m)
            rows.append([n, m, h, float(special.kolmogorov(math.sqrt(en) * (h / lcm)))])
    return rows


def chi2_tables(rng):
    rows = []
    for k in [2, 3, 5, 10, 20, 50]:
        for n, m in [(30, 20), (200, 50), (1000, 1000), (100000, 5000)]:
            for drift in [0.0, 0.3]:
                base = rng.dirichlet(np.ones(k))
                moved = (1 - drift) * base + drift * rng.dirichlet(np.ones(k))
                r = rng.multinomial(n, base)
                c = rng.multinomial(m, moved)
                rows.append(chi2_row(r, c))
    # Bins empty on both sides, a single bin left, one category only in the current data.
    rows.append(chi2_row([10, 0, 5, 0], [3, 0, 9, 0]))
    rows.append(chi2_row([10, 0], [7, 0]))
    rows.append(chi2_row([40, 30, 0], [10, 12, 9]))
    return rows


def chi2_row(r, c):
    r, c = np.asarray(r), np.asarray(c)
    keep = (r + c) > 0
    if keep.sum() < 2:
        return [r.tolist(), c.tolist(), 0.0, 0, 1.0]
    res = stats.chi2_contingency(np.vstack([r[keep], c[keep]]), correction=False)
    return [[int(x) for x in r], [int(x) for x in c], float(res.statistic), int(res.dof), float(res.pvalue)]


def corrections(rng):
    rows = []
    vectors = [[0.01], [0.04, 0.01, 0.03, 0.2], [0.05, 0.05, 0.05], [1e-6, 0.5, 0.02, 0.02, 0.9, 0.011]]
    vectors += [list(rng.uniform(0, 0.2, 12)), list(rng.beta(0.3, 2, 40))]
    for p in vectors:
        p = np.asarray(p, dtype=float)
        rows.append({
            "p": [float(x) for x in p],
            "bonferroni": [float(x) for x in np.minimum(1, p * len(p))],
            "bh": [float(x) for x in stats.false_discovery_control(p, method="bh")],
        })
    return rows


def e2e(rng):
    """Small windows: one shifted numeric column, one stable, one with a missing
    cell, one whose current data holds text, a categorical column with a moved
    share and one with sparse categories (merged before χ²)."""
    n, m = 60, 45
    ref = {
        "shifted": [f"{v:.3f}" for v in rng.normal(0, 1, n)],
        "stable": [f"{v:.2f}" for v in rng.exponential(2, n)],
        "gappy": [f"{v:.1f}" for v in rng.normal(5, 2, n)],
        "texty": [str(v) for v in rng.integers(0, 20, n)],
        "plan": list(rng.choice(["basic", "plus", "pro"], n, p=[0.5, 0.3, 0.2])),
        "city": list(rng.choice([f"c{i}" for i in range(12)], n)),
    }
    cur = {
        "shifted": [f"{v:.3f}" for v in rng.normal(0.9, 1, m)],
        "stable": [f"{v:.2f}" for v in rng.exponential(2, m)],
        "gappy": [f"{v:.1f}" for v in rng.normal(5.3, 2, m)],
        "texty": [str(v) for v in rng.integers(0, 20, m)],
        "plan": list(rng.choice(["basic", "plus", "pro"], m, p=[0.2, 0.3, 0.5])),
        "city": list(rng.choice([f"c{i}" for i in range(12)], m)),
    }
    ref["gappy"][3] = ""
    cur["gappy"][7] = "NA"
    cur["texty"][2] = "unknown"
    E2E.mkdir(parents=True, exist_ok=True)
    for name, cols in (("reference.csv", ref), ("current.csv", cur)):
        header = list(cols)
        rows = zip(*(cols[h] for h in header))
        (E2E / name).write_text(",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows))
    binned = drift_oracle.analyze((E2E / "reference.csv").read_bytes(), (E2E / "current.csv").read_bytes(), 10)["quantile"]
    expected = {}
    for method in ("ks", "chi2"):
        tests = {}
        for name in ref:
            col = binned[name]
            values = lambda cells: [float(c) for c in cells if not drift_oracle.is_missing(c) and drift_oracle.is_number(c)]
            texty = any(not drift_oracle.is_missing(c) and not drift_oracle.is_number(c) for c in cur[name])
            if method == "ks" and col["type"] == "numeric" and not texty:
                r = stats.ks_2samp(values(ref[name]), values(cur[name]), method="auto")
                tests[name] = ["ks", float(r.statistic), float(r.pvalue)]
            else:
                row = chi2_row(col["reference_counts"], col["current_counts"])
                tests[name] = ["chi2", row[2], row[4]]
        p = np.array([t[2] for t in tests.values()])
        adjusted = {"bh": stats.false_discovery_control(p, method="bh"), "bonferroni": np.minimum(1, p * len(p))}
        for correction, adj in adjusted.items():
            expected[f"{method}/{correction}"] = {
                name: {"test": t[0], "statistic": t[1], "p_value": t[2], "p_adjusted": float(a), "drifted": bool(a <= ALPHA)}
                for (name, t), a in zip(tests.items(), adj)
            }
    body = {"description": "scipy %s: ks_2samp, chi2_contingency(correction=False) on dev/drift_oracle.py's quantile bins, "
            "false_discovery_control / Bonferroni; alpha %r" % (scipy.__version__, ALPHA), "alpha": ALPHA, "results": expected}
    (E2E / "expected.json").write_text(json.dumps(body, indent=2) + "\n")
    return expected


def main() -> None:
    rng = np.random.default_rng(20)
    exact, fell_back = ks_exact(
        rng,
        [(30, 31), (100, 100), (500, 700), (999, 1000), (2000, 3000), (10000, 9000), (10000, 10000), (10000, 77),
         (20000, 15000), (50000, 50000), (12000, 30), (40000, 999)],
        [0.0, 0.03, 0.1, 0.3])
    body = {
        "description": "scipy %s / numpy %s: ks_2samp, special.kolmogorov, chi2_contingency(correction=False), "
        "false_discovery_control; relative tolerance for qgate's KolmogorovSmirnov, HomogeneityChiSquared, MultipleTesting"
        % (scipy.__version__, np.__version__),
        "tolerance": TOLERANCE,
        "ks_samples": ks_samples(rng),
        "ks_exact": exact,
        "ks_asymptotic": ks_asymptotic(),
        "kolmogorov": [[z, float(special.kolmogorov(z))] for z in np.concatenate([np.linspace(0.05, 3, 60), [4, 5, 6, 8]])],
        "chi2": chi2_tables(rng),
        "corrections": corrections(rng),
    }
    # One case per line: diffs stay readable.
    lines = ["{", '  "description": %s,' % json.dumps(body["description"]), '  "tolerance": %r,' % TOLERANCE]
    keys = ["ks_samples", "ks_exact", "ks_asymptotic", "kolmogorov", "chi2", "corrections"]
    for key in keys:
        rows = ",\n".join("    " + json.dumps(r) for r in body[key])
        lines.append('  "%s": [\n%s\n  ]%s' % (key, rows, "," if key != keys[-1] else ""))
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    results = e2e(np.random.default_rng(2020))
    for key, cols in results.items():
        print(key, {k: (v["test"], round(v["p_adjusted"], 4), v["drifted"]) for k, v in cols.items()})
    print(f"wrote {OUT}; {len(exact)} exact KS p-values ({fell_back} left out: scipy's exact count gave up)")


if __name__ == "__main__":
    main()
