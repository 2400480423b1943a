#!/usr/bin/env bash
# Refresh vendor/libzmq from the registry package zeromq-src (its vendor/ folder),
# keeping only what the build, the perf tools and the API reference need.
#
# Usage: vendor/refresh.sh [VERSION]     (default: 0.3.6+4.3.5)
# Needs: cargo (the package is downloaded into cargo's own cache), tar, sha256sum.
set -euo pipefail

version="${1:-0.3.6+4.3.5}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Let cargo download the exact package into its cache through a throwaway manifest.
mkdir -p "$work/fetch/src"
cat >"$work/fetch/Cargo.toml" <<TOML
[package]
name = "fetch-zeromq-src"
version = "0.0.0"
edition = "2021"
[dependencies]
zeromq-src = "=$version"
TOML
echo 'fn main() {}' >"$work/fetch/src/main.rs"
(cd "$work/fetch" && cargo fetch --quiet)

crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"zeromq-src-$version.crate" | head -n 1)"
echo "archive: $crate"
sha256sum "$crate"

tar xzf "$crate" -C "$work"
src="$work/zeromq-src-$version/vendor"

# builds/valgrind/valgrind.supp does not come from zeromq-src but from
# libzmq's git tag (see vendor/README.md): keep it across the refresh.
keep="$work/keep"
mkdir -p "$keep"
if [ -d "$here/libzmq/builds" ]; then cp -a "$here/libzmq/builds" "$keep/"; fi
rm -rf "$here/libzmq"
mkdir -p "$here/libzmq/external"
for item in include src perf doc LICENSE AUTHORS NEWS README.md; do
    cp -a "$src/$item" "$here/libzmq/"
done
# Only the bundled SHA-1 (used with ZMQ_USE_BUILTIN_SHA1) and wepoll (Windows poller).
cp -a "$src/external/sha1" "$src/external/wepoll" "$here/libzmq/external/"
# Autotools/CMake inputs and packaging data are not used by our build.
rm -f "$here/libzmq/src/libzmq.pc.in" "$here/libzmq/src/version.rc.in" "$here/libzmq/doc/Makefile.am"
if [ -d "$keep/builds" ]; then cp -a "$keep/builds" "$here/libzmq/"; fi
echo "vendor/libzmq refreshed from zeromq-src $version; update vendor/README.md (version, sha256)."
echo "builds/valgrind/valgrind.supp was kept as it was: refresh it from the new release's git tag (vendor/README.md)."
