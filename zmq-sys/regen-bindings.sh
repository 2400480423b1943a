#!/usr/bin/env bash
# Regenerates zmq-sys/src/stable.rs and zmq-sys/src/draft.rs from the bundled
# vendor/libzmq/include/zmq.h with the crate's one bindgen configuration
# (zmq-sys/build/bindings.rs), then checks them. Needs libclang
# (apt-get install libclang-dev); compiles no C library (check-only build).
set -euo pipefail
cd "$(dirname "$0")/.."
export ZMQ_SYS_CHECK_ONLY=1
ZMQ_SYS_REGENERATE=1 cargo test -p zmq-sys --features bindgen --test bindings_fresh
cargo test -p zmq-sys --features bindgen --test bindings_fresh
