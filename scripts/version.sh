#!/bin/sh
# Prints qgate's version, read from its one source:
# Sources/QualityGateCore/Support/QGateVersion.swift (`public static let current = "X.Y.Z"`).
# Used by scripts/build-release.sh and .github/workflows/release.yml; fails
# unless exactly one such line is found.
set -eu
cd "$(dirname "$0")/.."
version=$(sed -n 's/^ *public static let current = "\([^"]*\)"$/\1/p' Sources/QualityGateCore/Support/QGateVersion.swift)
case $version in
  "" | *"
"*) echo "version.sh: no single 'public static let current = \"...\"' in Sources/QualityGateCore/Support/QGateVersion.swift" >&2; exit 1 ;;
esac
printf '%s\n' "$version"
