#!/usr/bin/env python3
"""False alarms of a fixed PSI threshold against `threshold: auto`, under no drift.

Reference and current samples of the same size n are drawn from one normal
distribution (no drift at all), binned as qgate bins a numeric column (10
quantile bins from the reference; a value on an edge goes to the lower bin),
and PSI is computed as qgate does (shares smoothed with eps = 1e-4). A column
is flagged by
    fixed: PSI > 0.2
    auto:  PSI > 0.2 and PSI > chi2.ppf(0.99, B - 1) * (1/n + 1/m)   (Yurdakul 2018)
with B the bins holding a count on either side. Every flag is a false alarm.

Writes Tests/Fixtures/drift-stats/auto-simulation.json: per n the counts of
every repetition, the PSI, critical value and both flags, and the false-alarm
rates. DriftAutoThresholdTests recomputes every repetition's PSI, critical
value and flags from the counts in Swift and checks they agree with this
script, then asserts the rates it states (auto <= 2 % at every n, fixed >= 40 %
at n = 50). It does not re-run the simulation.

Usage (from the repository root): python3 dev/drift_auto_simulation.py
"""
import json
from pathlib import Path

import numpy as np
from scipy.stats import chi2

OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift-stats" / "auto-simulation.json"
SIZES = [50, 100, 200, 1000]
REPETITIONS = 300
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


def main() -> None:
    rng = np.random.default_rng(SEED)
    body = {
        "description": "no drift: reference and current of n rows each from N(0, 1); 10 quantile bins; fixed PSI 0.2 vs threshold auto (0.2 and the chi2 critical value at 0.99)",
        "seed": SEED, "bins": BINS, "fixed_threshold": FIXED, "confidence": CONFIDENCE, "epsilon": EPS, "sizes": [],
    }
    for n in SIZES:
        runs = []
        for _ in range(REPETITIONS):
            ref = rng.standard_normal(n)
            cur = rng.standard_normal(n)
            edges = np.quantile(ref, np.arange(1, BINS) / BINS)
            r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=BINS)
            c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=BINS)
            value = psi(r, c)
            b = int(np.sum((r + c) > 0))
            scale = 1 / r.sum() + 1 / c.sum()
            critical = float(chi2.ppf(CONFIDENCE, b - 1) * scale)
            runs.append({
                "reference": r.tolist(), "current": c.tolist(), "psi": value, "critical": critical,
                "p_value": float(chi2.sf(value / scale, b - 1)),
                "fixed": value > FIXED, "auto": value > FIXED and value > critical,
            })
        fixed = sum(x["fixed"] for x in runs) / REPETITIONS
        auto = sum(x["auto"] for x in runs) / REPETITIONS
        print(f"n = {n:5d}: fixed 0.2 false alarms {fixed:6.1%}, auto {auto:6.1%}, critical {runs[0]['critical']:.4f}")
        body["sizes"].append({"n": n, "fixed_false_alarm_rate": fixed, "auto_false_alarm_rate": auto, "runs": runs})
    # One repetition per line: the file stays diffable.
    head = {k: v for k, v in body.items() if k != "sizes"}
    lines = [json.dumps(head)[:-1] + ', "sizes": [']
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
