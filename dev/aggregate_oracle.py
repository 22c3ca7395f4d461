#!/usr/bin/env python3
"""An independent reading of README.md's "Repeated runs: `--aggregate`" and the
noise-aware gates it feeds ("Gates teams can live with"): generates repeated
runs of one candidate, a policy and a baseline, and what qgate must make of
them. Tests/QualityGateCoreTests/Metrics/RepeatedRunsOracleTests.swift compares
qgate with it.

    python3 dev/aggregate_oracle.py > Tests/Fixtures/aggregate/oracle.json

Written from the README's words, not from the Swift code:
- per metric: numpy's median (mean of the two middle runs for even k), mean,
  min or max over the runs; pessimistic = the worst run in the direction the
  metric's gates judge it (min/higher: the lowest; max/lower: the highest), and
  the median for a metric no gate judges;
- the aggregate's standard error is the runs' sample sd (ddof=1) / sqrt(k); the
  runs' own uncertainty is not carried over;
- a relative condition fails plainly beyond its bound (relative slack 1e-12);
  with `significance: a` a tolerance's failure stands only if the candidate's
  stderr is within `max_stderr` and the excess is significant (p = scipy's norm.sf(excess/SE),
  SE = the candidate's stderr since the baseline carries none; SE = 0: significant);
  a required improvement passes only if it passes plainly, the stderr is within
  `max_stderr` and its distance inside the bound is significant the same way.
"""
import json
import math
import random

import numpy as np
from scipy.stats import norm

SLACK = 1e-12
METHODS = ["median", "mean", "min", "max", "pessimistic"]


def sf(z):
    return float(norm.sf(z))


def aggregate(values, method, worst):
    v = np.array(values, dtype=float)
    if method == "median" or (method == "pessimistic" and worst is None):
        return float(np.median(v))
    if method == "mean":
        return float(np.mean(v))
    if method == "min" or (method == "pessimistic" and worst == "higher"):
        return float(np.min(v))
    return float(np.max(v))


def stderr(values):
    return float(np.std(np.array(values, dtype=float), ddof=1) / math.sqrt(len(values)))


def bound(kind, t, b, direction):
    if kind == "min":
        return ">=", t
    allowed = t * abs(b) if kind.endswith("_ratio") else t
    if kind.startswith("min_improvement"):
        return (">=", b + allowed) if direction == "higher" else ("<=", b - allowed)
    return (">=", b - allowed) if direction == "higher" else ("<=", b + allowed)


def inside(op, x, value):
    s = SLACK * max(1.0, abs(x))
    return value >= x - s if op == ">=" else value <= x + s


def status(gate, cond, value, se, base):
    kind, t = cond
    op, x = bound(kind, t, base, gate["direction"])
    plain = inside(op, x, value)
    alpha = gate.get("significance")
    if kind == "min" or alpha is None:
        return "passed" if plain else "failed"
    accepted = se <= gate["max_stderr"]
    distance = (value - x) if op == ">=" else (x - value)  # > 0: inside the bound
    if kind.startswith("min_improvement"):
        if not plain or not accepted:
            return "failed"
        p = (0.0 if distance >= 0 else 1.0) if se == 0 else sf(distance / se)
        return "passed" if p < alpha else "failed"
    if plain:
        return "passed"
    if not accepted:
        return "failed"
    p = (0.0 if -distance > 0 else 1.0) if se == 0 else sf(-distance / se)
    return "failed" if p < alpha else "passed"


def near_boundary(gates, values, base):
    for g in gates:
        for kind, t in g["conditions"]:
            op, x = bound(kind, t, base[g["metric"]], g["direction"])
            if abs(values[g["metric"]] - x) < 1e-9:
                return True
    return False


def case(rng, i):
    k = rng.randint(2, 6)
    method = rng.choice(METHODS)
    acc_center, acc_sd = rng.uniform(0.85, 0.95), rng.choice([0.0, 0.001, 0.005, 0.02])
    loss_center, loss_sd = rng.uniform(0.2, 0.4), rng.choice([0.001, 0.01, 0.05])
    runs = []
    for r in range(k):
        runs.append({
            "acc": round(min(1.0, max(0.0, rng.gauss(acc_center, acc_sd))), 6),
            "loss": round(rng.gauss(loss_center, loss_sd), 6),
            "n": 5000,
            "version": "1.4.0",
        })
    base = {"acc": round(rng.uniform(0.86, 0.94), 4), "loss": round(rng.uniform(0.22, 0.38), 4)}
    acc_kind = rng.choice(["min", "max_regression", "max_regression_ratio", "min_improvement"])
    acc_t = {"min": round(rng.uniform(0.85, 0.95), 3), "max_regression": rng.choice([0.0, 0.005, 0.01]),
             "max_regression_ratio": rng.choice([0.0, 0.01]), "min_improvement": rng.choice([0.0, 0.002])}[acc_kind]
    gates = [
        {"name": "acc", "metric": "acc", "direction": "higher", "conditions": [[acc_kind, acc_t]]},
        {"name": "loss", "metric": "loss", "direction": "lower", "conditions": [["max_regression", rng.choice([0.0, 0.01, 0.03])]]},
    ]
    for g in gates:
        # `significance` needs a relative condition (a policy error otherwise).
        if g["conditions"][0][0] != "min" and rng.random() < 0.6:
            g["significance"] = rng.choice([0.05, 0.01])
            g["max_stderr"] = rng.choice([0.0005, 0.005, 0.05])
    worst = {"acc": "higher", "loss": "lower", "n": None}
    aggregates = {}
    for name in ["acc", "loss", "n"]:
        vals = [r[name] for r in runs]
        aggregates[name] = {"value": aggregate(vals, method, worst[name]), "stderr": stderr(vals),
                            "low": min(vals), "high": max(vals)}
    values = {n: a["value"] for n, a in aggregates.items()}
    if near_boundary(gates, values, base):
        return None
    expected = []
    for g in gates:
        for cond in g["conditions"]:
            expected.append({"gate": g["name"], "kind": cond[0],
                             "status": status(g, cond, values[g["metric"]], aggregates[g["metric"]]["stderr"], base[g["metric"]])})
    return {"name": f"aggregate-{i}", "method": method, "runs": runs, "baseline": base, "gates": gates,
            "aggregates": aggregates, "expected": expected}


def main():
    rng = random.Random(19)
    cases = []
    i = 0
    while len(cases) < 200:
        c = case(rng, i)
        i += 1
        if c is not None:
            cases.append(c)
    # One case a line: reviewable diffs, a small file.
    lines = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
    print('{"generator": "dev/aggregate_oracle.py", "cases": [\n' + lines + "\n]}")


if __name__ == "__main__":
    main()
