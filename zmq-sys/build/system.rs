//! Finding and checking a system libzmq: `LIBZMQ_LIB_DIR` first, then
//! pkg-config.

use crate::{Found, env_flag, env_var, fail, header_version, out_dir};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Oldest release accepted from pkg-config: older ones carry known CVEs.
const MIN_VERSION: &str = "4.3.4";

/// Where the library came from, for the probes that link against it.
struct Location {
    lib_dirs: Vec<PathBuf>,
    include: PathBuf,
    root: PathBuf,
}

pub fn find() -> Result<Found, String> {
    let loc = if let Some(lib_dir) = env_var("LIBZMQ_LIB_DIR") {
        let lib_dir = PathBuf::from(lib_dir);
        let include = env_var("LIBZMQ_INCLUDE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| lib_dir.join("..").join("include"));
        let kind = if env_flag("LIBZMQ_STATIC") {
            "static"
        } else {
            "dylib"
        };
        println!("cargo:rustc-link-search=native={}", lib_dir.display());
        println!("cargo:rustc-link-lib={kind}=zmq");
        if kind == "static" {
            // A static libzmq is C++ and may need libsodium; the user supplies
            // the latter through RUSTFLAGS or their own build script if so.
            println!("cargo:rustc-link-lib=stdc++");
        }
        Location {
            root: lib_dir.join(".."),
            lib_dirs: vec![lib_dir],
            include,
        }
    } else if env_flag("LIBZMQ_NO_PKG_CONFIG") {
        return Err("LIBZMQ_NO_PKG_CONFIG=1 and LIBZMQ_LIB_DIR is unset".into());
    } else {
        let lib = pkg_config::Config::new()
            .atleast_version(MIN_VERSION)
            .probe("libzmq")
            .map_err(|e| {
                format!(
                    "pkg-config found no libzmq >= {MIN_VERSION}: {}",
                    first_line(&e.to_string())
                )
            })?;
        let include = lib
            .include_paths
            .iter()
            .find(|p| p.join("zmq.h").exists())
            .cloned()
            .unwrap_or_else(|| PathBuf::from("/usr/include"));
        Location {
            root: lib
                .link_paths
                .first()
                .map(|p| p.join(".."))
                .unwrap_or_else(|| PathBuf::from("/usr")),
            lib_dirs: lib.link_paths.clone(),
            include,
        }
    };

    let header = loc.include.join("zmq.h");
    if !header.exists() {
        return Err(format!(
            "no zmq.h in {} (set LIBZMQ_INCLUDE_DIR)",
            loc.include.display()
        ));
    }
    let header_version = header_version(&header).ok_or("cannot read the version from zmq.h")?;
    // Ask the library itself, when it can be run here, for its version and
    // whether it has CURVE.
    let (version_number, curve) = match run_info_probe(&loc) {
        Some((v, c)) => (v, Some(c)),
        None => (header_version, None),
    };
    Ok(Found {
        include: loc.include,
        root: loc.root,
        lib_dirs: loc.lib_dirs,
        version_number,
        vendored: false,
        curve,
    })
}

fn first_line(s: &str) -> &str {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim()
}

/// Compiles (and, when `run` is true, runs) a small C program against the
/// located library. Returns its standard output on success.
fn probe(name: &str, source: &str, loc: &Location, run: bool) -> Result<String, String> {
    let dir = out_dir().join(format!("probe-{name}"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(format!("{name}.c"));
    let exe = dir.join(name);
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let compiler = cc::Build::new().cargo_metadata(false).get_compiler();
    let mut cmd = compiler.to_command();
    cmd.arg(&file)
        .arg("-o")
        .arg(&exe)
        .arg(format!("-I{}", loc.include.display()));
    for dir in &loc.lib_dirs {
        cmd.arg(format!("-L{}", dir.display()));
        cmd.arg(format!("-Wl,-rpath,{}", dir.display()));
    }
    cmd.arg("-lzmq");
    if env_flag("LIBZMQ_STATIC") {
        cmd.arg("-lstdc++").arg("-lpthread");
    }
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    if !run {
        return Ok(String::new());
    }
    let out = Command::new(&exe).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("probe {name} exited with {}", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

const INFO_PROBE: &str = r#"#include <stdio.h>
#include <zmq.h>
int main(void) {
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    printf("%d %d\n", major * 10000 + minor * 100 + patch, zmq_has("curve"));
    return 0;
}
"#;

fn run_info_probe(loc: &Location) -> Option<(u32, bool)> {
    if std::env::var("HOST").ok() != std::env::var("TARGET").ok() {
        return None;
    }
    let out = probe("info", INFO_PROBE, loc, true).ok()?;
    let mut words = out.split_whitespace();
    let version = words.next()?.parse().ok()?;
    let curve = words.next()? == "1";
    Some((version, curve))
}

/// With feature `draft` and a system libzmq, make sure the library really
/// exports the draft API, so that a mismatch fails here with a message instead
/// of at link time with a wall of undefined symbols.
pub fn require_draft_symbols(found: &Found) {
    let loc = Location {
        lib_dirs: found.lib_dirs.clone(),
        include: found.include.clone(),
        root: found.root.clone(),
    };
    let source = "void *zmq_poller_new(void);\nint zmq_poller_destroy(void **);\n\
                  int main(void) { void *p = zmq_poller_new(); return zmq_poller_destroy(&p); }\n";
    if let Err(why) = probe("draft", source, &loc, false) {
        fail(&format!(
            "feature `draft` needs a libzmq built with the draft API, but the system libzmq in {} \
             does not export zmq_poller_new ({}).\nBuild with `--features vendored,draft` to use the \
             bundled libzmq 4.3.5 with the draft API, or install a libzmq configured with \
             --enable-drafts.",
            found.root.display(),
            why.lines()
                .find(|l| l.contains("undefined"))
                .unwrap_or_else(|| first_line(&why))
                .trim()
        ));
    }
}
