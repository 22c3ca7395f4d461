#!/usr/bin/env bash
# Builds qgate's libFuzzer harness (fuzz/*.swift + every QualityGateCore and
# QGateCLI source + the GitHub runner emulator, -O, AddressSanitizer) and
# fuzzes one target for SECONDS.
#
#   fuzz/run.sh TARGET SECONDS      TARGET: yaml json csv histogram evaluate inject
#
# Extra libFuzzer flags may follow. QGATE_FUZZ_ASAN=0 builds without
# AddressSanitizer (2-6x the executions per second; not for CI). Long runs:
#   QGATE_FUZZ_ASAN=0 fuzz/run.sh evaluate 900 -fork=2 -ignore_crashes=1
# QGATE_FUZZ_IGNORE_LEGACY=1 lets inject look past `##[` findings.
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
  yaml|json|csv|histogram|evaluate|inject) ;;
  *) echo "usage: fuzz/run.sh yaml|json|csv|histogram|evaluate|inject SECONDS [LIBFUZZER-FLAGS...]" >&2; exit 2 ;;
esac
shift $(( $# < 2 ? $# : 2 ))

sanitize=fuzzer,address
bin=.build/fuzz/qgate-fuzz
if [ "${QGATE_FUZZ_ASAN:-1}" = 0 ]; then sanitize=fuzzer; bin=.build/fuzz/qgate-fuzz-noasan; fi
mkdir -p .build/fuzz
# One module of QualityGateCore, QGateCLI (its `import QualityGateCore` is then
# a warning), the runner emulator and the harness: internals stay reachable.
sources() { find Sources/QualityGateCore Sources/QGateCLI fuzz -name '*.swift' | sort; echo Tests/TestSupport/GitHubRunnerEmulator.swift; }
# Rebuild when any source is newer than the binary.
if [ ! -x "$bin" ] || [ -n "$(find $(sources) -newer "$bin" | head -1)" ]; then
  echo "==> building $bin (swiftc -O -sanitize=$sanitize)" >&2
  rm -f "$bin"
  # shellcheck disable=SC2046
  flock /tmp/qgate-swift-build.lock swiftc -swift-version 6 -sanitize="$sanitize" -parse-as-library -O \
    -module-name QualityGateCore $(sources) -o "$bin" > .build/fuzz/build.log 2>&1 || true
  [ -x "$bin" ] || { grep -A8 'error:' .build/fuzz/build.log >&2; echo "fuzz build failed (.build/fuzz/build.log)" >&2; exit 2; }
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
    # A policy, NUL, a metrics document, NUL, a baseline (fuzz/corpus/evaluate
    # has seeds with uncertainty, waivers and new_failures_only).
    i=0
    for p in quality-gates.yaml Tests/Fixtures/bad/ok-policy.yaml Examples/retraining-experiment/quality-gates.yaml; do
      for m in Examples/sentiment/metrics.json Examples/sentiment/metrics-blocked.json Tests/Fixtures/bad/ok-metrics.json; do
        [ -f "$p" ] && [ -f "$m" ] && { cat "$p"; printf '\0'; cat "$m"; printf '\0'; cat Examples/sentiment/baseline.json; } > "$seeds/pair-$i" && i=$((i + 1))
      done
    done ;;
  inject)
    # Scenario byte, field mask, text: every scenario with harmless and hostile names.
    n=0
    for s in $(seq 0 31); do
      for m in 0 1 2 4 8 16 32 64 128 255; do
        for t in 'acc' 'x::error::y' 'a##[b'; do
          printf "\\x$(printf %02x "$s")\\x$(printf %02x "$m")%s" "$t" > "$seeds/s$n"; n=$((n + 1))
        done
      done
    done ;;
esac
# Wide CSV headers (see widened() in fuzz/QGateFuzz.swift: 0xFF, k, CSV gets 4k more columns).
[ "$target" = csv ] && printf '\xff\x00\x10y,p,g\n1,0.5,a\n' > "$seeds/wide-64" && printf '\xff\x13\x89y,p,g\n1,0.5,a\n' > "$seeds/wide-20004"
cp fuzz/corpus/"$target"/* "$seeds"/ 2>/dev/null || true

# Inputs as long as a real document; csv reaches wide files through widened().
max_len=65536
dict=()
[ -f "fuzz/$target.dict" ] && dict=(-dict="fuzz/$target.dict")
echo "==> fuzzing $target for $seconds s ($(find "$seeds" -type f | wc -l) seeds)" >&2
log=".build/fuzz/$target.log"
status=0
QGATE_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" "$bin" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
  "${dict[@]}" -artifact_prefix="$crashes/" "$@" "$corpus" "$seeds" > "$log" 2>&1 || status=$?
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
