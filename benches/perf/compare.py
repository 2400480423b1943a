#!/usr/bin/env python3
"""Side-by-side performance runner: libzmq's own C perf tools against their
Rust ports (examples/perf), each linked to the system libzmq.so and to the
bundled libzmq 4.3.5 that zmq-sys compiles, plus the async (tokio) tools,
the tuned Rust tools (SocketDefaults::throughput), zmq.rs's equivalents
when they build (benches/zmqrs), and a plain TCP ping-pong as the latency
floor. Every side runs once per round, sides alternating, so that all see
the same machine; the table gives each side's median and its ratio to a
baseline side (default: the C tools on the system libzmq), the ratio taken
per round and then its median.

  python3 benches/perf/compare.py                     # full run
  python3 benches/perf/compare.py --quick             # smoke run
  python3 benches/perf/compare.py --only 'tcp thr' --sides c,rust,c-bundled,rust-bundled
  python3 benches/perf/compare.py --only 'tcp thr 1 KiB' --sides rust \\
      --side buf4m=rust:ZMQ_PERF_SNDBUF=4194304,ZMQ_PERF_RCVBUF=4194304

Sides (--sides, comma-separated; default: all that build here):
  c               libzmq's C tools (and ours for copy/multipart), system .so
  rust            the Rust tools, system .so
  async           the tokio tools, system .so (tcp thr and lat)
  tuned           the Rust tools with ZMQ_PERF_PROFILE=throughput, system .so
  c-bundled       the C tools linked to the bundled static libzmq
  rust-bundled    the Rust tools, --features vendored
  tuned-bundled   the Rust tools, --features vendored,draft, throughput profile
                  (with the draft API the profile also sets the batch sizes)
  zmqrs           zmq.rs's tools (benches/zmqrs, tcp thr and lat), if they build
  tcp             a plain TCP ping-pong, no ZeroMQ (tcp lat only)
--side NAME=BASE[:VAR=VALUE,...] adds a side running BASE's tools with extra
environment (the knobs of examples/perf/common.rs: ZMQ_PERF_HWM,
ZMQ_PERF_SNDBUF, ZMQ_PERF_RCVBUF, ZMQ_PERF_BATCH, ZMQ_PERF_IO_THREADS,
ZMQ_PERF_PROFILE).

Needs a C/C++ compiler, pkg-config and the system libzmq (apt-get install
libzmq3-dev pkg-config g++). Build output goes to target/perf (PERF_OUT).
The TCP workloads listen on 127.0.0.1, port 15556 or the next free one
(PERF_PORT). By default the binding tool runs on CPU 0 and the connecting
tool on CPU 1 (taskset; --no-pin turns it off). See docs/performance.md.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.environ.get("PERF_OUT", os.path.join(ROOT, "target", "perf"))
LIMIT = 120  # seconds any single tool may take before the run counts as failed

UPSTREAM_TOOLS = ["local_thr", "remote_thr", "local_lat", "remote_lat", "inproc_thr", "inproc_lat"]
OUR_C_TOOLS = ["local_thr_copy", "remote_thr_copy", "local_thr_multipart", "remote_thr_multipart"]
ASYNC_TOOLS = ["async_local_thr", "async_remote_thr", "async_local_lat", "async_remote_lat"]

# name, kind, tool family, size, count (full run; --quick divides by 20).
# Counts aim at 1-3 s per run on a 2-core machine.
WORKLOADS = [
    ("tcp thr 1 B", "thr", "thr", 1, 15_000_000),
    ("tcp thr 64 B", "thr", "thr", 64, 8_000_000),
    ("tcp thr 1 KiB", "thr", "thr", 1024, 1_200_000),
    ("tcp thr 64 KiB", "thr", "thr", 65536, 80_000),
    ("tcp thr 1 MiB", "thr", "thr", 1 << 20, 4_000),
    ("inproc thr 1 B", "inproc_thr", "inproc_thr", 1, 15_000_000),
    ("tcp thr copy 64 B", "thr", "thr_copy", 64, 8_000_000),
    ("tcp thr copy 1 KiB", "thr", "thr_copy", 1024, 1_200_000),
    ("tcp thr multipart 3x64 B", "thr", "thr_multipart", 64, 3_000_000),
    ("tcp lat 1 B", "lat", "lat", 1, 20_000),
    ("tcp lat 1 KiB", "lat", "lat", 1024, 20_000),
    ("inproc lat 1 B", "inproc_lat", "inproc_lat", 1, 50_000),
]

# family -> (local tool, remote tool) for the libzmq-style tool sets.
FAMILIES = {
    "thr": ("local_thr", "remote_thr"),
    "lat": ("local_lat", "remote_lat"),
    "inproc_thr": ("inproc_thr", None),
    "inproc_lat": ("inproc_lat", None),
    "thr_copy": ("local_thr_copy", "remote_thr_copy"),
    "thr_multipart": ("local_thr_multipart", "remote_thr_multipart"),
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def die(msg):
    log(f"error: {msg}")
    sys.exit(1)


class RunFailed(Exception):
    """A tool failed, stalled or printed no result."""


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


class Side:
    """One column of the comparison: a directory of tools, which tool
    families it has (and under which names), and extra environment."""

    def __init__(self, name, what, directory, families, env=None, tolerant=False):
        self.name, self.what, self.dir = name, what, directory
        self.families = families  # family -> (local, remote) names
        self.env = dict(env or {})
        # A failed run of a tolerant side (another library's tools) is
        # counted and reported instead of ending the whole run.
        self.tolerant = tolerant

    def tools(self, family):
        return self.families.get(family)

    def derived(self, name, env):
        return Side(name, f"{self.name} + {env}", self.dir, self.families,
                    {**self.env, **env}, self.tolerant)


# --- building ---------------------------------------------------------------

def pkg_config(*args):
    return subprocess.run(["pkg-config", *args], check=True, capture_output=True, text=True).stdout.split()


def build_c_tools(directory, include_dir, link_args):
    """libzmq's perf/*.cpp, unmodified, compiled from a copy next to a zmq.h
    (they include "../include/zmq.h" and "platform.hpp", which only has to
    leave ZMQ_HAVE_WINDOWS undefined), and our C tools beside them."""
    os.makedirs(os.path.join(directory, "perf"), exist_ok=True)
    os.makedirs(os.path.join(directory, "include"), exist_ok=True)
    shutil.copy(os.path.join(include_dir, "zmq.h"), os.path.join(directory, "include", "zmq.h"))
    open(os.path.join(directory, "perf", "platform.hpp"), "w").close()
    cxx, cc = os.environ.get("CXX", "c++"), os.environ.get("CC", "cc")
    common_h = os.path.join(ROOT, "benches", "perf", "perf_common.h")
    for t in UPSTREAM_TOOLS:
        src = os.path.join(ROOT, "vendor", "libzmq", "perf", f"{t}.cpp")
        if stale(os.path.join(directory, t), src, *link_args):
            copy = os.path.join(directory, "perf", f"{t}.cpp")
            shutil.copy(src, copy)
            sh([cxx, "-O2", "-w", "-pthread", copy, "-o", os.path.join(directory, t), *link_args])
    for t in OUR_C_TOOLS:
        src = os.path.join(ROOT, "benches", "perf", f"{t}.c")
        if stale(os.path.join(directory, t), src, common_h, *link_args):
            sh([cc, "-O2", "-Wall", f"-I{directory}/include", src, "-o",
                os.path.join(directory, t), "-pthread", *link_args])


def stale(target, *sources):
    """Whether target is missing or older than any existing source file."""
    if not os.path.exists(target):
        return True
    t = os.path.getmtime(target)
    return any(os.path.exists(s) and os.path.getmtime(s) > t for s in sources)


def build_tcp_tools(directory):
    src = os.path.join(ROOT, "benches", "perf", "tcp_lat.c")
    cc = os.environ.get("CC", "cc")
    for name, flags in (("tcp_local_lat", ["-DTCP_LAT_LOCAL"]), ("tcp_remote_lat", [])):
        if stale(os.path.join(directory, name), src):
            sh([cc, "-O2", "-Wall", *flags, src, "-o", os.path.join(directory, name)])


def cargo_build(target_dir, features, examples, env):
    """Builds the examples in release; returns the zmq-sys build script's
    OUT_DIR (where a bundled build leaves libzmq.a)."""
    cmd = ["cargo", "build", "--release", "--message-format=json-render-diagnostics"]
    if features:
        cmd += ["--features", features]
    for e in examples:
        cmd += ["--example", e]
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
                         env={**os.environ, "CARGO_TARGET_DIR": target_dir, **env}).stdout
    out_dir = None
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "build-script-executed" and "zmq-sys" in msg.get("package_id", ""):
            out_dir = msg["out_dir"]
    return out_dir


def rust_side(name, what, target_dir, env=None, families=None):
    return Side(name, what, os.path.join(target_dir, "release", "examples"),
                families or FAMILIES, env)


def build_sides(wanted):
    sides = {}
    need = lambda *names: any(n in wanted for n in names)  # noqa: E731
    if not shutil.which("pkg-config") or subprocess.run(
            ["pkg-config", "--exists", "libzmq"]).returncode != 0:
        die("no system libzmq found: apt-get install libzmq3-dev pkg-config")
    version = pkg_config("--modversion", "libzmq")[0]
    all_examples = UPSTREAM_TOOLS + OUR_C_TOOLS
    system_env = {"LIBZMQ_NO_VENDOR": "1"}

    if need("c"):
        log(f"building the C perf tools against the system libzmq {version}")
        d = os.path.join(OUT, "c")
        build_c_tools(d, pkg_config("--variable=includedir", "libzmq")[0], pkg_config("--libs", "libzmq"))
        sides["c"] = Side("c", f"C tools, system libzmq {version} (.so)", d, FAMILIES)
    if need("tcp"):
        d = os.path.join(OUT, "c")
        os.makedirs(d, exist_ok=True)
        build_tcp_tools(d)
        sides["tcp"] = Side("tcp", "plain TCP ping-pong (no ZeroMQ)", d,
                            {"lat": ("tcp_local_lat", "tcp_remote_lat")})
    if need("rust", "tuned"):
        log("building the Rust perf tools (system libzmq)")
        cargo_build(OUT, "", all_examples, system_env)
        sides["rust"] = rust_side("rust", f"Rust tools, system libzmq {version}", OUT)
        sides["tuned"] = rust_side("tuned", "Rust tools, throughput profile, system libzmq", OUT,
                                   {"ZMQ_PERF_PROFILE": "throughput"})
    if need("async"):
        log("building the async perf tools (feature tokio, system libzmq)")
        cargo_build(OUT, "tokio", ASYNC_TOOLS, system_env)
        sides["async"] = rust_side("async", "tokio tools, system libzmq", OUT, families={
            "thr": ("async_local_thr", "async_remote_thr"),
            "lat": ("async_local_lat", "async_remote_lat")})
    if need("rust-bundled", "c-bundled"):
        log("building the Rust perf tools against the bundled libzmq (feature vendored)")
        target = OUT + "-bundled"
        out_dir = cargo_build(target, "vendored", all_examples, {})
        sides["rust-bundled"] = rust_side("rust-bundled", "Rust tools, bundled libzmq 4.3.5", target)
        if need("c-bundled"):
            log("building the C perf tools against the bundled static libzmq")
            d = os.path.join(OUT, "c-bundled")
            libs = [os.path.join(out_dir, "lib", "libzmq.a")]
            sodium = os.path.join(out_dir, "sodium-lib", "libsodium.a")
            if not os.path.exists(sodium):  # cached per target dir: find it
                found = [os.path.join(r, "libsodium.a") for r, _, f in os.walk(os.path.join(target, "release"))
                         if "libsodium.a" in f]
                sodium = found[0] if found else None
            libs += [sodium] if sodium else []
            build_c_tools(d, os.path.join(ROOT, "vendor", "libzmq", "include"),
                          libs + ["-lstdc++", "-lpthread"])
            sides["c-bundled"] = Side("c-bundled", "C tools, bundled libzmq 4.3.5 (static)", d, FAMILIES)
    if need("tuned-bundled"):
        log("building the Rust perf tools against the bundled libzmq with the draft API")
        target = OUT + "-bundled-draft"
        cargo_build(target, "vendored,draft", all_examples, {})
        sides["tuned-bundled"] = rust_side(
            "tuned-bundled", "Rust tools, throughput profile incl. batch sizes, bundled+draft",
            target, {"ZMQ_PERF_PROFILE": "throughput"})
    if need("zmqrs"):
        zmqrs = build_zmqrs()
        if zmqrs:
            sides["zmqrs"] = zmqrs
    return sides, version


def build_zmqrs():
    """zmq.rs's tools (benches/zmqrs, a program outside the workspace, built
    by its build.sh into target/zmqrs), or None with the reason logged."""
    script = os.path.join(ROOT, "benches", "zmqrs", "build.sh")
    if not os.path.exists(script):
        log("zmqrs: benches/zmqrs is missing: side left out")
        return None
    log("building zmq.rs's perf tools (benches/zmqrs)")
    r = subprocess.run(["bash", script], stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        log("zmqrs: side left out (the reason is above)")
        return None
    return Side("zmqrs", "zmq.rs 0.7 (pure Rust, tokio)", r.stdout.strip(), {
        "thr": ("zmqrs_local_thr", "zmqrs_remote_thr"),
        "lat": ("zmqrs_local_lat", "zmqrs_remote_lat")}, tolerant=True)


# --- running ----------------------------------------------------------------

def port_in_use(port):
    hexport = f":{port:04X}"
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                for line in f.readlines()[1:]:
                    cols = line.split()
                    if cols[1].endswith(hexport) and cols[3] == "0A":
                        return True
        except OSError:
            pass
    return False


def free_port():
    p = int(os.environ.get("PERF_PORT", "15556"))
    while port_in_use(p):
        p += 1
    return p


def field(text, label):
    for line in text.splitlines():
        if line.startswith(label + ": "):
            return float(line.split()[-2])
    return None


class Runner:
    def __init__(self, pin):
        self.pin_local = ["taskset", "-c", "0"] if pin else []
        self.pin_remote = ["taskset", "-c", "1"] if pin else []

    def run(self, side, kind, family, size, count):
        """One run of side's tools: msg/s (thr) or us (lat)."""
        local, remote = side.tools(family)
        env = {**os.environ, **side.env}
        local = os.path.join(side.dir, local)
        if kind.startswith("inproc"):
            a = self.wait([local, str(size), str(count)], env)
            v = field(a, "mean throughput" if kind.endswith("thr") else "average latency")
            if v is None:
                raise RunFailed(f"{side.name} printed no result:\n{a}")
            return v
        ep = f"tcp://127.0.0.1:{free_port()}"
        args = [ep, str(size), str(count)]
        with tempfile.TemporaryFile("w+") as out:
            p = subprocess.Popen(self.pin_local + [local, *args], stdout=out,
                                 stderr=subprocess.STDOUT, env=env, text=True)
            try:
                b = self.wait(self.pin_remote + [os.path.join(side.dir, remote), *args], env)
                p.wait(timeout=LIMIT)
            finally:
                if p.poll() is None:
                    p.kill()
            out.seek(0)
            a = out.read()
            if p.returncode != 0:
                raise RunFailed(f"{local} {' '.join(args)} failed:\n{a}")
        v = field(a, "mean throughput") if kind == "thr" else field(b, "average latency")
        if v is None:
            raise RunFailed(f"{side.name} printed no result:\n{a}{b}")
        return v

    @staticmethod
    def wait(cmd, env):
        try:
            r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            raise RunFailed(f"{' '.join(cmd)} took more than {LIMIT} s")
        if r.returncode != 0:
            raise RunFailed(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        return r.stdout


def median_min_max(values):
    return statistics.median(values), min(values), max(values)


def fmt(v):
    return f"{v:.0f}" if v >= 1000 else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 1)[1])
    ap.add_argument("--quick", action="store_true", help="1 round, counts / 20")
    ap.add_argument("--rounds", type=int, default=7, help="rounds per side (latency: twice)")
    ap.add_argument("--only", default="", help="regex over workload names")
    ap.add_argument("--sides", default="c,rust,async,tuned,c-bundled,rust-bundled,tuned-bundled,zmqrs,tcp")
    ap.add_argument("--side", action="append", default=[], metavar="NAME=BASE[:VAR=VAL,...]")
    ap.add_argument("--baseline", default="c", help="the side ratios are taken against")
    ap.add_argument("--no-pin", action="store_true")
    opts = ap.parse_args()
    rounds = 1 if opts.quick else opts.rounds
    wanted = [s for s in opts.sides.split(",") if s]
    extra = []
    for spec in opts.side:
        m = re.fullmatch(r"([\w-]+)=([\w-]+)(?::(.*))?", spec)
        if not m:
            die(f"--side {spec!r}: expected NAME=BASE[:VAR=VALUE,...]")
        env = dict(kv.split("=", 1) for kv in (m.group(3) or "").split(",") if kv)
        extra.append((m.group(1), m.group(2), env))
        wanted.append(m.group(2))
    built, version = build_sides(wanted)
    sides = [built[n] for n in dict.fromkeys(s for s in opts.sides.split(",") if s) if n in built]
    for name, base, env in extra:
        sides.append(built[base].derived(name, env))
    names = [s.name for s in sides]
    if opts.baseline not in names:
        die(f"the baseline side {opts.baseline!r} is not among the sides run: {names}")
    pin = not opts.no_pin and shutil.which("taskset") and (os.cpu_count() or 1) >= 2
    runner = Runner(pin)

    load_before = open("/proc/loadavg").read().split()[:3]
    results = []  # (workload, unit, {side: [values]})
    for name, kind, family, size, count in WORKLOADS:
        if opts.only and not re.search(opts.only, name):
            continue
        if opts.quick:
            count = max(count // 20, 10)
        here = [s for s in sides if s.tools(family)]
        if len(here) < 2 and not any(s.name == opts.baseline for s in here):
            continue
        n = rounds * 2 if kind.endswith("lat") and not opts.quick else rounds
        values = {s.name: [] for s in here}
        for i in range(1, n + 1):
            line = []
            for s in here:
                try:
                    v = runner.run(s, kind, family, size, count)
                except RunFailed as e:
                    if not s.tolerant:
                        die(f"{name}: {s.name}: {e}")
                    log(f"{name}: {s.name} failed (counted, the run goes on): {e}")
                    v = None
                values[s.name].append(v)
                line.append(f"{s.name} {'failed' if v is None else fmt(v)}")
            log(f"{name}: round {i}/{n}  " + "  ".join(line))
        results.append((name, "msg/s" if kind.endswith("thr") else "us", values))
    load_after = open("/proc/loadavg").read().split()[:3]

    cpu = next((l.split(": ", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"\nlibzmq: system {version}, bundled 4.3.5; {os.cpu_count()} cores ({cpu})")
    print(f"{rounds} round(s) per side (latency: {rounds if opts.quick else rounds * 2}), sides alternating")
    print(f"load average before: {' '.join(load_before)}, after: {' '.join(load_after)}; "
          f"TCP tools pinned to CPUs 0/1: {'yes' if pin else 'no'}")
    print("sides:")
    for s in sides:
        print(f"  {s.name:14} {s.what}")
    print(f"\nratio: the side's value over the {opts.baseline!r} side's in the same round, "
          "median over rounds\n(throughput: higher is better; latency: lower is better)\n")
    print(f"| {'workload':26} | {'side':14} | {'unit':5} | {'median':>10} | {'min-max':>23} | {'ratio':>6} |")
    print(f"|{'-' * 28}|{'-' * 16}|{'-' * 7}|{'-' * 12}|{'-' * 25}|{'-' * 8}|")
    for name, unit, values in results:
        base = values.get(opts.baseline)
        for side, vals in values.items():
            ok = [v for v in vals if v is not None]
            failed = len(vals) - len(ok)
            if not ok:
                print(f"| {name:26} | {side:14} | {unit:5} | {'failed':>10} | {'all runs':>23} | {'-':>6} |")
                continue
            med, lo, hi = median_min_max(ok)
            ratio = "-"
            pairs = [v / b for v, b in zip(vals, base or []) if v is not None and b is not None]
            if pairs:
                ratio = f"{statistics.median(pairs):.3f}"
            span = fmt(lo) + "-" + fmt(hi) + (f" ({failed} failed)" if failed else "")
            print(f"| {name:26} | {side:14} | {unit:5} | {fmt(med):>10} | {span:>23} | {ratio:>6} |")


if __name__ == "__main__":
    main()
