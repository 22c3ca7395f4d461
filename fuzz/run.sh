#!/usr/bin/env bash
# Builds qgate's libFuzzer harness (fuzz/QGateFuzz.swift + every QualityGateCore
# source, -O, AddressSanitizer) and fuzzes one target for SECONDS.
#
#   fuzz/run.sh TARGET SECONDS      TARGET: yaml json csv histogram evaluate
#
# Seeds come from fuzz/corpus/TARGET (committed regression inputs),
# Tests/Fixtures and Examples. New corpus entries go to .build/fuzz/corpus/TARGET;
# a crash, hang (-timeout) or leak is written to fuzz/crashes/TARGET/ and the
# script exits non-zero: turn the file into a regression input in
# fuzz/corpus/TARGET and a test, then fix the bug.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${1:-}"
seconds="${2:-30}"
case "$target" in
  yaml|json|csv|histogram|evaluate) ;;
  *) echo "usage: fuzz/run.sh yaml|json|csv|histogram|evaluate SECONDS" >&2; exit 2 ;;
esac

bin=.build/fuzz/qgate-fuzz
mkdir -p .build/fuzz
# Rebuild when any source is newer than the binary.
if [ ! -x "$bin" ] || [ -n "$(find Sources/QualityGateCore fuzz/QGateFuzz.swift -newer "$bin" -name '*.swift' | head -1)" ]; then
  echo "==> building $bin (swiftc -O -sanitize=fuzzer,address)" >&2
  # shellcheck disable=SC2046
  swiftc -swift-version 6 -sanitize=fuzzer,address -parse-as-library -O -module-name QGateFuzz \
    $(find Sources/QualityGateCore -name '*.swift' | sort) fuzz/QGateFuzz.swift -o "$bin" 2>&1 \
    | grep -v 'ld.gold: warning: Cannot export local symbol' >&2 || true
  [ -x "$bin" ] || { echo "fuzz build failed" >&2; exit 2; }
fi

seeds=".build/fuzz/seeds/$target"
corpus=".build/fuzz/corpus/$target"
crashes="fuzz/crashes/$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes" "fuzz/corpus/$target"
copy() { while IFS= read -r f; do cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done; }
case "$target" in
  yaml) find Tests/Fixtures Examples . -maxdepth 4 \( -name '*.yaml' -o -name '*.yml' \) -size -64k -not -path './.build/*' | copy
        find ../shared/conformance/yaml-test-suite -name 'in.yaml' -size -16k 2>/dev/null | head -400 | copy || true ;;
  json) find Tests/Fixtures Examples -name '*.json' -size -64k | copy ;;
  csv) find Tests/Fixtures Examples -name '*.csv' -size -64k | copy ;;
  histogram) find Tests/Fixtures -name '*.json' -size -64k | grep -i hist | copy || true
             printf '{"schema": "qgate.histograms/v1", "rows": 4, "columns": {"x": {"type": "numeric", "edges": [1, 2], "counts": [1, 2, 1], "missing": 0}, "c": {"type": "categorical", "counts": {"a": 3, "b": 1}, "missing": 1}}}' > "$seeds/builtin.json" ;;
  evaluate)
    # A policy, a NUL byte, a metrics document.
    i=0
    for p in quality-gates.yaml Tests/Fixtures/bad/ok-policy.yaml Examples/retraining-experiment/quality-gates.yaml; do
      for m in Examples/sentiment/metrics.json Examples/sentiment/metrics-blocked.json Tests/Fixtures/bad/ok-metrics.json; do
        [ -f "$p" ] && [ -f "$m" ] && { cat "$p"; printf '\0'; cat "$m"; } > "$seeds/pair-$i" && i=$((i + 1))
      done
    done ;;
esac
cp fuzz/corpus/"$target"/* "$seeds"/ 2>/dev/null || true

# The CSV target's reader thread (Dispatch) keeps allocations alive across
# inputs, which makes LeakSanitizer scan after every run: 30x slower, no signal.
leaks=1
[ "$target" = csv ] && leaks=0
echo "==> fuzzing $target for $seconds s ($(find "$seeds" -type f | wc -l) seeds)" >&2
log=".build/fuzz/$target.log"
status=0
QGATE_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" "$bin" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -detect_leaks="$leaks" \
  -artifact_prefix="$crashes/" "$corpus" "$seeds" > "$log" 2>&1 || status=$?
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|.*invariant violated|SUMMARY|Test unit written)' "$log" || true
if [ "$status" != 0 ]; then
  echo "fuzz: $target exited with status $status; the last lines of $log:" >&2
  tail -30 "$log" >&2
  exit 1
fi
if [ -n "$(find "$crashes" -type f 2>/dev/null | head -1)" ]; then
  echo "fuzz: $target found failing inputs in $crashes:" >&2
  ls -l "$crashes" >&2
  exit 1
fi
exit 0
