#!/usr/bin/env bash
# The side-by-side performance runner is benches/perf/compare.py (this name
# is kept for the commands in older notes); see its --help and
# docs/performance.md.
exec python3 "$(dirname "$0")/compare.py" "$@"
