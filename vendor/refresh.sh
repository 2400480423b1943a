#!/usr/bin/env bash
# Refresh the bundled C sources from registry packages that carry the
# upstream releases, keeping only what the build (and, for libzmq, the perf
# tools and the API reference) needs.
#
# Usage: vendor/refresh.sh                      both, at the pinned versions below
#        vendor/refresh.sh libzmq [VERSION]     from zeromq-src VERSION (its vendor/ folder)
#        vendor/refresh.sh libsodium [VERSION]  from libsodium-sys-stable VERSION (its
#                                               LATEST.tar.gz, the upstream "stable"
#                                               tarball, minisign-verified when python3
#                                               has the `cryptography` module)
# Needs: cargo (packages are downloaded into cargo's own cache), tar, sha256sum.
# Afterwards update vendor/README.md (versions, checksums).
set -euo pipefail

zeromq_src_version="0.3.6+4.3.5"
sodium_sys_version="1.24.3"
# libsodium's release signing key (minisign), as published by upstream and
# pinned in libsodium-sys-stable's build script.
sodium_minisign_key="RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch_crate NAME VERSION: downloads the exact package through a throwaway
# manifest, prints its sha256 and unpacks it; prints the unpacked directory.
fetch_crate() {
    local name=$1 version=$2 dir="$work/fetch-$1" crate
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "fetch-$name"
version = "0.0.0"
edition = "2021"
[dependencies]
$name = "=$version"
TOML
    echo 'fn main() {}' >"$dir/src/main.rs"
    (cd "$dir" && cargo fetch --quiet)
    crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" | head -n 1)"
    echo "archive: $crate" >&2
    sha256sum "$crate" >&2
    tar xzf "$crate" -C "$work"
    echo "$work/$name-$version"
}

refresh_libzmq() {
    local version=${1:-$zeromq_src_version} src
    src="$(fetch_crate zeromq-src "$version")/vendor"
    # builds/valgrind/valgrind.supp does not come from zeromq-src but from
    # libzmq's git tag (see vendor/README.md): keep it across the refresh.
    local keep="$work/keep"
    mkdir -p "$keep"
    if [ -d "$here/libzmq/builds" ]; then cp -a "$here/libzmq/builds" "$keep/"; fi
    rm -rf "$here/libzmq"
    mkdir -p "$here/libzmq/external"
    for item in include src perf doc LICENSE AUTHORS NEWS README.md; do
        cp -a "$src/$item" "$here/libzmq/"
    done
    if [ -d "$keep/builds" ]; then cp -a "$keep/builds" "$here/libzmq/"; fi
    # Only the bundled SHA-1 (used with ZMQ_USE_BUILTIN_SHA1) and wepoll (Windows poller).
    cp -a "$src/external/sha1" "$src/external/wepoll" "$here/libzmq/external/"
    # Autotools/CMake inputs and packaging data are not used by our build.
    rm -f "$here/libzmq/src/libzmq.pc.in" "$here/libzmq/src/version.rc.in" "$here/libzmq/doc/Makefile.am"
    echo "vendor/libzmq refreshed from zeromq-src $version; builds/valgrind/valgrind.supp was kept: refresh it from the new release's git tag (vendor/README.md)"
}

refresh_libsodium() {
    local version=${1:-$sodium_sys_version} pkg src
    pkg="$(fetch_crate libsodium-sys-stable "$version")"
    echo "upstream tarball:" >&2
    sha256sum "$pkg/LATEST.tar.gz" >&2
    verify_minisign "$pkg/LATEST.tar.gz" "$pkg/LATEST.tar.gz.minisig"
    tar xzf "$pkg/LATEST.tar.gz" -C "$work"
    src="$work/libsodium-stable"
    rm -rf "$here/libsodium"
    mkdir -p "$here/libsodium/src" "$here/libsodium/builds/msvc"
    cp -a "$src/LICENSE" "$src/AUTHORS" "$src/README.markdown" "$here/libsodium/"
    cp -a "$src/src/libsodium" "$here/libsodium/src/"
    # The configure-generated version.h: upstream's own copy for builds
    # without autotools (zig, MSVC) is used instead.
    cp -a "$src/builds/msvc/version.h" "$here/libsodium/builds/msvc/"
    find "$here/libsodium/src" -name 'Makefile.am' -delete -o -name 'Makefile.in' -delete
    grep -m1 'AC_INIT' "$src/configure.ac"
    echo "vendor/libsodium refreshed from libsodium-sys-stable $version"
}

# verify_minisign FILE SIGFILE: checks upstream's signature (prehashed
# Ed25519 over BLAKE2b-512, and the trusted comment).
verify_minisign() {
    if ! python3 -c 'import cryptography' 2>/dev/null; then
        echo "warning: python3 with 'cryptography' not found; signature NOT verified" >&2
        return 0
    fi
    python3 - "$1" "$2" "$sodium_minisign_key" <<'PY'
import base64, hashlib, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
path, sigpath, key = sys.argv[1:]
pk = base64.b64decode(key)
lines = open(sigpath).read().splitlines()
sig, trusted, gsig = base64.b64decode(lines[1]), lines[2].split(": ", 1)[1], base64.b64decode(lines[3])
assert pk[:2] == b"Ed" and sig[:2] == b"ED" and pk[2:10] == sig[2:10], "key id mismatch"
pub = Ed25519PublicKey.from_public_bytes(pk[10:])
pub.verify(sig[10:], hashlib.blake2b(open(path, "rb").read(), digest_size=64).digest())
pub.verify(gsig, sig[10:] + trusted.encode())
print("minisign signature ok:", trusted.replace("\t", " "))
PY
}

case "${1:-all}" in
    libzmq) refresh_libzmq "${2:-}" ;;
    libsodium) refresh_libsodium "${2:-}" ;;
    all) refresh_libzmq && refresh_libsodium ;;
    *) echo "usage: $0 [libzmq [VERSION] | libsodium [VERSION]]" >&2; exit 2 ;;
esac
