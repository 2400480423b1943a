#!/usr/bin/env bash
# Runs the crate's test binaries under valgrind memcheck; fails on any memory
# error or definite leak (0 errors is the bar, issue 9).
#
# Usage (from anywhere; the build flags are passed to `cargo test --no-run`):
#
#   LIBZMQ_NO_VENDOR=1 .ci/valgrind.sh              # against the system libzmq
#   .ci/valgrind.sh --features vendored             # the bundled libzmq (static,
#                                                   #   full symbols inside libzmq)
#
# Needs: valgrind (Debian package `valgrind`), plus what `cargo test` needs.
#
# How it runs: cargo builds the test binaries, and each one is then started
# directly (target/debug/deps/NAME-HASH, never through cargo) under memcheck,
# with libzmq's own suppression file (vendor/libzmq/builds/valgrind/) and our
# short supplement (.ci/valgrind-extra.supp: only what is proven to lie
# outside this crate). Every test binary the build produces runs, except the
# ones in SKIP_BINARIES below; individual tests are skipped only through
# SKIP_TESTS, each with its reason, and tests that fork are run on their own
# (FORK_TESTS). Valgrind's report for each run is kept in
# target/valgrind/NAME.log and printed when that run fails.
#
# Environment:
#   VALGRIND_BINARY_LIMIT  seconds one test binary may take (default 600);
#                          a binary that hangs is killed and fails the run.
#   ZMQ_TEST_TIMEOUT_SCALE multiplies the tests' own bounds (tests/common);
#                          defaults to 5 here, since memcheck runs code
#                          20-50x slower.
#   ZMQ_PROPTEST_CASES     cases per property test (tests/properties.rs);
#                          its own default unless set.
#   VALGRIND_EXTRA_ARGS    more valgrind options, e.g. --track-origins=no.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Test binaries that do not run under valgrind, with the reason.
#   guide, guide_* (guide_ch3, guide_ch4, guide_pirates...), interop,
#     cppzmq_examples: they drive the samples of examples/ (and pyzmq) as
#     child processes; under valgrind only the test harness itself would be
#     checked (memcheck does not follow exec without --trace-children, and
#     with it each sample pays valgrind's start-up and 20-50x slowdown, far
#     beyond CI's budget). The crate code those samples use is covered by
#     the core test files, which all run here.
#   compile_fail: runs rustc through trybuild; no libzmq code runs.
#   bindings_fresh: runs bindgen (libclang) on zmq.h; no libzmq code runs.
# (Shell patterns: a new guide_chN test file is covered.)
SKIP_BINARIES=(guide 'guide_*' interop cppzmq_examples compile_fail bindings_fresh)

# Individual tests skipped under valgrind: "BINARY TEST-NAME" (exact name as
# libtest prints it), each with its reason on the line above. Keep this list
# short; a test belongs here only if it is inherently too slow under memcheck
# or hits a known, referenced bug that is being fixed elsewhere.
SKIP_TESTS=(
    # Allocates and sends a 3 GiB frame: memcheck's calloc writes all of it
    # (plus shadow memory) on a machine other jobs share; the size
    # reporting it checks is plain arithmetic on the Rust side.
    "soundness recv_into_reports_the_real_size_of_a_3_gib_frame"
)

# Tests that fork and keep running code in the child: "BINARY TEST-NAME".
# A forked child inherits memcheck, which checks it for leaks when it exits;
# the other test threads of the parent do not survive the fork, so whatever
# only they pointed to is reported as "definitely lost" in the child, which
# then exits with --error-exitcode. These tests are taken out of their
# binary's run and run alone (one thread) with --leak-check=no, so that
# memory errors still count. (A test that re-executes its binary to fork in
# a fresh process needs no entry: memcheck does not follow exec.)
FORK_TESTS=(
    "fork a_forked_child_gets_its_own_shared_instance"
    "fork forked_child_drops_inherited_context_and_sockets_without_hanging"
)

if ! command -v valgrind >/dev/null; then
    echo "valgrind is not installed: apt-get install -y valgrind" >&2
    exit 1
fi
valgrind --version

export ZMQ_TEST_TIMEOUT_SCALE="${ZMQ_TEST_TIMEOUT_SCALE:-5}"
# Tests may consult this to know they run under memcheck.
export ZMQ_TEST_UNDER_VALGRIND=1
# The test harness and libzmq write their own output; keep backtraces short.
export RUST_BACKTRACE="${RUST_BACKTRACE:-1}"
limit="${VALGRIND_BINARY_LIMIT:-600}"

supp_upstream=vendor/libzmq/builds/valgrind/valgrind.supp
supp_extra=.ci/valgrind-extra.supp
vg_args=(
    --tool=memcheck
    --error-exitcode=1
    # Leaks: only memory that nothing points to any more is an error. "Still
    # reachable" (statics, a libzmq context a test keeps alive to the end)
    # and "possibly lost" (libtest's thread bookkeeping at exit) are not.
    --leak-check=full
    --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect
    --track-origins=yes
    --num-callers=40
    --gen-suppressions=all
    --suppressions="$root/$supp_upstream"
    --suppressions="$root/$supp_extra"
)
# shellcheck disable=SC2206 # split on purpose: a list of options
vg_args+=(${VALGRIND_EXTRA_ARGS:-})

# The test harness binaries only (libtest's `test` profile): the examples
# that `cargo test` also builds are run by tests/guide.rs, not here.
echo "building the test binaries: cargo test --no-run $*"
artifacts=$(cargo test --no-run --message-format=json "$@" |
    sed -n 's/.*"target":{[^}]*"name":"\([^"]*\)".*"profile":{[^}]*"test":true}.*"executable":"\([^"]*\)".*/\1 \2/p')

logs=target/valgrind
# run_one LABEL BINARY VALGRIND-OPTION... -- TEST-ARGUMENT...
run_one() {
    local label=$1 bin=$2 log="$logs/$1.log" start=$SECONDS status=0
    shift 2
    local opts=()
    while [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    printf '\n==== %s under valgrind ====\n' "$label"
    timeout --kill-after=10 "$limit" \
        valgrind "${opts[@]}" --log-file="$log" "$bin" "$@" || status=$?
    echo "---- $label: exit $status after $((SECONDS - start)) s; $(grep -h 'ERROR SUMMARY' "$log" | head -n 1 | sed 's/^==[0-9]*== //')"
    if [ "$status" != 0 ]; then
        [ "$status" = 124 ] && echo "---- $label: killed after ${limit} s (VALGRIND_BINARY_LIMIT)"
        cat "$log"
        failed+=("$label")
    fi
}
mkdir -p "$logs"
failed=()
start_all=$SECONDS
while read -r name bin; do
    [ -n "$name" ] || continue
    skip=false
    for s in "${SKIP_BINARIES[@]}"; do
        # shellcheck disable=SC2053 # $s is a pattern on purpose
        [[ $name == $s ]] && skip=true
    done
    if $skip; then
        printf '\n==== %s: skipped (see SKIP_BINARIES) ====\n' "$name"
        continue
    fi
    test_args=()
    forks=()
    for entry in "${SKIP_TESTS[@]}"; do
        read -r b t <<<"$entry"
        [ "$b" = "$name" ] && test_args+=(--skip "$t")
    done
    for entry in "${FORK_TESTS[@]}"; do
        read -r b t <<<"$entry"
        [ "$b" = "$name" ] && test_args+=(--skip "$t") && forks+=("$t")
    done
    [ ${#test_args[@]} -gt 0 ] && test_args=(--exact "${test_args[@]}")

    run_one "$name" "$bin" "${vg_args[@]}" -- "${test_args[@]}"
    for t in "${forks[@]}"; do
        run_one "$name.$t" "$bin" "${vg_args[@]}" --leak-check=no -- --exact "$t" --test-threads=1
    done
done <<<"$artifacts"

printf '\n==== valgrind: %d s in all ====\n' "$((SECONDS - start_all))"
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed under valgrind: ${failed[*]} (logs in $logs/)"
    exit 1
fi
echo "valgrind: no errors"
