#!/usr/bin/env bash
# Runs the retraining experiment end to end:
#
#   Examples/retraining-experiment/run.sh [OUTPUT_DIR]
#
# QGATE_BIN=/path/to/qgate uses that binary; otherwise qgate is built from this
# repository (swift build -c release). Writes results.md, accuracy.png,
# daily.csv, qgate-calls.csv, history-stats.txt and the baseline stores of the
# gated policies (store/ for drift+gate, store-weekly-gate/) to OUTPUT_DIR
# (default: Examples/retraining-experiment/out/), prints the results table
# and then the drift+gate store's release statistics.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/out}"
started=$SECONDS

if [[ -z "${QGATE_BIN:-}" ]]; then
  echo "==> building qgate (swift build -c release --product qgate)" >&2
  (cd "$root" && swift build -c release --product qgate)
  QGATE_BIN="$root/.build/release/qgate"
fi
if [[ ! -x "$QGATE_BIN" ]]; then
  echo "error: qgate binary not found or not executable: $QGATE_BIN" >&2
  exit 2
fi
echo "==> qgate: $QGATE_BIN ($("$QGATE_BIN" --version))" >&2

# numpy is the "training code"; matplotlib draws the plot (and brings numpy).
# Install only when missing; on a system Python that refuses pip installs
# (PEP 668), fall back to --break-system-packages, then to --user.
if ! python3 -c 'import numpy, matplotlib' 2>/dev/null; then
  echo "==> installing matplotlib with pip" >&2
  python3 -m pip install --quiet matplotlib 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages matplotlib 2>/dev/null ||
    python3 -m pip install --quiet --user matplotlib
fi

mkdir -p "$out"
echo "==> simulating 360 days, 4 policies (output: $out)" >&2
MPLBACKEND=Agg python3 "$here/simulate.py" --qgate "$QGATE_BIN" --out "$out" \
  --policy "$here/quality-gates.yaml"

echo >&2
cat "$out/results.md"
echo
# Claim 1 in qgate's own words: every evaluation and release of the drift+gate
# policy, recorded at its simulated date (QGATE_NOW), summarised by qgate.
echo "==> qgate baseline history --stats --store $out/store"
NO_COLOR=1 "$QGATE_BIN" baseline history --stats --store "$out/store" \
  --config "$here/quality-gates.yaml"
echo >&2
echo "==> wrote $out/results.md and $out/accuracy.png in $((SECONDS - started)) s" >&2
