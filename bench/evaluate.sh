#!/usr/bin/env bash
# Benchmark qgate against the equivalent Python script (bench/evaluate_python.py).
#
#   bench/evaluate.sh                 # 30 timed runs of each program
#   RUNS=100 bench/evaluate.sh        # more runs
#
# Environment:
#   RUNS        timed runs per program (default 30)
#   BENCH_DIR   where the generated inputs go (default .qgate-bench/, git-ignored)
#   PYTHON      Python interpreter (default python3; needs PyYAML)
#   SKIP_BUILD  set to 1 to reuse an existing .build/release/qgate
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS="${RUNS:-30}"
BENCH_DIR="${BENCH_DIR:-$ROOT/.qgate-bench}"
# The interpreter itself, not a version manager's shim (pyenv's adds ~40 ms a run).
PYTHON="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"
QGATE_BIN="$ROOT/.build/release/qgate"

if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: RUNS must be a positive integer, got '$RUNS'" >&2
    exit 2
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "==> swift build -c release"
    swift build -c release --product qgate
fi
if [[ ! -x "$QGATE_BIN" ]]; then
    echo "error: $QGATE_BIN not found (run without SKIP_BUILD=1)" >&2
    exit 2
fi

echo "==> generating inputs in $BENCH_DIR"
"$PYTHON" bench/gen_inputs.py "$BENCH_DIR"

QGATE_CMD=("$QGATE_BIN" evaluate
    --config "$BENCH_DIR/policy.yaml"
    --metrics "$BENCH_DIR/metrics.json"
    --baseline "$BENCH_DIR/baseline.json"
    --format json)
PY_CMD=("$PYTHON" "$ROOT/bench/evaluate_python.py"
    "$BENCH_DIR/policy.yaml" "$BENCH_DIR/metrics.json" "$BENCH_DIR/baseline.json")

echo "==> checking that qgate and the Python script agree"
qgate_rc=0
qgate_out="$("${QGATE_CMD[@]}" 2>&1)" || qgate_rc=$?
py_rc=0
py_out="$("${PY_CMD[@]}" 2>&1)" || py_rc=$?

qgate_verdict="$(printf '%s' "$qgate_out" | "$PYTHON" -c \
    'import json, sys
try:
    print(json.load(sys.stdin).get("verdict", "?"))
except ValueError:
    print("?")')"
py_verdict="$(printf '%s\n' "$py_out" | sed -n 's/^verdict: //p')"

echo "    qgate:  exit $qgate_rc, verdict $qgate_verdict"
echo "    python: exit $py_rc, verdict $py_verdict"
if ((qgate_rc >= 2 || py_rc >= 2)) || [[ "$qgate_rc" != "$py_rc" || "$qgate_verdict" != "$py_verdict" ]]; then
    echo "error: qgate and the Python script disagree (or one of them errored)" >&2
    echo "--- qgate output (first 40 lines) ---" >&2
    printf '%s\n' "$qgate_out" | head -n 40 >&2
    echo "--- python output ---" >&2
    printf '%s\n' "$py_out" >&2
    exit 1
fi

echo "==> timing $RUNS cold runs of each (fresh process per run, interleaved, output discarded)"
# Inputs are already in the page cache from the agreement check above, so both
# programs are measured on equal footing: process start + parse + evaluate + report.
"$PYTHON" - "$RUNS" "$QGATE_BIN" "$PYTHON" "$(nproc 2>/dev/null || echo '?')" -- "${QGATE_CMD[@]}" -- "${PY_CMD[@]}" <<'PYEOF'
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
python, ncpu = sys.argv[3], sys.argv[4]
rest = sys.argv[6:]
sep = rest.index("--")
commands = {"qgate": rest[:sep], "python + PyYAML": rest[sep + 1:]}

samples = {name: [] for name in commands}
for _ in range(runs):
    for name, cmd in commands.items():  # interleave to spread out machine noise
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples[name].append((time.perf_counter() - start) * 1000.0)

def p90(xs):
    xs = sorted(xs)
    return xs[max(0, -(-9 * len(xs) // 10) - 1)]  # nearest-rank

try:
    import yaml
    loader = "libyaml (CSafeLoader)" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    pyyaml = f"PyYAML {yaml.__version__}, {loader}"
except ImportError:
    pyyaml = "PyYAML not importable"
pyver = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                       capture_output=True, text=True).stdout.strip()

print(f"\n{runs} runs each; {ncpu} CPUs; Python {pyver}; {pyyaml}\n")
print(f"{'program':<18}{'median ms':>12}{'min ms':>10}{'p90 ms':>10}")
medians = {}
for name, xs in samples.items():
    medians[name] = statistics.median(xs)
    print(f"{name:<18}{medians[name]:>12.2f}{min(xs):>10.2f}{p90(xs):>10.2f}")
ratio = medians["python + PyYAML"] / medians["qgate"]
print(f"\npython/qgate (median): {ratio:.1f}x")
PYEOF
