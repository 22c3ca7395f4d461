#!/usr/bin/env bash
# Checks that the release binary (what the composite action and the workflows
# build with `swift build -c release`) ignores QGATE_TEST_CRASH_AT: the name is
# not in the binary, and a promotion with it set completes and verifies.
# Builds under the shared build lock when it exists. Run from the repo root.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=/tmp/qgate-swift-build.lock
if command -v flock >/dev/null 2>&1; then
  flock "$lock" swift build -c release --product qgate
else
  swift build -c release --product qgate
fi
bin="$(swift build -c release --show-bin-path)/qgate"
if grep -q QGATE_TEST_CRASH_AT "$bin"; then
  echo "FAIL: $bin contains QGATE_TEST_CRASH_AT" >&2; exit 1
fi
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
status=0
QGATE_TEST_CRASH_AT=history-before-rename "$bin" baseline promote --store "$store" \
  --metrics Examples/sentiment/metrics.json --version release-check >/dev/null || status=$?
if [ "$status" != 0 ]; then echo "FAIL: promotion with QGATE_TEST_CRASH_AT set exited $status" >&2; exit 1; fi
"$bin" baseline verify --store "$store" >/dev/null
echo "ok: the release binary ignores QGATE_TEST_CRASH_AT"
