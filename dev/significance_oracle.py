#!/usr/bin/env python3
"""Expected p-values for qgate's noise-aware relative gates, computed with scipy.

For each case: excess = how far the candidate lies beyond the allowed bound
(max_regression: (b - t) - v for direction higher, v - (b + t) for lower;
max_regression_ratio: the same with t*|b|; max_delta: |v - b| - t), then
  two-proportion z-test: se = sqrt(v(1-v)/n1 + b(1-b)/n2)
  z-test from standard errors: se = sqrt(se1^2 + se2^2)
and p = scipy.stats.norm.sf(excess / se), one-sided.
For a required improvement (min_improvement, min_improvement_ratio) the README
turns the question round: excess = how far the candidate lies *inside* the
demanded bound (v - (b + t) for higher, (b - t) - v for lower; t*|b| for the
ratio), so a small p means the improvement is shown.
Writes Tests/Fixtures/significance/cases.json. Usage: python3 dev/significance_oracle.py
"""
import json
import math
import random

from scipy.stats import norm


def excess(kind, direction, v, b, t):
    if kind.startswith("min_improvement"):
        margin = t * abs(b) if kind == "min_improvement_ratio" else t
        return v - (b + margin) if direction == "higher" else (b - margin) - v
    if kind == "max_delta":
        return abs(v - b) - t
    margin = t * abs(b) if kind == "max_regression_ratio" else t
    return (b - margin) - v if direction == "higher" else v - (b + margin)


def main():
    rnd = random.Random(9)
    cases = []
    for i in range(60):
        kind = rnd.choice(["max_regression", "max_regression_ratio", "max_delta"])
        direction = rnd.choice(["higher", "lower"])
        b = round(rnd.uniform(0.6, 0.95), 4)
        v = min(0.999, round(b + rnd.uniform(-0.06, 0.06), 4))  # rates stay in [0, 1]
        t = round(rnd.choice([0.0, 0.005, 0.01, 0.02]), 4)
        if i % 2 == 0:
            n1, n2 = rnd.choice([500, 2000, 10000]), rnd.choice([500, 2000, 10000])
            se = math.sqrt(v * (1 - v) / n1 + b * (1 - b) / n2)
            test, cand, ref = "two-proportion z-test", {"n": n1}, {"n": n2}
        else:
            s1, s2 = round(rnd.uniform(0.001, 0.02), 4), round(rnd.uniform(0.001, 0.02), 4)
            se = math.sqrt(s1 * s1 + s2 * s2)
            test, cand, ref = "z-test from standard errors", {"stderr": s1}, {"stderr": s2}
        p = float(norm.sf(excess(kind, direction, v, b, t) / se))
        cases.append({"kind": kind, "direction": direction, "value": v, "baseline": b, "threshold": t,
                      "candidate": cand, "reference": ref, "test": test, "p": p})
    # Required improvements, appended so the cases above stay as they were.
    rnd = random.Random(19)
    for i in range(20):
        kind = rnd.choice(["min_improvement", "min_improvement_ratio"])
        direction = rnd.choice(["higher", "lower"])
        b = round(rnd.uniform(0.6, 0.95), 4)
        v = min(0.999, round(b + rnd.uniform(-0.06, 0.06), 4))
        t = round(rnd.choice([0.0, 0.005, 0.01, 0.02]), 4)
        if i % 2 == 0:
            n1, n2 = rnd.choice([500, 2000, 10000]), rnd.choice([500, 2000, 10000])
            se = math.sqrt(v * (1 - v) / n1 + b * (1 - b) / n2)
            test, cand, ref = "two-proportion z-test", {"n": n1}, {"n": n2}
        else:
            s1, s2 = round(rnd.uniform(0.001, 0.02), 4), round(rnd.uniform(0.001, 0.02), 4)
            se = math.sqrt(s1 * s1 + s2 * s2)
            test, cand, ref = "z-test from standard errors", {"stderr": s1}, {"stderr": s2}
        p = float(norm.sf(excess(kind, direction, v, b, t) / se))
        cases.append({"kind": kind, "direction": direction, "value": v, "baseline": b, "threshold": t,
                      "candidate": cand, "reference": ref, "test": test, "p": p})
    with open("Tests/Fixtures/significance/cases.json", "w") as f:
        json.dump({"generator": "dev/significance_oracle.py (scipy.stats.norm.sf)", "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
