#!/usr/bin/env bash
# Builds the zmq.rs perf tools (release) and prints the directory that holds
# them; on failure says why on stderr and exits 1. benches/perf/compare.py
# calls it; by hand:
#
#   bash benches/zmqrs/build.sh          # -> <repo>/target/zmqrs/release
#
# Target directory: ZMQRS_TARGET_DIR, default target/zmqrs at the repository
# root (never the workspace's own target dir, which it would not share
# anything with). The build uses the committed Cargo.lock (--locked), so
# every run measures the same zmq.rs and tokio.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${ZMQRS_TARGET_DIR:-$root/target/zmqrs}
why() { printf 'zmq.rs tools not built: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || why "cargo is not on PATH"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! (cd "$here" && CARGO_TARGET_DIR=$target cargo build --release --locked --quiet \
    2>"$errors"); then
    # cargo's first error line says why (no network, no such version...).
    why "cargo build failed: $(grep -m 1 '^error' "$errors" || tail -n 1 "$errors")"
fi
for t in zmqrs_local_thr zmqrs_remote_thr zmqrs_local_lat zmqrs_remote_lat; do
    [ -x "$target/release/$t" ] || why "$target/release/$t missing after the build"
done
printf '%s\n' "$target/release"
