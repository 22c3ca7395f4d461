#!/usr/bin/env bash
# Every benchmark in one table: builds qgate in release mode, installs the
# Python peers (pip), generates the inputs (cached in .qgate-bench/), checks
# that qgate and each peer agree, then times both (medians of fresh processes).
#   bench/run.sh              all tasks (about 10 minutes on 2 cores, first run longer)
#   bench/run.sh score drift  only tasks whose name contains one of the words
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dir="$root/.qgate-bench"
mkdir -p "$dir"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  swift build -c release --product qgate
fi
python3 -c 'import yaml, numpy, pandas, sklearn' 2>/dev/null \
  || python3 -m pip install --quiet pyyaml numpy pandas scikit-learn \
  || python3 -m pip install --quiet --break-system-packages pyyaml numpy pandas scikit-learn

python3 bench/gen_inputs.py "$dir" >/dev/null
[ -f "$dir/drift_ref.csv" ] || python3 bench/gen_drift.py "$dir" 1000000
[ -f "$dir/predictions_10000000.csv" ] || python3 bench/gen_predictions.py "$dir/predictions_10000000.csv" 10000000

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(swift --version 2>/dev/null | head -1)"
python3 bench/run.py "$@"
