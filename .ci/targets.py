#!/usr/bin/env python3
"""Prints the `--test NAME` arguments for a CI configuration that runs
everything but the slow process-level suites.

Usage: python3 .ci/targets.py FEATURES [PACKAGE...]
  FEATURES  the comma-separated features of the configuration ("" for none;
            default features are assumed on)
  PACKAGE   the packages whose integration tests to list (default: zmq zmq-sys)

The guide tests (`tests/guide*.rs`), the interop tests (`interop*`) and
the async examples' test (`async_examples`) and the tracing log test
(`log`, which runs the logwatch example) run the samples as processes
(building every example once more as a program) and take minutes: .ci/run runs them in one
configuration only. Every other test target is listed, read from
`cargo metadata`, so a new test file runs everywhere without editing CI.
Targets whose `required-features` the configuration lacks are named on
stderr as not run here, never silently dropped.
"""

import json
import re
import subprocess
import sys

SLOW = re.compile(r"^(guide|interop|async_examples|log$)")


def main():
    features = {f for f in sys.argv[1].split(",") if f} if len(sys.argv) > 1 else set()
    features.add("default")
    wanted = sys.argv[2:] or ["zmq", "zmq-sys"]
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--no-deps", "--format-version", "1"],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    args, left_out = [], []
    for package in meta["packages"]:
        if package["name"] not in wanted:
            continue
        # Features a configuration turns on, with what they enable in turn.
        enabled, todo = set(), list(features)
        while todo:
            f = todo.pop()
            if f in enabled or f not in package["features"] and f != "default":
                continue
            enabled.add(f)
            todo.extend(x for x in package["features"].get(f, []) if "/" not in x and ":" not in x)
        for target in package["targets"]:
            if "test" not in target["kind"]:
                continue
            name = target["name"]
            missing = [f for f in target.get("required-features", []) if f not in enabled]
            if SLOW.match(name):
                left_out.append(f"{package['name']}/{name} (runs in the system-libzmq configuration)")
            elif missing:
                left_out.append(f"{package['name']}/{name} (requires {', '.join(missing)})")
            else:
                args += ["--test", name]
    for line in left_out:
        print(f"not in this configuration: {line}", file=sys.stderr)
    print(" ".join(args))


if __name__ == "__main__":
    main()
