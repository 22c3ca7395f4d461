#!/usr/bin/env bash
# Times `qgate drift` (release build) against the same check in pandas + numpy
# on a generated 1,000,000-row x 20-column CSV pair. ROWS= and RUNS= override.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rows="${ROWS:-1000000}"
runs="${RUNS:-3}"
dir="$root/.qgate-bench"
mkdir -p "$dir"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  swift build -c release --product qgate
fi
python3 -c 'import pandas' 2>/dev/null || pip install --quiet pandas

if [ ! -f "$dir/drift_ref.csv" ] || [ "$(($(wc -l < "$dir/drift_ref.csv") - 1))" != "$rows" ]; then
  echo "==> generating $rows rows x 20 columns (reference and current)"
  python3 bench/gen_drift.py "$dir" "$rows"
fi
ls -l "$dir/drift_ref.csv" "$dir/drift_cur.csv"

echo "==> checking that both flag the same columns"
# bench/drift-policy.yaml holds qgate's default drift settings, which drift_pandas.py mirrors.
qgate_cols=$(.build/release/qgate drift --config bench/drift-policy.yaml --reference "$dir/drift_ref.csv" --current "$dir/drift_cur.csv" --format json 2>/dev/null \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(",".join(c["name"] for c in d["columns"] if c["drifted"]))' || true)
pandas_cols=$(python3 bench/drift_pandas.py "$dir/drift_ref.csv" "$dir/drift_cur.csv" | sed 's/^drifted: //' || true)
echo "    qgate:  $qgate_cols"
echo "    pandas: $pandas_cols"
if [ "$qgate_cols" != "$pandas_cols" ]; then
  echo "MISMATCH: the two implementations disagree" >&2
  exit 1
fi

echo "==> timing $runs runs each (wall clock, end to end)"
python3 - "$runs" "$dir" <<'PY'
import statistics, subprocess, sys, time
runs, d = int(sys.argv[1]), sys.argv[2]
cmds = {
    "qgate drift": [".build/release/qgate", "drift", "--reference", f"{d}/drift_ref.csv", "--current", f"{d}/drift_cur.csv", "--config", "bench/drift-policy.yaml"],
    "pandas + numpy": [sys.executable, "bench/drift_pandas.py", f"{d}/drift_ref.csv", f"{d}/drift_cur.csv"],
}
times = {k: [] for k in cmds}
for _ in range(runs):
    for name, cmd in cmds.items():
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t)
print(f"{'program':<16} {'median s':>9} {'min s':>8}")
for name, ts in times.items():
    print(f"{name:<16} {statistics.median(ts):>9.3f} {min(ts):>8.3f}")
q, p = statistics.median(times["qgate drift"]), statistics.median(times["pandas + numpy"])
print(f"\npandas/qgate (median): {p / q:.2f}x")
PY
