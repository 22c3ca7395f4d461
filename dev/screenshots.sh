#!/usr/bin/env bash
# Regenerates the README's screenshots of the HTML reports (docs/screenshots/)
# from the golden pages, through the same headless-chromium check CI runs.
# Run after re-recording the goldens: dev/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 dev/check_html_reports.py --screenshots "$tmp" \
  Tests/Fixtures/golden/formats/blocked.html Tests/Fixtures/golden/drift/example.html \
  Tests/Fixtures/golden/review/no-go.html Tests/Fixtures/golden/history/stats.html
mkdir -p "$out"
cp "$tmp/formats-blocked.png" "$out/evaluate.png"
cp "$tmp/drift-example.png" "$out/drift.png"
cp "$tmp/review-no-go.png" "$out/review.png"
cp "$tmp/history-stats.png" "$out/history.png"
ls -l "$out"
