#!/usr/bin/env python3
"""Generate deterministic benchmark inputs for qgate.

Usage: python3 bench/gen_inputs.py [DIR] [--gates N] [--seed S]

Writes into DIR (default: .qgate-bench/ at the repository root, git-ignored):

  policy.yaml    N gates (default 200) using all five condition kinds, both
                 directions, all three severities, several conditions on some
                 gates, per-gate overrides and comments.
  metrics.json   10,000 numeric metrics nested 2-3 levels deep, so gated metrics
                 are dotted paths such as `suite_07.task_13.f1`. Every gated
                 metric is present; almost all conditions pass, a handful fail
                 (including critical ones, so the verdict is `blocked`).
  baseline.json  the "previous release": the same 10,000 metrics, slightly
                 perturbed, minus two gated metrics (their relative conditions
                 are skipped via on_missing_baseline: skip).

The same seed always produces byte-identical files.
"""
import argparse
import json
import os
import random

# Leaf metric name -> (direction, generator for a plausible value).
LEAVES = {
    "accuracy": ("higher", lambda r: r.uniform(0.80, 0.99)),
    "precision": ("higher", lambda r: r.uniform(0.78, 0.99)),
    "recall": ("higher", lambda r: r.uniform(0.75, 0.99)),
    "f1": ("higher", lambda r: r.uniform(0.77, 0.99)),
    "auroc": ("higher", lambda r: r.uniform(0.85, 0.995)),
    "ece": ("lower", lambda r: r.uniform(0.005, 0.08)),
    "loss": ("lower", lambda r: r.uniform(0.05, 0.9)),
    "latency_ms": ("lower", lambda r: r.uniform(4.0, 300.0)),
    "throughput_qps": ("higher", lambda r: r.uniform(100.0, 5000.0)),
    "n_samples": ("higher", lambda r: r.randint(500, 50000)),
}
LEAF_NAMES = list(LEAVES)

THREE_LEVEL_SUITES = 36   # suite_XX.task_YY.<leaf>: 36 * 25 * 10 = 9,000 metrics
TASKS_PER_SUITE = 25
TWO_LEVEL_GROUPS = 4      # group_X.<name>:           4 * 250     = 1,000 metrics
LEAVES_PER_GROUP = 250    # total: 10,000 metrics

N_FAILING = 6             # conditions made to fail; the first two are critical


def rounded(x):
    return x if isinstance(x, int) else round(x, 6)


def fmt(x):
    """A YAML number both YAML 1.1 (PyYAML) and 1.2 read the same way: no exponent."""
    if isinstance(x, int):
        return str(x)
    s = f"{x:.6f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def build_metrics(r):
    """Return (nested metrics dict, {dotted path: (value, direction)})."""
    nested, flat = {}, {}
    for s in range(THREE_LEVEL_SUITES):
        suite = nested[f"suite_{s:02d}"] = {}
        for t in range(TASKS_PER_SUITE):
            task = suite[f"task_{t:02d}"] = {}
            for leaf in LEAF_NAMES:
                direction, gen = LEAVES[leaf]
                v = rounded(gen(r))
                task[leaf] = v
                flat[f"suite_{s:02d}.task_{t:02d}.{leaf}"] = (v, direction)
    for g in range(TWO_LEVEL_GROUPS):
        group = nested[f"group_{chr(ord('a') + g)}"] = {}
        for i in range(LEAVES_PER_GROUP):
            leaf = LEAF_NAMES[i % len(LEAF_NAMES)]
            direction, gen = LEAVES[leaf]
            name = f"{leaf}_{i:03d}"
            v = rounded(gen(r))
            group[name] = v
            flat[f"group_{chr(ord('a') + g)}.{name}"] = (v, direction)
    return nested, flat


def perturb(r, v):
    """Baseline value: within +-0.5% of the candidate's, same type."""
    if isinstance(v, int):
        return max(1, int(round(v * (1 + r.uniform(-0.005, 0.005)))))
    return round(v * (1 + r.uniform(-0.005, 0.005)), 6)


def passing_threshold(kind, v, b, direction):
    """A threshold the condition passes by a clear margin (5% of |v| or more)."""
    margin = 0.05 * abs(v) + 0.001
    if kind == "min":
        return round(v - margin, 6)
    if kind == "max":
        return round(v + margin, 6)
    if kind == "max_regression":
        return round(abs(v - b) + margin, 6)
    if kind == "max_regression_ratio":
        return round(abs(v - b) / abs(b) + 0.05, 6)
    return round(abs(v - b) + margin, 6)  # max_delta


def failing(kind, v, direction):
    """(threshold, baseline) that make the condition fail by a clear margin."""
    margin = 0.05 * abs(v) + 0.001
    worse_base = round(v * 1.08 if direction == "higher" else v / 1.08, 6)  # baseline 8% better
    if isinstance(v, int):
        worse_base = int(round(worse_base))
    if kind == "min":
        return round(v + margin, 6), None
    if kind == "max":
        return round(v - margin, 6), None
    if kind == "max_regression":
        return round(0.01 * abs(v), 6), worse_base
    if kind == "max_regression_ratio":
        return 0.02, worse_base
    return round(0.01 * abs(v), 6), worse_base  # max_delta


def build_gates(r, flat, n_gates):
    paths = r.sample(sorted(flat), n_gates)
    gates = []
    for i, path in enumerate(paths):
        value, natural = flat[path]
        absolute = "min" if natural == "higher" else "max"
        roll = r.random()
        if roll < 0.30:
            kinds = [absolute]
        elif roll < 0.48:
            kinds = ["max_regression"]
        elif roll < 0.63:
            kinds = ["max_regression_ratio"]
        elif roll < 0.75:
            kinds = ["max_delta"]
        elif roll < 0.92:
            kinds = [absolute, r.choice(["max_regression", "max_regression_ratio"])]
        else:
            kinds = [absolute, "max_regression", "max_regression_ratio", "max_delta"]
        sev_roll = r.random()
        severity = None if sev_roll < 0.70 else ("warning" if sev_roll < 0.90 else "info")
        gates.append({
            "index": i,
            "metric": path,
            "natural": natural,
            "kinds": kinds,
            "severity": severity,
            # Say `direction:` explicitly for every lower-is-better metric and,
            # now and then, redundantly for higher-is-better ones.
            "direction": natural if natural == "lower" or r.random() < 0.15 else None,
            "name": f"gate-{i:03d}" if r.random() < 0.25 else None,
            "description": r.random() < 0.20,
            "on_missing_metric": r.choice(["warn", "skip"]) if r.random() < 0.05 else None,
            "on_missing_baseline": r.choice(["fail", "warn"]) if r.random() < 0.05 else None,
        })
    return gates


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(here), ".qgate-bench"))
    ap.add_argument("--gates", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20241124)
    args = ap.parse_args()

    r = random.Random(args.seed)
    nested, flat = build_metrics(r)
    base_flat = {p: perturb(r, v) for p, (v, _) in flat.items()}
    gates = build_gates(r, flat, args.gates)

    # Two gated metrics with relative conditions are absent from the baseline,
    # and only on gates that skip a missing baseline (the default).
    relative_gates = [g for g in gates
                      if any(k.startswith("max_") for k in g["kinds"]) and g["on_missing_baseline"] is None]
    for g in relative_gates[:2]:
        del base_flat[g["metric"]]
        g["no_baseline"] = True

    # Make N_FAILING single-condition gates fail: two critical, the rest mixed.
    single = [g for g in gates if len(g["kinds"]) == 1 and not g.get("no_baseline")
              and g["on_missing_baseline"] is None]
    def first(pool, kind_group):
        return next(g for g in pool if g["kinds"][0] in kind_group and not g.get("fail"))
    crit = [g for g in single if g["severity"] is None]
    other = [g for g in single if g["severity"] is not None]
    to_fail = [first(crit, ("min", "max")), first(crit, ("max_regression_ratio",)),
               first(other, ("max_regression",)), first(other, ("max_delta",)),
               first(other, ("min", "max")), first(other, ("max_regression_ratio",))][:N_FAILING]
    for g in to_fail:
        g["fail"] = True

    # Thresholds.
    for g in gates:
        path = g["metric"]
        v = flat[path][0]
        direction = g["natural"]
        b = base_flat.get(path, v)
        g["thresholds"] = {}
        for kind in g["kinds"]:
            if g.get("fail"):
                t, new_base = failing(kind, v, direction)
                if new_base is not None:
                    base_flat[path] = new_base
            else:
                t = passing_threshold(kind, v, b, direction)
            g["thresholds"][kind] = t

    # Write policy.yaml.
    out = [
        "# Generated by bench/gen_inputs.py -- synthetic policy for benchmarking qgate.",
        f"# seed {args.seed}: {len(gates)} gates over {len(flat)} metrics.",
        "",
        "version: 1",
        "model: synthetic-benchmark-model",
        "",
        "defaults:",
        "  severity: critical",
        "  on_missing_metric: fail",
        "  on_missing_baseline: skip   # first release: nothing to compare with",
        "",
        "gates:",
    ]
    for g in gates:
        if g["index"] % 20 == 0:
            out += ["", f"  # --- gates {g['index']:03d}-{g['index'] + 19:03d} " + "-" * 40]
        out.append(f"  - metric: {g['metric']}")
        if g["name"]:
            out.append(f"    name: {g['name']}")
        if g["description"]:
            out.append(f'    description: "Keep {g["metric"]} within budget: see runbook #{g["index"]}"')
        if g["direction"]:
            out.append(f"    direction: {g['direction']}")
        if g["severity"]:
            out.append(f"    severity: {g['severity']}")
        for key in ("on_missing_metric", "on_missing_baseline"):
            if g[key]:
                out.append(f"    {key}: {g[key]}")
        for kind, t in g["thresholds"].items():
            comment = "  # relative to the baseline" if kind.startswith("max_") and g["index"] % 7 == 0 else ""
            out.append(f"    {kind}: {fmt(t)}{comment}")
    policy_text = "\n".join(out) + "\n"

    # Rebuild the nested baseline from the flat map, keeping document order.
    base_nested = {}
    for path, v in base_flat.items():
        node = base_nested
        *parents, leaf = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = v

    os.makedirs(args.dir, exist_ok=True)
    with open(os.path.join(args.dir, "policy.yaml"), "w", encoding="utf-8") as f:
        f.write(policy_text)
    with open(os.path.join(args.dir, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump({"run_id": f"bench-{args.seed}", **nested}, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.dir, "baseline.json"), "w", encoding="utf-8") as f:
        json.dump(base_nested, f, indent=2)
        f.write("\n")

    n_conditions = sum(len(g["kinds"]) for g in gates)
    n_skipped = sum(1 for g in gates if g.get("no_baseline") for k in g["kinds"] if k.startswith("max_"))
    n_crit = sum(1 for g in to_fail if g["severity"] is None)
    print(f"wrote {args.dir}: {len(gates)} gates / {n_conditions} conditions, {len(flat)} metrics, "
          f"{len(base_flat)} baseline metrics; expected: {len(to_fail)} failed ({n_crit} critical), "
          f"{n_skipped} skipped, verdict {'blocked' if n_crit else 'passed'}")

if __name__ == "__main__":
    main()
