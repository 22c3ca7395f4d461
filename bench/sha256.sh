#!/usr/bin/env bash
# SHA-256 throughput of qgate's two engines against coreutils' sha256sum, as
# whole processes on a SIZE_MB file (default 256): `qgate baseline verify
# --artifact FILE` re-hashes a promoted artifact, which is SHA-256 of the file
# plus a few milliseconds of store reading.
#
#   bench/sha256.sh                  # release build, 5 runs each
#   RUNS=9 SIZE_MB=512 bench/sha256.sh
#   SKIP_BUILD=1 bench/sha256.sh     # reuse .build/release/qgate
#
# Prints the median wall and CPU time (user + sys, /usr/bin/time) and MB/s
# (10^6 bytes per CPU second) of: qgate with the SHA extensions (where the CPU
# has them), qgate with QGATE_SHA256=portable, and sha256sum; each run reads the
# file from the page cache (one warm-up read). Needs GNU time, awk and bc.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
SIZE_MB="${SIZE_MB:-256}"
BENCH_DIR="${BENCH_DIR:-$ROOT/.qgate-bench}/sha256"
QGATE_BIN="$ROOT/.build/release/qgate"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "==> swift build -c release"
    if command -v flock >/dev/null 2>&1; then
        flock /tmp/qgate-swift-build.lock swift build -c release --product qgate
    else
        swift build -c release --product qgate
    fi
fi

mkdir -p "$BENCH_DIR"
file="$BENCH_DIR/artifact-${SIZE_MB}MB.bin"
if [[ ! -f $file ]]; then
    echo "==> writing $file"
    head -c $((SIZE_MB * 1000000)) /dev/urandom >"$file.tmp" && mv "$file.tmp" "$file"
fi
store="$BENCH_DIR/store"
rm -rf "$store"
printf '{"accuracy": 0.9}\n' >"$BENCH_DIR/metrics.json"
"$QGATE_BIN" baseline promote --store "$store" --model bench --version 1 \
    --metrics "$BENCH_DIR/metrics.json" --artifact "$file" >/dev/null
cat "$file" >/dev/null

# Median wall and CPU (user + sys) seconds of RUNS runs of the command.
median() {
    local out
    out=$(mktemp)
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %U %S' -a -o "$out" "$@" >/dev/null
    done
    local m=$(((RUNS + 1) / 2))
    echo "$(awk '{ print $1 }' "$out" | sort -g | sed -n "${m}p")" \
        "$(awk '{ print $2 + $3 }' "$out" | sort -g | sed -n "${m}p")"
    rm -f "$out"
}

verify=("$QGATE_BIN" baseline verify --store "$store" --model bench --artifact "$file")
printf '%-32s %8s %8s %9s\n' "$SIZE_MB MB, median of $RUNS" "wall s" "CPU s" "MB/s CPU"
row() {
    local name=$1 wall cpu
    shift
    read -r wall cpu < <(median "$@")
    printf '%-32s %8.3f %8.3f %9.0f\n' "$name" "$wall" "$cpu" "$(echo "$SIZE_MB / $cpu" | bc -l)"
}
if grep -qw sha_ni /proc/cpuinfo 2>/dev/null; then
    row "qgate (SHA extensions)" "${verify[@]}"
fi
row "qgate (QGATE_SHA256=portable)" env QGATE_SHA256=portable "${verify[@]}"
row "sha256sum" sha256sum "$file"
