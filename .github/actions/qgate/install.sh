#!/usr/bin/env bash
# Puts a qgate binary on the runner for the action (step `install`).
#
# Prefers the release binary of the action's own version for this platform,
# verified against SHA256SUMS committed next to this script: a binary whose
# checksum differs is an error, never a silent fallback. Where SHA256SUMS lists
# no archive for this version and platform, it asks the next steps to build
# from the action's source (outputs build=true, package, cache keys).
#
# Used by the action and by its setup/ sub-action (qgate alone, for `qgate
# score`, `drift` or `profile` steps); it finds the package from its own path.
#
# Environment: GITHUB_OUTPUT, RUNNER_TEMP (GitHub's);
# QGATE_RELEASE_URL (optional base URL; file:// works, for tests);
# QGATE_ACTION_REPOSITORY (owner/name of the action, empty for a local action).
set -euo pipefail

action_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
package="$(cd "$action_dir/../../.." && pwd -P)"
version="$(sh "$package/scripts/version.sh")"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) os="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac
case "$os-$(uname -m)" in
  linux-x86_64 | linux-amd64) platform=linux-x86_64 ;;
  linux-aarch64 | linux-arm64) platform=linux-aarch64 ;;
  macos-*) platform=macos-universal ;;
  *) platform="$os-$(uname -m)" ;;
esac
archive="qgate-$version-$platform.tar.gz"

# SHA256SUMS lines: "<64 hex>  <file>" (sha256sum's format; "*" marks binary mode).
# A line that names the archive but cannot be used (CRLF aside) is an error,
# never "not listed": that would silently build instead of verifying.
expected=""
if [[ -f "$action_dir/SHA256SUMS" ]]; then
  expected="$(tr -d '\r' <"$action_dir/SHA256SUMS" | sed '1s/^\xEF\xBB\xBF//' | awk -v f="$archive" '
    /^[[:space:]]*(#|$)/ { next }
    { name = $2; sub(/^\*/, "", name); sub(/^.*\//, "", name) }
    name == f { n++; h = tolower($1) }
    END {
      if (n > 1 || (n == 1 && (h !~ /^[0-9a-f]+$/ || length(h) != 64))) print "invalid"
      else if (n == 1) print h
    }')"
fi
if [[ "$expected" == invalid ]]; then
  echo "::error title=qgate::SHA256SUMS names $archive more than once or with a malformed hash; refusing to download or build"
  exit 2
fi

if [[ -z "$expected" ]]; then
  echo "qgate: no release binary listed for $archive; building qgate $version from source"
  toolchain_hash="$(swift --version 2>&1 | sha256sum | cut -c1-12)"
  sources_hash="$(
    cd "$package"
    find Package.swift Sources -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32
  )"
  prefix="qgate-build-${RUNNER_OS:-$os}-${RUNNER_ARCH:-$(uname -m)}-$toolchain_hash-"
  {
    echo "build=true"
    echo "package=$package"
    echo "cache-key-prefix=$prefix"
    echo "cache-key=$prefix$sources_hash"
  } >> "$GITHUB_OUTPUT"
  exit 0
fi

base="${QGATE_RELEASE_URL:-}"
if [[ -z "$base" ]]; then
  # github.action_repository can be empty inside a composite action's steps
  # (actions/runner#2473); a remote action lives at _actions/OWNER/REPO/REF/.
  repository="${QGATE_ACTION_REPOSITORY:-}"
  if [[ -z "$repository" && "$action_dir" == */_actions/*/*/* ]]; then
    rest="${action_dir#*/_actions/}"
    repository="${rest%%/*}/$(cut -d/ -f2 <<<"$rest")"
  fi
  repository="${repository:-${GITHUB_REPOSITORY:-}}"
  base="https://github.com/$repository/releases/download/v$version"
fi
dest="${RUNNER_TEMP:-/tmp}/qgate-$version-$platform"
rm -rf "$dest"
mkdir -p "$dest"
echo "qgate: downloading $archive"
if ! curl --fail --silent --show-error --location --retry 3 --proto =https,file --proto-redir =https \
    --output "$dest/$archive" --url "${base// /%20}/$archive"; then
  echo "::error title=qgate::could not download the qgate release archive $archive; check the release exists (or set release-url)"
  exit 2
fi
actual="$(sha256sum "$dest/$archive" | cut -d' ' -f1)"
if [[ "$actual" != "$expected" ]]; then
  echo "::error title=qgate::checksum mismatch for $archive: expected $expected, got $actual; refusing to run it"
  exit 2
fi
tar -xzf "$dest/$archive" -C "$dest"
binary="$dest/qgate-$version-$platform/qgate"  # the release layout (release.yml)
if [[ ! -f "$binary" || -L "$binary" ]]; then
  echo "::error title=qgate::$archive holds no qgate executable"
  exit 2
fi
chmod +x "$binary"
"$binary" --version
{
  echo "build=false"
  echo "qgate=$binary"
} >> "$GITHUB_OUTPUT"
