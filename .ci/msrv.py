#!/usr/bin/env python3
"""MSRV check without the old toolchain: the `rust-version` the published
packages declare must be at least what every crate they build with (normal
and build dependencies, default features, the locked versions) declares, and
at least what their edition needs.

Run from the workspace root: `python3 .ci/msrv.py`. Exits 1, naming the
crates, when a dependency needs a newer Rust than we claim.
"""

import json
import subprocess
import sys

PUBLISHED = ("zmq", "zmq-sys")
EDITION_FLOOR = {"2015": (1, 0), "2018": (1, 31), "2021": (1, 56), "2024": (1, 85)}


def parse(version):
    return tuple(int(x) for x in version.split("."))[:2]


def show(version):
    return ".".join(str(x) for x in version)


def main():
    host = subprocess.run(
        ["rustc", "-vV"], check=True, capture_output=True, text=True
    ).stdout
    triple = next(l.split()[1] for l in host.splitlines() if l.startswith("host:"))
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked",
         "--filter-platform", triple],
        capture_output=True, text=True,
    )
    if out.returncode != 0:
        sys.exit(f"msrv: cargo metadata failed:\n{out.stderr}")
    meta = json.loads(out.stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    ours = [p for p in meta["packages"] if p["name"] in PUBLISHED and p["source"] is None]
    claimed = {p["name"]: p.get("rust_version") for p in ours}
    if None in claimed.values() or len(set(claimed.values())) != 1:
        sys.exit(f"msrv: zmq and zmq-sys must declare one rust-version: {claimed}")
    msrv = parse(next(iter(claimed.values())))

    # Everything zmq and zmq-sys build with, for their default features.
    seen, stack = set(), [p["id"] for p in ours]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            if any(k["kind"] in (None, "build") for k in dep["dep_kinds"]):
                stack.append(dep["pkg"])

    needs = []
    for pid in seen:
        p = packages[pid]
        floor = EDITION_FLOOR.get(p["edition"], (1, 0))
        if p.get("rust_version"):
            floor = max(floor, parse(p["rust_version"]))
        needs.append((floor, p["name"], p["version"], p.get("rust_version") or "-"))
    needs.sort(reverse=True)
    print(f"claimed rust-version: {show(msrv)}; what the build graph declares (highest first):")
    for floor, name, version, declared in needs:
        print(f"  {show(floor):>6}  {name} {version} (rust-version {declared})")
    too_new = [n for n in needs if n[0] > msrv]
    if too_new:
        names = ", ".join(f"{n} {v} needs {show(f)}" for f, n, v, _ in too_new)
        sys.exit(f"msrv: the claimed {show(msrv)} is false: {names}")
    print(f"ok: every crate of the default build accepts Rust {show(msrv)}")


if __name__ == "__main__":
    main()
