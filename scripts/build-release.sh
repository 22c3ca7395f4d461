#!/usr/bin/env bash
# Builds a release binary of qgate that runs without a Swift toolchain and packs
# it as dist/qgate-VERSION-OS-ARCH.tar.gz (qgate, LICENSE, README.md,
# CHANGELOG.md), then rewrites dist/SHA256SUMS over every archive in dist/.
#
#   scripts/build-release.sh                       Linux: the Swift runtime linked in
#                                                  (--static-swift-stdlib; glibc stays
#                                                  dynamic) for this machine's arch
#   scripts/build-release.sh --swift-sdk x86_64-swift-linux-musl
#   scripts/build-release.sh --swift-sdk aarch64-swift-linux-musl
#                                                  fully static (Swift Static Linux SDK,
#                                                  installed for this toolchain's version)
#   scripts/build-release.sh                       macOS: universal (arm64 + x86_64)
#
# The version comes from scripts/version.sh (Sources/QualityGateCore/Support/QGateVersion.swift).
# Before packing, the binary is checked: it must not load any Swift runtime
# library (a musl build must load no library at all) nor contain the debug-only
# test hooks, and where it can run here, `qgate --version` must print that
# version. Archives are reproducible for a given binary: sorted names, owner 0,
# mtime of the last commit (or SOURCE_DATE_EPOCH), gzip without a timestamp.
set -euo pipefail
cd "$(dirname "$0")/.."

sdk=""
while (($#)); do
  case $1 in
    --swift-sdk) sdk=${2:?--swift-sdk needs a value}; shift 2 ;;
    -h | --help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) echo "build-release.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

version=$(scripts/version.sh)
build=(build -c release --product qgate)
case $(uname -s) in
  Linux)
    if [[ -n $sdk ]]; then
      build+=(--swift-sdk "$sdk")
      arch=${sdk%%-*}
    else
      build+=(--static-swift-stdlib)
      arch=$(uname -m)
    fi
    platform=linux-$arch
    ;;
  Darwin)
    [[ -z $sdk ]] || { echo "build-release.sh: --swift-sdk is for Linux builds" >&2; exit 2; }
    build+=(--arch arm64 --arch x86_64)
    platform=macos-universal
    ;;
  *) echo "build-release.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac

# One Swift build at a time on a shared machine (the lock other scripts here use).
if command -v flock >/dev/null 2>&1; then
  flock /tmp/qgate-swift-build.lock swift "${build[@]}"
else
  swift "${build[@]}"
fi
bin="$(swift "${build[@]}" --show-bin-path)/qgate"

# --- stage (what ships is checked, not what was built) -------------------------
name=qgate-$version-$platform
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
exe=$stage/$name/qgate
if [[ $platform == linux-* ]]; then
  # Symbols and debug info are half the file; the Swift metadata the runtime
  # reads lives in allocated sections and stays. llvm-objcopy (in the Swift
  # toolchain images) strips every architecture, binutils' strip only the host's.
  if command -v llvm-objcopy >/dev/null 2>&1; then llvm-objcopy --strip-all "$bin" "$exe"; else strip -o "$exe" "$bin"; fi
else
  cp "$bin" "$exe"
fi

# --- check the binary ---------------------------------------------------------
if [[ $platform == linux-* ]]; then
  needed=$(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  if grep -E 'swift|Foundation|dispatch|BlocksRuntime|icu' <<<"$needed"; then
    echo "build-release.sh: $exe still loads the Swift runtime libraries above" >&2; exit 1
  fi
  if [[ -n $sdk && -n $needed ]]; then
    echo "build-release.sh: $exe should be fully static but loads: $needed" >&2; exit 1
  fi
elif otool -L "$exe" | grep -v '^/' | grep -q '@rpath/libswift'; then
  echo "build-release.sh: $exe loads Swift libraries through @rpath" >&2; exit 1
fi
# Debug-only crash hooks (Package.swift, QGATE_TEST_HOOKS) must not ship.
if grep -q QGATE_TEST_CRASH_AT "$exe"; then
  echo "build-release.sh: $exe contains the test hook QGATE_TEST_CRASH_AT" >&2; exit 1
fi
if [[ -z $sdk || $arch == "$(uname -m)" ]]; then
  got=$("$exe" --version)
  [[ $got == "qgate $version" ]] || { echo "build-release.sh: '$exe --version' printed '$got', expected 'qgate $version'" >&2; exit 1; }
fi

# --- pack ---------------------------------------------------------------------
mkdir -p dist
cp LICENSE README.md CHANGELOG.md "$stage/$name/"
chmod 0755 "$stage/$name/qgate"
chmod 0644 "$stage/$name/LICENSE" "$stage/$name/README.md" "$stage/$name/CHANGELOG.md"
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
if tar --version 2>/dev/null | grep -q 'GNU tar'; then
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name"
else
  tar -C "$stage" --uid 0 --gid 0 -cf - "$name"
fi | gzip -9n >"dist/$name.tar.gz"

if command -v sha256sum >/dev/null 2>&1; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd dist && "${sum[@]}" -- *.tar.gz >SHA256SUMS)
echo "dist/$name.tar.gz ($(wc -c <"dist/$name.tar.gz" | tr -d ' ') bytes; binary $(wc -c <"$exe" | tr -d ' ') bytes)"
echo "dist/SHA256SUMS:"
sed 's/^/  /' dist/SHA256SUMS
