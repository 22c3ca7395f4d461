#!/usr/bin/env bash
# Builds qgate from the action's own source (step `build`, only where no
# release binary is listed for this version and platform) and outputs its path.
set -euo pipefail
swift build -c release --product qgate --package-path "$QGATE_PACKAGE"
bin_dir="$(swift build -c release --package-path "$QGATE_PACKAGE" --show-bin-path)"
"$bin_dir/qgate" --version
echo "qgate=$bin_dir/qgate" >> "$GITHUB_OUTPUT"
