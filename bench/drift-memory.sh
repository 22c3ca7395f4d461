#!/usr/bin/env bash
# Peak memory of `qgate drift` (release build) against the reference's size:
# the 1,000,000-row reference of bench/drift.sh (167 MB, its values held in
# memory), then a reference of SIZE_GB gigabytes (default 5) made of copies of
# it in a temporary directory, which qgate reads again instead of holding
# (bounded memory: the README's limit is 256 MiB whatever the size). Prints
# wall time and peak RSS (/usr/bin/time) of each, with the same current file.
#   bench/drift-memory.sh                 5 GB (needs about 5 GB free in $TMPDIR, a few minutes)
#   SIZE_GB=1 bench/drift-memory.sh       smaller
#   SKIP_BUILD=1 bench/drift-memory.sh    reuse the release binary
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
qgate="$root/.build/release/qgate"
size_gb="${SIZE_GB:-5}"
dir="$root/.qgate-bench"
mkdir -p "$dir"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  swift build -c release --product qgate
fi
[ -f "$dir/drift_ref.csv" ] || python3 bench/gen_drift.py "$dir" 1000000
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# peak LABEL REFERENCE: one line "LABEL  size  exit N  S s  M MiB".
peak() {
  /usr/bin/time -f "%x %e %M" -o "$tmp/time" "$qgate" drift --config bench/drift-policy.yaml \
    --reference "$2" --current "$dir/drift_cur.csv" --format json --no-github >"$tmp/out.json" 2>"$tmp/stderr" || true
  read -r code secs kb < <(tail -1 "$tmp/time")
  printf '%-28s %8.2f GB  exit %s  %8.2f s  %7.1f MiB peak RSS\n' "$1" \
    "$(echo "$(stat -c %s "$2") / 1000000000" | bc -l)" "$code" "$secs" "$(echo "$kb / 1024" | bc -l)"
}

echo "==> reference of 1,000,000 rows (values held in memory)"
peak "1,000,000 rows" "$dir/drift_ref.csv"

copies=$(( (size_gb * 1000000000 + $(stat -c %s "$dir/drift_ref.csv") - 1) / $(stat -c %s "$dir/drift_ref.csv") ))
echo "==> generating a ${size_gb} GB reference ($copies copies of its rows) in $tmp"
head -1 "$dir/drift_ref.csv" >"$tmp/ref.csv"
tail -n +2 "$dir/drift_ref.csv" >"$tmp/body.csv"
for _ in $(seq "$copies"); do cat "$tmp/body.csv" >>"$tmp/ref.csv"; done
rm "$tmp/body.csv"
peak "$copies x 1,000,000 rows" "$tmp/ref.csv"
