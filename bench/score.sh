#!/usr/bin/env bash
# Times `qgate score` (release build) against the same metrics computed with
# pandas + scikit-learn + numpy, on a generated 10,000,000-row predictions CSV
# (label, probability, group, latency). ROWS= and RUNS= override; SKIP_BUILD=1
# reuses the release binary. Both sides read the CSV: that is part of the job.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rows="${ROWS:-10000000}"
runs="${RUNS:-3}"
dir="$root/.qgate-bench"
mkdir -p "$dir"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  swift build -c release --product qgate
fi
python3 -c 'import pandas, sklearn' 2>/dev/null || python3 -m pip install --quiet pandas scikit-learn

data="$dir/predictions_$rows.csv"
if [ ! -f "$data" ]; then
  echo "==> generating $rows predictions"
  python3 bench/gen_predictions.py "$data" "$rows"
fi
ls -l "$data"

echo "==> checking that both compute the same metrics (relative difference <= 1e-9)"
.build/release/qgate score --predictions "$data" --label y --score p --latency latency_ms --output "$dir/score_qgate.json" 2>/dev/null
python3 bench/score_sklearn.py "$data" > "$dir/score_sklearn.json"
python3 - "$dir/score_qgate.json" "$dir/score_sklearn.json" <<'PY'
import json, sys
q, s = (json.load(open(f)) for f in sys.argv[1:3])
def flat(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict): yield from flat(v, prefix + k + ".")
        else: yield prefix + k, v
q, s = dict(flat(q)), dict(flat(s))
bad = [k for k, v in s.items() if abs(q[k] - v) > 1e-9 * max(1, abs(v))]
print(f"    {len(s)} metrics compared, {len(bad)} differ" + (": " + ", ".join(bad) if bad else ""))
sys.exit(1 if bad else 0)
PY

echo "==> timing $runs runs each (wall clock, end to end)"
python3 - "$runs" "$data" <<'PY'
import resource, statistics, subprocess, sys, time
runs, data = int(sys.argv[1]), sys.argv[2]
cmds = {
    "qgate score": [".build/release/qgate", "score", "--predictions", data, "--label", "y", "--score", "p", "--latency", "latency_ms"],
    "scikit-learn": [sys.executable, "bench/score_sklearn.py", data],
}
times = {k: [] for k in cmds}
rss = {}
for _ in range(runs):
    for name, cmd in cmds.items():
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = __import__("os").wait4(proc.pid, 0)
        times[name].append(time.perf_counter() - t)
        rss[name] = max(rss.get(name, 0), usage.ru_maxrss / 1024)
print(f"{'program':<14} {'median s':>9} {'min s':>8} {'peak RSS MB':>12}")
for name, ts in times.items():
    print(f"{name:<14} {statistics.median(ts):>9.3f} {min(ts):>8.3f} {rss[name]:>12.0f}")
q, s = statistics.median(times["qgate score"]), statistics.median(times["scikit-learn"])
print(f"\nscikit-learn/qgate (median): {s / q:.2f}x")
PY
