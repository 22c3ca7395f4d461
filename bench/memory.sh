#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time) of the release build on the inputs
# behind README's "Limits" statements: CSV past and at the column limit, a
# 1 GB single-line CSV, the 1,000,000 x 20 drift pair of bench/drift.sh, and
# worst-case metrics files at the 64 MiB cap. Generated files go to a
# temporary directory that is removed at the end. LINE_MB= sets the long
# line's size (default 1024); SKIP_BUILD=1 reuses the release binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
qgate="$root/.build/release/qgate"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  swift build -c release --product qgate
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# peak LABEL ARGS...: one line "LABEL  exit N  S s  M MiB" (exit 2 is an expected refusal here).
peak() {
  local label="$1"; shift
  /usr/bin/time -f "%x %e %M" -o "$tmp/time" "$qgate" "$@" >/dev/null 2>"$tmp/stderr" || true
  read -r code secs kb < <(tail -1 "$tmp/time")
  printf '%-44s exit %s  %6.2f s  %7.1f MiB  %s\n' "$label" "$code" "$secs" "$(echo "$kb / 1024" | bc -l)" \
    "$(head -c 90 "$tmp/stderr" | tr '\n' ' ' | sed "s|$tmp/||g")"
}

echo "==> generating inputs in $tmp"
python3 - "$tmp" "${LINE_MB:-1024}" <<'PY'
import sys
d, line_mb = sys.argv[1], int(sys.argv[2])
def wide(path, n, rows):
    with open(path, "w") as f:
        f.write(",".join("c%06d" % i for i in range(n)) + "\n")
        for r in range(rows):
            f.write(",".join(str((i * 7 + r) % 10) for i in range(n)) + "\n")
wide(f"{d}/cols-200000.csv", 200_000, 1)   # 2 MB: once reserved 26 GB and crashed
wide(f"{d}/cols-100000.csv", 100_000, 10)  # at the column limit
with open(f"{d}/one-line.csv", "w") as f:
    f.write("a,b\n1,")
    block = "x" * (1 << 20)
    for _ in range(line_mb):
        f.write(block)
    f.write("\n")
cap = 64 << 20
# Worst measured metrics shape: 250,000 metrics (the key limit) with 60-byte
# names, then line breaks up to the cap (4 bytes of line table each).
t = "{" + ",\n".join('"m%s":0.5' % str(i).rjust(59, "0") for i in range(250_000))
open(f"{d}/metrics-worst.json", "w").write(t + "\n" * (cap - len(t) - 1) + "}")
# The shape of issue 15: 250-deep {"a":{"a":…}} chains up to the cap (now refused at key 250,001).
chain = '{"a":' * 250 + "0" + "}" * 250
parts, size, i = [], 2, 0
while size + len(chain) + 12 < cap:
    p = '"k%d":%s' % (i, chain); parts.append(p); size += len(p) + 1; i += 1
open(f"{d}/metrics-nested.json", "w").write("{" + ",".join(parts) + "}")
# One array of numbers up to the cap: checked, not kept.
open(f"{d}/metrics-array.json", "w").write('{"a":[' + ",".join(["0"] * ((cap - 16) // 2)) + "]}")
open(f"{d}/policy.yaml", "w").write("version: 1\nmodel: m\ngates:\n  - metric: m%s\n    min: 0.4\n" % ("0" * 59))
PY

echo "==> CSV (drift, profile, score)"
for f in cols-200000 cols-100000 one-line; do
  peak "drift   $f" drift --config "$tmp/policy.yaml" --reference "$tmp/$f.csv" --current "$tmp/$f.csv"
  peak "profile $f" profile --data "$tmp/$f.csv"
done
peak "score   cols-200000" score --predictions "$tmp/cols-200000.csv" --label c000000 --score c000001
peak "score   one-line" score --predictions "$tmp/one-line.csv" --label a --score b
if [ -f .qgate-bench/drift_ref.csv ]; then
  peak "drift   1,000,000 x 20 (bench/drift.sh)" drift --config bench/drift-policy.yaml \
    --reference .qgate-bench/drift_ref.csv --current .qgate-bench/drift_cur.csv
  peak "profile 1,000,000 x 20 reference" profile --data .qgate-bench/drift_ref.csv
else
  echo "(run bench/drift.sh once for the 1,000,000-row pair)"
fi

echo "==> metrics files at the 64 MiB cap (README bound: 5 bytes per input byte + 250 MiB = 570 MiB)"
for f in metrics-worst metrics-nested metrics-array; do
  peak "evaluate $f" evaluate --config "$tmp/policy.yaml" --metrics "$tmp/$f.json"
done
