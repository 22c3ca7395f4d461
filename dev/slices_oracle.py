#!/usr/bin/env python3
"""An independent reading of README.md's "Slices: one gate for every group value"
and the condition table above it, for pattern gates: generates random policies
(one pattern gate), metrics with groups and baselines, and the verdict each
slice's condition must get. Tests/QualityGateCoreTests/Gates/SliceOracleTests.swift
compares qgate with it.

    python3 dev/slices_oracle.py > Tests/Fixtures/slices/oracle.json

Written from the README's words, not from the Swift code:
- `*` matches exactly one dotted segment; one result per matching metric and
  condition, slices in name order;
- a relative condition compares the same slice in the baseline; a slice the
  baseline lacks follows on_missing_baseline;
- no match: one missing metric per condition, following on_missing_metric;
- min_count k: count at <prefix>.<slice>.n; count < k: skipped; count absent or
  not a finite number: on_missing_metric;
- bounds inclusive with a relative slack of 1e-12 * max(1, |bound|);
- max_spread t: one result for the gate, after its slices; the judged slices
  are the matched ones not skipped by min_count; a slice whose count is missing,
  or whose value is null, follows on_missing_metric; fewer than two judged
  slices follow on_missing_metric; otherwise max - min <= t (direction-free),
  naming the best and worst slice in the gate's direction (ties: the first in
  name order).
"""
import json
import random

SLACK = 1e-12
KINDS = ["min", "max", "max_regression", "max_regression_ratio", "max_delta"]
SLICES = ["eu", "us", "apac", "_missing", "NA", "::error::x", "##[group]y", "a b", "z-9"]


def slack(b):
    return SLACK * max(1.0, abs(b))


def passes(kind, t, direction, v, base):
    if kind == "min":
        return v >= t - slack(t)
    if kind == "max":
        return v <= t + slack(t)
    if kind == "max_delta":
        return abs(v - base) <= t + slack(t)
    allowed = t if kind == "max_regression" else t * abs(base)
    if direction == "higher":
        b = base - allowed
        return v >= b - slack(b)
    b = base + allowed
    return v <= b + slack(b)


def missing(policy):
    # fail: failed at the gate's severity; warn: failed as a warning; skip: skipped.
    return {"fail": ("failed", None), "warn": ("failed", "warning"), "skip": ("skipped", None)}[policy]


def expected(case):
    gate = case["gate"]
    head, tail = gate["metric"].split(".*")[0] + ".", gate["metric"].split("*", 1)[1]
    metrics, baseline = case["flat_metrics"], case["flat_baseline"]
    slices = sorted(
        {
            k[len(head) : len(k) - len(tail)]
            for k in metrics
            if k.startswith(head) and k.endswith(tail) and len(k) > len(head) + len(tail) and "." not in k[len(head) : len(k) - len(tail)]
        }
    )
    out = []
    severity = gate["severity"]
    if not slices:
        for c in gate["conditions"]:
            status, sev = missing(gate["on_missing_metric"])
            out.append({"slice": None, "kind": c["kind"], "status": status, "severity": sev or severity})
        return out
    per_slice = [c for c in gate["conditions"] if c["kind"] != "max_spread"]
    for s in slices:
        for c in per_slice:
            status, sev = "passed", severity
            count = metrics.get(head + s + ".n")
            v = metrics[head + s + tail]
            if "min_count" in gate and not isinstance(count, (int, float)):
                status, sev2 = missing(gate["on_missing_metric"])
                sev = sev2 or severity
            elif "min_count" in gate and count < gate["min_count"]:
                status = "skipped"
            elif v is None:
                status, sev2 = missing(gate["on_missing_metric"])
                sev = sev2 or severity
            elif c["kind"] in ("min", "max"):
                status = "passed" if passes(c["kind"], c["t"], gate["direction"], v, 0) else "failed"
            elif (head + s + tail) not in baseline:
                status, sev2 = missing(gate["on_missing_baseline"])
                sev = sev2 or severity
            else:
                ok = passes(c["kind"], c["t"], gate["direction"], v, baseline[head + s + tail])
                status = "passed" if ok else "failed"
            out.append({"slice": s, "kind": c["kind"], "status": status, "severity": sev})
    for c in gate["conditions"]:
        if c["kind"] == "max_spread":
            out.append(spread(gate, c["t"], [(s, metrics.get(head + s + ".n"), metrics[head + s + tail]) for s in slices]))
    return out


def spread(gate, t, slices):
    judged = []
    for s, count, v in slices:
        if "min_count" in gate and not isinstance(count, (int, float)):
            judged = None
            break
        if "min_count" in gate and count < gate["min_count"]:
            continue
        if v is None:
            judged = None
            break
        judged.append((s, v))
    result = {"slice": None, "kind": "max_spread"}
    if judged is None or len(judged) < 2:
        status, sev = missing(gate["on_missing_metric"])
        return {**result, "status": status, "severity": sev or gate["severity"]}
    high = max(judged, key=lambda x: x[1])
    low = min(judged, key=lambda x: x[1])
    best, worst = (high, low) if gate["direction"] == "higher" else (low, high)
    gap = high[1] - low[1]
    status = "passed" if gap <= t + slack(t) else "failed"
    return {**result, "status": status, "severity": gate["severity"], "best": best[0], "worst": worst[0], "gap": gap}


def nest(flat):
    root = {}
    for k, v in flat.items():
        parts = k.split(".")
        node = root
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = v
    return root


def case(rng, i, spread=False):
    column = rng.choice(["region", "sex"])
    metric = rng.choice(["recall", "accuracy", "latency_ms"])
    slices = rng.sample(SLICES, rng.randint(0, 5))
    gate = {
        "metric": f"groups.{column}.*.{metric}",
        "direction": rng.choice(["higher", "lower"]),
        "severity": rng.choice(["critical", "warning"]),
        "on_missing_metric": rng.choice(["fail", "warn", "skip"]),
        "on_missing_baseline": rng.choice(["fail", "warn", "skip"]),
        "conditions": [],
    }
    kinds = rng.sample(KINDS, rng.randint(0 if spread else 1, 2 if spread else 3)) + (["max_spread"] if spread else [])
    for kind in kinds:
        if kind == "max_spread":
            # Gaps are differences of two-decimal values: sometimes exactly on t.
            gate["conditions"].append({"kind": kind, "t": rng.choice([0.0, 0.05, 0.1, 0.15, 0.2, 0.3])})
            continue
        t = round(rng.uniform(0.0, 0.2), 2) if kind.startswith("max_") else round(rng.uniform(0.3, 0.9), 2)
        gate["conditions"].append({"kind": kind, "t": t})
    if {"min", "max"} <= {c["kind"] for c in gate["conditions"]}:
        lo = min(c["t"] for c in gate["conditions"] if c["kind"] in ("min", "max"))
        hi = max(c["t"] for c in gate["conditions"] if c["kind"] in ("min", "max"))
        for c in gate["conditions"]:
            c["t"] = lo if c["kind"] == "min" else (hi if c["kind"] == "max" else c["t"])
    if rng.random() < 0.5:
        gate["min_count"] = rng.choice([1, 30, 100])
    flat, base = {}, {}
    # Another group and a deeper name that the pattern must not match.
    flat[f"groups.other.eu.{metric}"] = 0.1
    flat[f"groups.{column}.deep.x.{metric}"] = 0.1
    for s in slices:
        # Spread cases keep slices close, so gaps fall on both sides of t.
        v = round(rng.uniform(0.45, 0.75) if spread else rng.uniform(0.2, 1.0), 2)
        if spread and rng.random() < 0.05:
            v = None  # undefined for this slice: on_missing_metric
        flat[f"groups.{column}.{s}.{metric}"] = v
        r = rng.random()
        if r < 0.7:
            flat[f"groups.{column}.{s}.n"] = rng.choice([5, 29, 30, 31, 99, 100, 500])
        elif r < 0.8:
            flat[f"groups.{column}.{s}.n"] = None
        if rng.random() < 0.8:
            # Sometimes exactly on a bound of max_regression (inclusive).
            base[f"groups.{column}.{s}.{metric}"] = round((v or 0.5) + rng.choice([-0.1, -0.05, 0, 0.05, 0.1, 0.2]), 2)
    values = [v for k, v in flat.items() if k.startswith(f"groups.{column}.") and k.count(".") == 3 and k.endswith(metric) and v is not None]
    if spread and len(values) >= 2 and rng.random() < 0.3:
        # Exactly on the bound (inclusive), as the README's gap of two-decimal values.
        gate["conditions"][-1]["t"] = round(max(values) - min(values), 2)
    c = {"name": f"oracle-{i}", "gate": gate, "flat_metrics": flat, "flat_baseline": base}
    c["expected"] = expected(c)
    c["metrics"] = json.dumps(nest(flat))
    c["baseline"] = json.dumps(nest(base)) if base else "{}"
    del c["flat_metrics"], c["flat_baseline"]
    return c


def main():
    rng = random.Random(19)
    cases = [case(rng, i) for i in range(300)]
    # max_spread cases from their own generator, so the cases above stay as they were.
    rng = random.Random(1919)
    cases += [case(rng, i, spread=True) for i in range(300, 500)]
    # One case per line: reviewable in a diff, small in the repository.
    lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
    print('{"generator": "dev/slices_oracle.py", "seed": 19, "cases": [\n' + lines + "\n]}")


if __name__ == "__main__":
    main()
