#!/usr/bin/env python3
"""False alarms and power of a fixed PSI threshold against `threshold: auto`.

Reference and current samples of size n are drawn from N(0, 1) (no drift) or
with the current one shifted (power), binned as qgate bins a numeric column
(10 quantile bins from the reference; a value on an edge goes to the lower
bin), and PSI is computed as qgate does (shares smoothed with eps = 1e-4). A
column is flagged by
    fixed:    PSI > 0.2
    auto:     PSI > 0.2 and Pearson's chi-squared test of homogeneity on the
              bins with a count on either side rejects at 0.99
              (scipy.stats.chi2_contingency, correction=False: the oracle)
    psi_auto: PSI > 0.2 and PSI > chi2.ppf(0.99, B - 1) * (1/n + 1/m), the
              rule before (Yurdakul 2018), for the before/after figures
Under no drift every flag is a false alarm.

Writes Tests/Fixtures/drift-stats/auto-simulation.json: per n the counts of
every no-drift repetition, PSI, X2, the critical PSI (chi2.ppf * PSI / X2),
the p-value and the flags, and the rates; then the power rows (rates only,
1000 repetitions each). DriftAutoThresholdTests recomputes every stored
repetition in Swift and checks it agrees with this script, then asserts the
rates it states. It does not re-run the simulation.

Usage (from the repository root): python3 dev/drift_auto_simulation.py
"""
import json
from pathlib import Path

import numpy as np
from scipy.stats import chi2, chi2_contingency

OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift-stats" / "auto-simulation.json"
SIZES = [50, 100, 200, 1000]
# Enough repetitions at the small sizes to tell 1 % from 2 % (binomial sd 0.3 %).
REPETITIONS = {50: 1000, 100: 1000, 200: 1000, 1000: 300}
SHIFTS = [("location +0.5 sd", 0.5, 1.0), ("location +1 sd", 1.0, 1.0), ("scale x2", 0.0, 2.0)]
POWER_SIZES = [50, 100, 200]
POWER_REPETITIONS = 1000
BINS = 10
EPS = 1e-4
FIXED = 0.2
CONFIDENCE = 0.99
SEED = 20261129


def psi(r: np.ndarray, c: np.ndarray) -> float:
    k = len(r)
    sr = (r / r.sum() + EPS) / (1 + k * EPS)
    sc = (c / c.sum() + EPS) / (1 + k * EPS)
    return float(np.sum((sc - sr) * np.log(sc / sr)))


def counts(rng, n: int, shift: float, scale: float):
    ref = rng.standard_normal(n)
    cur = rng.standard_normal(n) * scale + shift
    edges = np.quantile(ref, np.arange(1, BINS) / BINS)
    r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=BINS)
    c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=BINS)
    return r, c


def judge(r: np.ndarray, c: np.ndarray) -> dict:
    value = psi(r, c)
    keep = (r + c) > 0
    x2, p, dof, _ = chi2_contingency(np.array([r[keep], c[keep]]), correction=False)
    x2 = float(x2)
    quantile = float(chi2.ppf(CONFIDENCE, dof))
    scale = 1 / r.sum() + 1 / c.sum()
    critical = quantile * (value / x2 if x2 > 0 and value > 0 else scale)
    return {
        "psi": value, "chi2": x2, "critical": critical, "p_value": float(p),
        "fixed": bool(value > FIXED), "auto": bool(value > FIXED and x2 > quantile),
        "psi_auto": bool(value > FIXED and value > quantile * scale),
    }


def main() -> None:
    rng = np.random.default_rng(SEED)
    body = {
        "description": "reference and current of n rows each from N(0, 1), current shifted for power; 10 quantile bins; fixed PSI 0.2 vs threshold auto (0.2 and Pearson's chi2 test of homogeneity at 0.99) vs the previous auto (0.2 and PSI > chi2.ppf(0.99, B-1)(1/n+1/m))",
        "seed": SEED, "bins": BINS, "fixed_threshold": FIXED, "confidence": CONFIDENCE, "epsilon": EPS, "sizes": [],
    }
    for n in SIZES:
        runs = []
        for _ in range(REPETITIONS[n]):
            r, c = counts(rng, n, 0.0, 1.0)
            runs.append({"reference": r.tolist(), "current": c.tolist(), **judge(r, c)})
        rate = {k: sum(x[k] for x in runs) / len(runs) for k in ["fixed", "auto", "psi_auto"]}
        print(f"n = {n:5d}: false alarms fixed 0.2 {rate['fixed']:6.1%}, auto {rate['auto']:6.1%}, previous auto {rate['psi_auto']:6.1%}")
        body["sizes"].append({
            "n": n, "fixed_false_alarm_rate": rate["fixed"], "auto_false_alarm_rate": rate["auto"],
            "previous_auto_false_alarm_rate": rate["psi_auto"], "runs": runs,
        })
    power = []
    for name, shift, scale in SHIFTS:
        for n in POWER_SIZES:
            flags = [judge(*counts(rng, n, shift, scale)) for _ in range(POWER_REPETITIONS)]
            rate = {k: sum(x[k] for x in flags) / POWER_REPETITIONS for k in ["fixed", "auto", "psi_auto"]}
            print(f"{name:17s} n = {n:4d}: detected fixed 0.2 {rate['fixed']:6.1%}, auto {rate['auto']:6.1%}, previous auto {rate['psi_auto']:6.1%}")
            power.append({"shift": name, "n": n, "repetitions": POWER_REPETITIONS, "fixed": rate["fixed"], "auto": rate["auto"], "previous_auto": rate["psi_auto"]})
    # One repetition per line: the file stays diffable.
    head = {k: v for k, v in body.items() if k != "sizes"}
    lines = [json.dumps(head)[:-1] + ', "power": [']
    lines.append(",\n".join("  " + json.dumps(row) for row in power))
    lines.append('], "sizes": [')
    for i, size in enumerate(body["sizes"]):
        top = {k: v for k, v in size.items() if k != "runs"}
        lines.append("  " + json.dumps(top)[:-1] + ', "runs": [')
        lines.append(",\n".join("    " + json.dumps(run) for run in size["runs"]))
        lines.append("  ]}" + ("," if i + 1 < len(body["sizes"]) else ""))
    lines.append("]}")
    OUT.write_text("\n".join(lines) + "\n")
    json.loads(OUT.read_text())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
