#!/usr/bin/env python3
"""The quality-gate script ML teams typically write today, used as qgate's baseline.

Usage: python3 bench/evaluate_python.py POLICY METRICS [BASELINE]

Loads a quality-gates.yaml policy (PyYAML), a metrics JSON file and an optional
baseline JSON file, evaluates every gate condition with the same semantics as
`qgate evaluate`, prints a short summary and exits:

    0  passed (possibly with warnings)
    1  blocked (at least one critical condition failed)
    2  usage, file or policy error

Semantics (kept identical to qgate):
  * nested JSON objects flatten to dotted paths; a literal key containing dots
    resolves the same way. Non-numeric values (strings, booleans, null, arrays)
    are not metrics and are treated as missing.
  * min: v >= t            max: v <= t
  * max_regression:        higher: v >= b - t        lower: v <= b + t
  * max_regression_ratio:  higher: v >= b - t*|b|    lower: v <= b + t*|b|
  * max_delta:             |v - b| <= t
  * boundaries inclusive, with a slack of 1e-12 * max(1, |bound|).
  * NaN / +-Inf in a value (or baseline) fails every condition that reads it.
  * missing metric -> on_missing_metric; relative condition without a baseline
    value -> on_missing_baseline (fail: fails at the gate's severity, warn: fails
    as a warning, skip: skipped).
"""
import json
import math
import sys

import yaml

# Use libyaml's C loader when PyYAML was built with it: it is what a team would
# (or should) reach for, and it makes this baseline as fast as Python gets.
# The pure-Python SafeLoader is several times slower on large policies.
try:
    SafeLoader = yaml.CSafeLoader
    LOADER_NAME = "CSafeLoader (libyaml)"
except AttributeError:  # PyYAML built without libyaml
    SafeLoader = yaml.SafeLoader
    LOADER_NAME = "SafeLoader (pure Python)"

CONDITION_KINDS = ("min", "max", "max_regression", "max_regression_ratio", "max_delta")
RELATIVE_KINDS = ("max_regression", "max_regression_ratio", "max_delta")
SEVERITIES = ("critical", "warning", "info")
MISSING_POLICIES = ("fail", "warn", "skip")
DIRECTIONS = ("higher", "lower")
GATE_KEYS = {"metric", "name", "description", "severity", "on_missing_metric", "stage", "owner", "mitigation",
             "on_missing_baseline", "direction", *CONDITION_KINDS}


class PolicyError(Exception):
    pass


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def flatten(obj, prefix="", out=None):
    """{"latency": {"p95_ms": 110}} -> {"latency.p95_ms": 110}."""
    if out is None:
        out = {}
    for key, value in obj.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flatten(value, path, out)
        elif is_number(value):
            out[path] = float(value)
    return out


def load_json_metrics(path):
    with open(path, "r", encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: top level must be a JSON object")
    return flatten(data)


def load_policy(path):
    with open(path, "r", encoding="utf-8") as f:
        doc = yaml.load(f, Loader=SafeLoader)  # == yaml.safe_load with the C loader
    if not isinstance(doc, dict):
        raise PolicyError(f"{path}: policy must be a mapping")
    if doc.get("version") != 1:
        raise PolicyError(f"{path}: unsupported policy version {doc.get('version')!r}")
    defaults = {"severity": "critical", "on_missing_metric": "fail",
                "on_missing_baseline": "skip", "direction": "higher"}
    defaults.update(doc.get("defaults") or {})
    gates = doc.get("gates")
    if not isinstance(gates, list) or not gates:
        raise PolicyError(f"{path}: `gates` must be a non-empty list")
    for i, gate in enumerate(gates, 1):
        if not isinstance(gate, dict) or not isinstance(gate.get("metric"), str):
            raise PolicyError(f"{path}: gate #{i} needs a `metric` string")
        unknown = set(gate) - GATE_KEYS
        if unknown:
            raise PolicyError(f"{path}: gate #{i} has unknown keys {sorted(unknown)}")
        if not any(k in gate for k in CONDITION_KINDS):
            raise PolicyError(f"{path}: gate #{i} ({gate['metric']}) has no condition")
        for k in CONDITION_KINDS:
            if k in gate and not is_number(gate[k]):
                raise PolicyError(f"{path}: gate #{i} `{k}` must be a number")
        for key, allowed in (("severity", SEVERITIES), ("on_missing_metric", MISSING_POLICIES),
                             ("on_missing_baseline", MISSING_POLICIES), ("direction", DIRECTIONS)):
            if gate.get(key, defaults[key]) not in allowed:
                raise PolicyError(f"{path}: gate #{i} `{key}` must be one of {allowed}")
    return defaults, gates


def within(value, bound, upper):
    """value <= bound (upper) or value >= bound (lower), inclusive, with rounding slack."""
    slack = 1e-12 * max(1.0, abs(bound))
    return value <= bound + slack if upper else value >= bound - slack


def evaluate(defaults, gates, metrics, baseline):
    results = []  # (metric, kind, severity, status, message)
    for gate in gates:
        metric = gate["metric"]
        severity = gate.get("severity", defaults["severity"])
        on_missing_metric = gate.get("on_missing_metric", defaults["on_missing_metric"])
        on_missing_baseline = gate.get("on_missing_baseline", defaults["on_missing_baseline"])
        direction = gate.get("direction", defaults["direction"])
        value = metrics.get(metric)
        base = baseline.get(metric) if baseline is not None else None

        for kind in CONDITION_KINDS:
            if kind not in gate:
                continue
            t = float(gate[kind])

            def missing(policy, why):
                if policy == "skip":
                    return (metric, kind, severity, "skipped", why)
                sev = "warning" if policy == "warn" else severity
                return (metric, kind, sev, "failed", why)

            if value is None:
                results.append(missing(on_missing_metric, "metric missing"))
                continue
            if kind in RELATIVE_KINDS and base is None:
                results.append(missing(on_missing_baseline, "no baseline value"))
                continue
            if not math.isfinite(value) or (kind in RELATIVE_KINDS and not math.isfinite(base)):
                results.append((metric, kind, severity, "failed", "non-finite value"))
                continue

            lower_is_better = direction == "lower"
            if kind == "min":
                checked, bound, upper = value, t, False
            elif kind == "max":
                checked, bound, upper = value, t, True
            elif kind == "max_regression":
                checked, upper = value, lower_is_better
                bound = base + t if lower_is_better else base - t
            elif kind == "max_regression_ratio":
                checked, upper = value, lower_is_better
                bound = base + t * abs(base) if lower_is_better else base - t * abs(base)
            else:  # max_delta
                checked, bound, upper = abs(value - base), t, True

            ok = within(checked, bound, upper)
            op = "<=" if upper else ">="
            what = "|value - baseline|" if kind == "max_delta" else "value"
            msg = f"{what} {checked:.6g} {op} {bound:.6g}" if ok else f"{what} {checked:.6g} not {op} {bound:.6g}"
            results.append((metric, kind, severity, "passed" if ok else "failed", msg))
    return results


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        defaults, gates = load_policy(argv[1])
        metrics = load_json_metrics(argv[2])
        baseline = load_json_metrics(argv[3]) if len(argv) == 4 else None
    except (OSError, ValueError, yaml.YAMLError, PolicyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    results = evaluate(defaults, gates, metrics, baseline)
    failed = [r for r in results if r[3] == "failed"]
    critical = sum(1 for r in failed if r[2] == "critical")
    warnings = sum(1 for r in failed if r[2] == "warning")
    infos = sum(1 for r in failed if r[2] == "info")
    passed = sum(1 for r in results if r[3] == "passed")
    skipped = sum(1 for r in results if r[3] == "skipped")

    print(f"{len(gates)} gates, {len(results)} conditions: {passed} passed, "
          f"{len(failed)} failed ({critical} critical, {warnings} warning, {infos} info), "
          f"{skipped} skipped  [yaml loader: {LOADER_NAME}]")
    for metric, kind, severity, _, msg in failed:
        print(f"  FAILED [{severity}] {metric} {kind}: {msg}")
    if critical:
        verdict = "blocked"
    elif warnings:
        verdict = "passed_with_warnings"
    else:
        verdict = "passed"
    print(f"verdict: {verdict}")
    return 1 if critical else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
