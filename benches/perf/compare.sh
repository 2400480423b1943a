#!/usr/bin/env bash
# Side-by-side performance runner: libzmq's own C perf tools against their
# Rust ports (examples/perf), both linked to the SAME system libzmq.so, and
# for the TCP throughput and latency workloads the async (tokio) tools too.
#
#   bash benches/perf/compare.sh            # full run: 7 rounds per side
#                                           # (latency workloads: 14)
#   bash benches/perf/compare.sh --quick    # smoke run: 1 round, small counts
#   bash benches/perf/compare.sh --rounds 9 --only 'tcp thr'
#   bash benches/perf/compare.sh --no-pin   # let the scheduler place the tools
#
# Needs: a C/C++ compiler, pkg-config and the system libzmq
# (`apt-get install libzmq3-dev pkg-config g++`). Build output goes to
# target/perf (override with PERF_OUT); the TCP workloads listen on
# 127.0.0.1, port 15556 (clear of the guide samples' 555x ports) or the next
# free one (start elsewhere with PERF_PORT).
# C and Rust runs alternate (C, Rust, async, C, Rust, async, ...); the table
# shows medians. The async columns compare the tokio tools with the blocking
# Rust ones (goal: throughput >= 0.9x, latency <= 1.2x).
# For the TCP workloads the binding side is pinned to CPU 0 and the
# connecting side to CPU 1 (taskset), which takes most of the scheduler's
# noise out of the numbers; both languages are treated alike.
# See docs/performance.md.
set -euo pipefail

rounds=7
quick=0
only=""
pin=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1; rounds=1 ;;
        --rounds) rounds=$2; shift ;;
        --only) only=$2; shift ;;
        --no-pin) pin=0 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${PERF_OUT:-$root/target/perf}
cdir=$out/c
rdir=$out/release/examples
log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- the one libzmq both sides link --------------------------------------
command -v pkg-config >/dev/null && pkg-config --exists libzmq ||
    die "no system libzmq found: apt-get install libzmq3-dev pkg-config"
zmq_version=$(pkg-config --modversion libzmq)
zmq_include=$(pkg-config --variable=includedir libzmq)
read -r -a zmq_libs <<<"$(pkg-config --libs libzmq)"

# --- C tools ----------------------------------------------------------------
# libzmq's perf/*.cpp include "../include/zmq.h" and "platform.hpp": they are
# compiled, unmodified, from a copy placed next to the system zmq.h and an
# empty platform.hpp (it only has to leave ZMQ_HAVE_WINDOWS undefined).
upstream_tools=(local_thr remote_thr local_lat remote_lat inproc_thr inproc_lat)
our_c_tools=(local_thr_copy remote_thr_copy local_thr_multipart remote_thr_multipart)
mkdir -p "$cdir/perf" "$cdir/include"
cp "$zmq_include/zmq.h" "$cdir/include/zmq.h"
: >"$cdir/perf/platform.hpp"
log "building the C perf tools against libzmq $zmq_version ($zmq_include/zmq.h)"
for t in "${upstream_tools[@]}"; do
    src=$root/vendor/libzmq/perf/$t.cpp
    if [ ! -x "$cdir/$t" ] || [ "$src" -nt "$cdir/$t" ]; then
        cp "$src" "$cdir/perf/$t.cpp"
        "${CXX:-c++}" -O2 -w -pthread "$cdir/perf/$t.cpp" -o "$cdir/$t" "${zmq_libs[@]}"
    fi
done
for t in "${our_c_tools[@]}"; do
    src=$root/benches/perf/$t.c
    if [ ! -x "$cdir/$t" ] || [ "$src" -nt "$cdir/$t" ] ||
        [ "$root/benches/perf/perf_common.h" -nt "$cdir/$t" ]; then
        "${CC:-cc}" -O2 -Wall -I"$zmq_include" "$src" -o "$cdir/$t" "${zmq_libs[@]}"
    fi
done

# --- Rust tools -------------------------------------------------------------
# A separate target dir, so that LIBZMQ_NO_VENDOR=1 does not force rebuilds
# of the usual one.
log "building the Rust perf tools (LIBZMQ_NO_VENDOR=1, CARGO_TARGET_DIR=$out)"
examples=()
for t in "${upstream_tools[@]}" "${our_c_tools[@]}"; do examples+=(--example "$t"); done
(cd "$root" && CARGO_TARGET_DIR=$out LIBZMQ_NO_VENDOR=1 \
    cargo build --release --quiet "${examples[@]}")
# The async tools need feature tokio: a build of their own, so that the
# blocking tools above stay built exactly as without it.
async_tools=(async_local_thr async_remote_thr async_local_lat async_remote_lat)
examples=()
for t in "${async_tools[@]}"; do examples+=(--example "$t"); done
(cd "$root" && CARGO_TARGET_DIR=$out LIBZMQ_NO_VENDOR=1 \
    cargo build --release --quiet --features tokio "${examples[@]}")

linked() { ldd "$1" | awk '/libzmq\.so/ {print $3}'; }
c_lib=$(readlink -f "$(linked "$cdir/local_thr")")
rust_lib=$(readlink -f "$(linked "$rdir/local_thr")")
[ -n "$c_lib" ] && [ "$c_lib" = "$rust_lib" ] ||
    die "the C and Rust tools link different libzmq: C '$c_lib', Rust '$rust_lib'"

# --- running ----------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=120 # seconds any single tool may take before the run counts as failed
pin_local=() pin_remote=()
if [ $pin = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    pin_local=(taskset -c 0) pin_remote=(taskset -c 1)
else
    pin=0
fi

# Whether something listens on 127.0.0.1/any address at this port.
port_in_use() {
    local hex
    hex=$(printf ':%04X' "$1")
    awk -v h="$hex" 'substr($2, length($2) - 4) == h && $4 == "0A" { f = 1 }
        END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {
    local p=${PERF_PORT:-15556}
    while port_in_use "$p"; do p=$((p + 1)); done
    echo "$p"
}

# The number after "<label>: " in a tool's output.
field() { awk -v l="$1" 'index($0, l ": ") == 1 { print $(NF - 1); exit }' "$2"; }

fail_run() {
    log "run failed: $*"
    for f in "$tmp"/*.out; do log "--- $f"; cat "$f" >&2; done
    exit 1
}

# run KIND DIR LOCAL REMOTE SIZE COUNT -> prints msg/s (thr) or us (lat)
run() {
    local kind=$1 dir=$2 local=$3 remote=$4 size=$5 count=$6 ep
    rm -f "$tmp"/*.out
    case $kind in
        inproc_thr | inproc_lat)
            timeout $limit "$dir/$local" "$size" "$count" >"$tmp/a.out" 2>&1 ||
                fail_run "$dir/$local $size $count"
            ;;
        *)
            ep=tcp://127.0.0.1:$(free_port)
            "${pin_local[@]}" timeout $limit "$dir/$local" "$ep" "$size" "$count" \
                >"$tmp/a.out" 2>&1 &
            local pid=$!
            "${pin_remote[@]}" timeout $limit "$dir/$remote" "$ep" "$size" "$count" \
                >"$tmp/b.out" 2>&1 ||
                { kill "$pid" 2>/dev/null; fail_run "$dir/$remote $ep $size $count"; }
            wait "$pid" || fail_run "$dir/$local $ep $size $count"
            ;;
    esac
    case $kind in
        *thr) field "mean throughput" "$tmp/a.out" | head -n 1 ;;
        inproc_lat) field "average latency" "$tmp/a.out" ;;
        lat) field "average latency" "$tmp/b.out" ;;
    esac
}

# median, min and max of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s\n", m, v[1], v[NR] }'; }

# name | kind | local tool | remote tool | size | count (full run)
#   [| async local tool | async remote tool]
# Counts aim at 1-3 s per run on a 2-core machine; --quick divides them by 20.
workloads=(
    "tcp thr 1 B|thr|local_thr|remote_thr|1|15000000|async_local_thr|async_remote_thr"
    "tcp thr 64 B|thr|local_thr|remote_thr|64|8000000|async_local_thr|async_remote_thr"
    "tcp thr 1 KiB|thr|local_thr|remote_thr|1024|1200000|async_local_thr|async_remote_thr"
    "tcp thr 64 KiB|thr|local_thr|remote_thr|65536|80000"
    "inproc thr 1 B|inproc_thr|inproc_thr|-|1|15000000"
    "tcp thr copy 64 B|thr|local_thr_copy|remote_thr_copy|64|8000000"
    "tcp thr copy 1 KiB|thr|local_thr_copy|remote_thr_copy|1024|1200000"
    "tcp thr multipart 3x64 B|thr|local_thr_multipart|remote_thr_multipart|64|3000000"
    "tcp lat 1 B|lat|local_lat|remote_lat|1|20000|async_local_lat|async_remote_lat"
    "tcp lat 1 KiB|lat|local_lat|remote_lat|1024|20000|async_local_lat|async_remote_lat"
    "inproc lat 1 B|inproc_lat|inproc_lat|-|1|50000"
)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for w in "${workloads[@]}"; do
    IFS='|' read -r name kind local remote size count alocal aremote <<<"$w"
    if [ -n "$only" ] && ! grep -Eq -- "$only" <<<"$name"; then continue; fi
    [ $quick = 1 ] && count=$((count / 20))
    # Latency spreads more from run to run (wake-ups on a VM): twice the rounds.
    n=$rounds
    case $kind in *lat) [ $quick = 1 ] || n=$((rounds * 2)) ;; esac
    c_vals=() r_vals=() a_vals=()
    for ((i = 1; i <= n; i++)); do
        c=$(run "$kind" "$cdir" "$local" "$remote" "$size" "$count") || exit 1
        r=$(run "$kind" "$rdir" "$local" "$remote" "$size" "$count") || exit 1
        [ -n "$c" ] && [ -n "$r" ] || die "$name: a tool printed no result"
        c_vals+=("$c") r_vals+=("$r")
        a=-
        if [ -n "$alocal" ]; then
            a=$(run "$kind" "$rdir" "$alocal" "$aremote" "$size" "$count") || exit 1
            [ -n "$a" ] || die "$name: an async tool printed no result"
            a_vals+=("$a")
        fi
        log "$name: round $i/$n  C $c  Rust $r  async $a"
    done
    read -r c_med c_min c_max < <(printf '%s\n' "${c_vals[@]}" | stats)
    read -r r_med r_min r_max < <(printf '%s\n' "${r_vals[@]}" | stats)
    a_med=-
    [ ${#a_vals[@]} -gt 0 ] && read -r a_med _ _ < <(printf '%s\n' "${a_vals[@]}" | stats)
    case $kind in *thr) unit=msg/s goal=">= 0.98" ;; *) unit=us goal="<= 1.02" ;; esac
    rows+=("$name|$unit|$c_med|$r_med|$c_min-$c_max|$r_min-$r_max|$goal|$a_med")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
printf '\nlibzmq %s (%s), both sides; %s cores (%s)\n' \
    "$zmq_version" "$c_lib" "$(nproc)" "${cpu:-unknown cpu}"
printf '%s round(s) per side (latency: %s), C and Rust alternating\n' \
    "$rounds" "$([ $quick = 1 ] && echo "$rounds" || echo $((rounds * 2)))"
printf 'load average before: %s, after: %s; TCP tools pinned to CPUs 0/1: %s\n' \
    "$load_before" "$load_after" "$([ $pin = 1 ] && echo yes || echo no)"
printf 'goal: Rust/C >= 0.98 for throughput (msg/s), <= 1.02 for latency (us);\n'
printf '      async/Rust (tokio tools against the blocking Rust ones) >= 0.9, <= 1.2\n\n'
printf '| %-26s | %-5s | %12s | %12s | %6s | %-7s | %-23s | %-23s | %12s | %10s | %-7s |\n' \
    workload unit "C median" "Rust median" Rust/C goal "C min-max" "Rust min-max" \
    "async median" async/Rust "goal"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..28})" "-------" \
    "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..14})" "--------" \
    "---------" "$(printf -- '-%.0s' {1..25})" "$(printf -- '-%.0s' {1..25})" \
    "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..12})" "---------"
# "met" or "MISSED": whether RATIO meets GOAL (">= x" or "<= x").
meets() { awk -v x="$1" -v g="$2" 'BEGIN {
    split(g, p, " "); ok = (p[1] == ">=") ? (x >= p[2]) : (x <= p[2])
    print ok ? "met" : "MISSED" }'; }
for r in "${rows[@]}"; do
    IFS='|' read -r name unit c_med r_med c_rng r_rng goal a_med <<<"$r"
    ratio=$(awk -v c="$c_med" -v r="$r_med" 'BEGIN { printf "%.3f", r / c }')
    met=$(meets "$ratio" "$goal")
    a_ratio=- a_met=-
    if [ "$a_med" != - ]; then
        a_ratio=$(awk -v a="$a_med" -v r="$r_med" 'BEGIN { printf "%.3f", a / r }')
        case $unit in msg/s) a_goal=">= 0.9" ;; *) a_goal="<= 1.2" ;; esac
        a_met=$(meets "$a_ratio" "$a_goal")
    fi
    printf '| %-26s | %-5s | %12s | %12s | %6s | %-7s | %-23s | %-23s | %12s | %10s | %-7s |\n' \
        "$name" "$unit" "$c_med" "$r_med" "$ratio" "$met" "$c_rng" "$r_rng" \
        "$a_med" "$a_ratio" "$a_met"
done
