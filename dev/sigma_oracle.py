#!/usr/bin/env python3
"""Expected verdicts, σ and bounds of `max_regression_sigma`, read from the README.

Written from README.md ("Thresholds learned from history") and not from the
Swift code:

- The release history is the chain of promotions that led to the current
  baseline: a promotion follows the baseline current when it was promoted; a
  rollback makes the restored promotion current again with the chain it had
  (the releases it withdrew leave the chain). Recorded evaluations are not
  releases.
- The window is the last `history_window` releases of that chain. A change is
  later minus earlier between consecutive releases of the window that both
  record the metric (in binary floating point, as the store's numbers are).
- σ is the sample standard deviation of the changes (n - 1). With fewer than
  `min_history` changes the condition follows `on_missing_baseline`
  (`short_history`). A change that is not finite fails (`non_finite_history`).
- higher: value >= baseline - k·σ; lower: value <= baseline + k·σ, with the
  README's 1e-12 relative slack. σ = 0: the bound is the baseline.

σ and the bound are computed exactly (fractions) and square-rooted in
60-digit decimals. Candidates within 1e-9 (relative) of the bound are not
generated, except exactly on it where σ = 0. Writes Tests/Fixtures/sigma/cases.json.
Usage: python3 dev/sigma_oracle.py
"""
import json
import os
import random
from decimal import Decimal, getcontext
from fractions import Fraction as F

getcontext().prec = 60
SLACK = F(1e-12)


def lineage(events):
    """The chain of releases (indices into events) ending at the current baseline."""
    chains = {}
    current = []
    for i, e in enumerate(events):
        if e["event"] == "promote":
            current = current + [i]
            chains[e["seq"]] = current
        elif e["event"] == "rollback":
            current = chains[e["restores_seq"]]
    return [events[i] for i in current]


def sqrt(fr):
    return (Decimal(fr.numerator) / Decimal(fr.denominator)).sqrt()


def judge(case):
    chain = lineage(case["events"])
    window = chain[-case["history_window"]:]
    base = chain[-1]["metrics"].get("m") if chain else None
    v = case["candidate"]
    on_missing = case["on_missing_baseline"]
    missing_status = "skipped" if on_missing == "skip" else "failed"
    out = {"releases": len(window), "changes": 0, "sigma": None, "bound": None}
    if base is None:
        out.update(status=missing_status, reason="missing_baseline", releases=None, changes=None)
        return out
    values = [r["metrics"].get("m") for r in window]
    changes = [b - a for a, b in zip(values, values[1:]) if a is not None and b is not None]
    out["changes"] = len(changes)
    if len(changes) < case["min_history"]:
        out.update(status=missing_status, reason="short_history")
        return out
    if any(c != c or c in (float("inf"), float("-inf")) for c in changes):
        out.update(status="failed", reason="non_finite_history")
        return out
    exact = [F(c) for c in changes]
    mean = sum(exact) / len(exact)
    var = sum((c - mean) ** 2 for c in exact) / (len(exact) - 1)
    sigma = sqrt(var)
    k = Decimal(repr(case["k"]))
    b = Decimal(F(base).numerator) / Decimal(F(base).denominator)
    higher = case["direction"] == "higher"
    bound = b - k * sigma if higher else b + k * sigma
    slack = Decimal(1e-12) * max(Decimal(1), abs(bound))
    dv = Decimal(F(v).numerator) / Decimal(F(v).denominator)
    passes = dv >= bound - slack if higher else dv <= bound + slack
    out.update(status="passed" if passes else "failed", reason=None if passes else ("below_bound" if higher else "above_bound"),
               sigma=float(sigma), bound=float(bound))
    return out, bound, sigma


def main():
    rng = random.Random(1919)
    cases = []
    while len(cases) < 600:
        n = len(cases)
        kind = n % 6
        direction = rng.choice(["higher", "lower"])
        window = rng.choice([3, 4, 5, 8, 12, 20, 25])
        min_history = rng.randint(2, window - 1)
        k = rng.choice([0.5, 1, 2, 2.5, 3, 4.5])
        on_missing = rng.choice(["skip", "fail", "warn"])
        events = []
        seq = 0
        value = rng.uniform(-2, 2) if kind != 3 else float(rng.randint(-50, 50))
        step = rng.choice([0.001, 0.01, 0.5, 3])
        versions = []
        for _ in range(rng.randint(1, 30)):
            seq += 1
            r = rng.random()
            promotions = [e for e in events if e["event"] == "promote"]
            if r < 0.12 and promotions:
                target = rng.choice(promotions)
                events.append({"seq": seq, "event": "rollback", "restores_seq": target["seq"]})
            elif r < 0.2:
                events.append({"seq": seq, "event": "evaluation"})
            else:
                if kind == 3:
                    value += 2.0  # integer steps: every change exactly 2, σ = 0
                elif kind == 4:
                    value = rng.choice([-1e308, 1e308, 1.5e308, -1.7e308])
                else:
                    value += rng.gauss(0, step)
                metrics = {"m": value}
                if kind == 5 and rng.random() < 0.25:
                    metrics = {"other": value}
                events.append({"seq": seq, "event": "promote", "version": "v%d" % seq, "metrics": metrics})
        case = {"name": "sigma-%03d" % n, "direction": direction, "k": k, "history_window": window, "min_history": min_history,
                "on_missing_baseline": on_missing, "events": events}
        chain = lineage(events)
        if not chain:
            continue
        base = chain[-1]["metrics"].get("m")
        case["candidate"] = 0.0
        probe = judge(case)
        if isinstance(probe, dict):
            # No σ: any candidate; the verdict does not depend on it.
            case["candidate"] = (base if base is not None else 0.0) + rng.uniform(-1, 1)
            result = judge(case)
        else:
            _, bound, sigma = probe
            if kind == 3 and rng.random() < 0.5:
                case["candidate"] = float(bound)  # σ = 0: exactly on the bound, the baseline
            else:
                offset = rng.choice([-3, -1.5, -1.01, -0.99, -0.5, 0.5, 0.99, 1.01, 1.5, 3])
                scale = float(sigma) if sigma > 0 else max(abs(base), 1) * 1e-3
                case["candidate"] = float(bound) + offset * scale * (1 if direction == "higher" else -1) * k / 2
            if abs(case["candidate"]) == float("inf"):
                continue
            _, bound, _ = judge(case)
            dv = Decimal(F(case["candidate"]).numerator) / Decimal(F(case["candidate"]).denominator)
            if case["candidate"] != float(bound) and abs(dv - bound) <= Decimal("1e-9") * max(Decimal(1), abs(bound)):
                continue
            result = judge(case)[0]
        if case["candidate"] != case["candidate"] or abs(case["candidate"]) == float("inf"):
            continue
        case["expected"] = result
        cases.append(case)
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "sigma", "cases.json")
    with open(path, "w") as f:
        json.dump(cases, f, indent=None, separators=(",", ":"))
        f.write("\n")
    counts = {}
    for c in cases:
        key = (c["expected"]["status"], c["expected"]["reason"])
        counts[key] = counts.get(key, 0) + 1
    print(len(cases), "cases:", ", ".join("%s/%s %d" % (s, r, n) for (s, r), n in sorted(counts.items(), key=str)))


if __name__ == "__main__":
    main()
