#!/usr/bin/env python3
"""Runs every benchmark and prints one table (see bench/run.sh, which builds
qgate in release mode and installs the peers first).

Each task runs qgate and its peer as fresh processes, alternating, RUNS times
(per task below); the table shows medians of wall time and the peak RSS of
each process (ru_maxrss from wait4). Before timing, both sides' outputs are
compared, so a fast wrong answer cannot win.
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
D = os.path.join(ROOT, ".qgate-bench")
QGATE = os.path.join(ROOT, ".build", "release", "qgate")
PY = sys.executable


def run(cmd):
    """Wall seconds, peak RSS in MB, exit code and stdout of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), out


def flat(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from flat(v, prefix + k + ".")
        else:
            yield prefix + k, v


def same_score(q, p):
    q, p = dict(flat(json.loads(q))), dict(flat(json.loads(p)))
    return all(q.get(k) is None if v is None else q.get(k) is not None and abs(q[k] - v) <= 1e-9 * max(1, abs(v))
               for k, v in p.items())


def same_verdict(q, p):
    return ("verdict: " + json.loads(q)["verdict"]) in p.decode().splitlines()


def same_drift(q, p):
    cols = ",".join(c["name"] for c in json.loads(q)["columns"] if c["drifted"])
    return p.decode().strip() == "drifted: " + cols


def same_yaml(q, p):
    return json.loads(q)["gates"].__len__() == int(p)


def write_big_policy(path, gates):
    """A policy of `gates` gates (about 130 bytes each) for the YAML parse benchmark."""
    if os.path.exists(path):
        return
    with open(path, "w") as f:
        f.write("version: 1\nmodel: bench\ndefaults:\n  severity: critical\n  on_missing_baseline: skip\ngates:\n")
        for i in range(gates):
            f.write(f"  - name: gate-{i}\n    metric: suite_{i % 97}.task_{i}.accuracy  # comment {i}\n"
                    f"    min: 0.{8000 + i % 1000}\n    max_regression: 0.01\n    severity: {['critical', 'warning', 'info'][i % 3]}\n")


TASKS = [
    # name, qgate command, peer name, peer command, agreement check, runs
    ("evaluate: 200 gates, 10k metrics", [QGATE, "evaluate", "--config", f"{D}/policy.yaml", "--metrics", f"{D}/metrics.json",
                                          "--baseline", f"{D}/baseline.json", "--format", "json", "--no-github"],
     "Python + PyYAML (C loader)", [PY, "bench/evaluate_python.py", f"{D}/policy.yaml", f"{D}/metrics.json", f"{D}/baseline.json"],
     same_verdict, 20),
    ("YAML: 20,000-gate policy (2.6 MB)", [QGATE, "validate", "--config", f"{D}/policy-20000.yaml", "--print"],
     "PyYAML CSafeLoader (load only)", [PY, "-c", "import sys, yaml; print(len(yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)['gates']))",
                                        f"{D}/policy-20000.yaml"],
     same_yaml, 10),
    ("drift: 1M rows x 20 columns", [QGATE, "drift", "--config", "bench/drift-policy.yaml", "--reference", f"{D}/drift_ref.csv",
                                      "--current", f"{D}/drift_cur.csv", "--format", "json", "--no-github"],
     "pandas + numpy", [PY, "bench/drift_pandas.py", f"{D}/drift_ref.csv", f"{D}/drift_cur.csv"], same_drift, 3),
    ("score: 10M predictions", [QGATE, "score", "--predictions", f"{D}/predictions_10000000.csv", "--label", "y", "--score", "p",
                                "--latency", "latency_ms"],
     "pandas + scikit-learn", [PY, "bench/score_sklearn.py", f"{D}/predictions_10000000.csv"], same_score, 3),
]


def main():
    only = sys.argv[1:]
    write_big_policy(f"{D}/policy-20000.yaml", 20000)
    rows = []
    for name, qcmd, peer, pcmd, agree, runs in TASKS:
        if only and not any(o in name for o in only):
            continue
        print(f"==> {name}", file=sys.stderr)
        q0, p0 = run(qcmd), run(pcmd)
        if q0[2] >= 2 or p0[2] >= 2 or not agree(q0[3], p0[3]):
            sys.exit(f"{name}: qgate (exit {q0[2]}) and {peer} (exit {p0[2]}) disagree or failed")
        qt, pt, qr, pr = [], [], [q0[1]], [p0[1]]
        for _ in range(runs):
            for cmd, times, rss in ((qcmd, qt, qr), (pcmd, pt, pr)):
                t, r, _, _ = run(cmd)
                times.append(t)
                rss.append(r)
        rows.append((name, statistics.median(qt), peer, statistics.median(pt), max(qr), max(pr), runs))
    def secs(t):
        return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"
    header = ("task", "qgate", "peer", "peer time", "peer/qgate", "qgate RSS", "peer RSS", "runs")
    table = [header] + [(n, secs(q), peer, secs(p), f"{p / q:.1f}x", f"{qr:.0f} MB", f"{pr:.0f} MB", str(runs))
                        for n, q, peer, p, qr, pr, runs in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
