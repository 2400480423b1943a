//! Build script of `zmq-sys`: finds a system libzmq or compiles the bundled
//! one, then tells the safe crate what it got through `DEP_ZMQ_*` metadata.
//!
//! Order (the README documents the same list):
//! 1. `LIBZMQ_NO_VENDOR=1`: the system library only, or a helpful error.
//! 2. feature `vendored`: compile `vendor/libzmq`.
//! 3. `LIBZMQ_LIB_DIR` (+ `LIBZMQ_INCLUDE_DIR`, `LIBZMQ_STATIC=1`).
//! 4. pkg-config `libzmq >= 4.3.4`, unless `LIBZMQ_NO_PKG_CONFIG=1`.
//! 5. otherwise compile `vendor/libzmq`, with a warning.
//!
//! `ZMQ_SYS_CHECK_ONLY=1` (and docs.rs, which sets `DOCS_RS`) skips all of
//! that: nothing is compiled or linked, the metadata describes the bundled
//! header. Enough to type-check and document, never to link; the
//! compile-fail tests use it so that they never compile the C libraries again.

use std::env;
use std::path::{Path, PathBuf};

#[cfg(feature = "bindgen")]
mod bindings;
mod sodium;
mod system;
mod vendored;

/// What the build found or built; turned into `cargo:KEY=VALUE` metadata.
pub struct Found {
    /// Directory holding `zmq.h`.
    pub include: PathBuf,
    /// Root of the library installation or of the bundled build output.
    pub root: PathBuf,
    /// Directories searched for the library (empty for the bundled build and
    /// for libraries in the linker's default path).
    pub lib_dirs: Vec<PathBuf>,
    /// `major * 10000 + minor * 100 + patch`.
    pub version_number: u32,
    /// Whether the bundled source was compiled.
    pub vendored: bool,
    /// Whether CURVE is available (`None`: unknown, e.g. when cross compiling
    /// against a system library).
    pub curve: Option<bool>,
}

/// Reads an environment variable and tells cargo to rerun when it changes.
/// Every variable the script looks at goes through here.
pub fn env_var(name: &str) -> Option<String> {
    println!("cargo:rerun-if-env-changed={name}");
    env::var(name).ok().filter(|v| !v.is_empty())
}

/// A boolean switch: set and not `0`/`false`/`no`.
pub fn env_flag(name: &str) -> bool {
    env_var(name).is_some_and(|v| !matches!(v.to_ascii_lowercase().as_str(), "0" | "false" | "no"))
}

/// Whether a cargo feature of this package is on.
pub fn feature(name: &str) -> bool {
    env::var_os(format!("CARGO_FEATURE_{}", name.to_uppercase())).is_some()
}

/// The bundled upstream sources (`libzmq/`, `libsodium/`): `vendor/` in the
/// package, a link to the workspace's top-level `vendor/` in the repository.
pub fn vendor_dir() -> PathBuf {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    manifest.join("vendor")
}

/// Writes a generated file, leaving it untouched (and its mtime too) when the
/// content is already right.
pub fn write_if_changed(path: &Path, content: impl AsRef<[u8]>) {
    if std::fs::read(path).ok().as_deref() != Some(content.as_ref()) {
        std::fs::write(path, content).expect("write generated file");
    }
}

/// The build script's OUT_DIR.
pub fn out_dir() -> PathBuf {
    PathBuf::from(env::var("OUT_DIR").expect("set by cargo"))
}

/// Fails the build with a message that says what to do about it.
pub fn fail(msg: &str) -> ! {
    eprintln!("\nerror: zmq-sys: {msg}\n");
    std::process::exit(1);
}

const HELP_ENV: &str = "\
Environment variables read by zmq-sys:
  LIBZMQ_NO_VENDOR=1      use the system libzmq only, never the bundled source
  LIBZMQ_LIB_DIR=DIR      link the libzmq found in DIR
  LIBZMQ_INCLUDE_DIR=DIR  where zmq.h is (default: DIR/../include)
  LIBZMQ_STATIC=1         link LIBZMQ_LIB_DIR's libzmq statically
  LIBZMQ_NO_PKG_CONFIG=1  do not ask pkg-config
  SODIUM_USE_PKG_CONFIG=1 bundled libzmq with CURVE: link the system libsodium
                          (pkg-config) instead of compiling the bundled one
  ZMQ_SYS_CHECK_ONLY=1    compile and link nothing (type-checking, docs)
Cargo features: vendored (always compile the bundled libzmq 4.3.5), draft, curve, bindgen.";

fn main() {
    println!("cargo:rerun-if-changed=build");
    let draft = feature("draft");

    let check_only = env_flag("ZMQ_SYS_CHECK_ONLY") || env_var("DOCS_RS").is_some();
    let found = if check_only {
        check_only_metadata()
    } else if env_flag("LIBZMQ_NO_VENDOR") {
        if feature("vendored") {
            fail("LIBZMQ_NO_VENDOR=1 contradicts the `vendored` feature; drop one of them.");
        }
        match system::find() {
            Ok(found) => found,
            Err(why) => fail(&format!(
                "LIBZMQ_NO_VENDOR=1 is set but no usable system libzmq was found: {why}\n\
                 Install it, e.g. `apt-get install libzmq3-dev pkg-config`, or point \
                 LIBZMQ_LIB_DIR at it.\n{HELP_ENV}"
            )),
        }
    } else if feature("vendored") {
        vendored::build()
    } else {
        match system::find() {
            Ok(found) => found,
            Err(why) => {
                println!(
                    "cargo:warning=zmq-sys: no system libzmq ({why}); compiling the bundled libzmq 4.3.5"
                );
                vendored::build()
            }
        }
    };

    if draft && !found.vendored && !check_only {
        system::require_draft_symbols(&found);
    }

    emit_bindings(&found.include, draft);

    println!("cargo:include={}", found.include.display());
    println!("cargo:root={}", found.root.display());
    println!("cargo:version_number={}", found.version_number);
    println!("cargo:vendored={}", u8::from(found.vendored));
    println!("cargo:draft={}", u8::from(draft));
    match found.curve {
        Some(c) => println!("cargo:curve={}", u8::from(c)),
        None => println!("cargo:curve=unknown"),
    }
    println!("cargo::rustc-check-cfg=cfg(zmq_sys_vendored)");
    if found.vendored {
        println!("cargo:rustc-cfg=zmq_sys_vendored");
    }
}

/// `ZMQ_SYS_CHECK_ONLY=1`: no library, the bundled header's description.
fn check_only_metadata() -> Found {
    let include = vendor_dir().join("libzmq").join("include");
    Found {
        version_number: header_version(&include.join("zmq.h"))
            .unwrap_or_else(|| fail("cannot read the version of the bundled zmq.h")),
        root: vendor_dir().join("libzmq"),
        include,
        lib_dirs: Vec::new(),
        vendored: false,
        curve: None,
    }
}

/// With feature `bindgen`, writes fresh bindings for the header in use into
/// OUT_DIR; `src/lib.rs` includes them instead of the committed ones. The
/// bundled header's bindings go to `OUT_DIR/bundled/`, where
/// `tests/bindings_fresh.rs` compares them with the committed files.
#[cfg(feature = "bindgen")]
fn emit_bindings(include: &Path, _draft: bool) {
    let out = out_dir();
    let write = |dir: &Path, header: &Path| {
        let generated = bindings::generate(header).unwrap_or_else(|e| fail(&e));
        std::fs::create_dir_all(dir).expect("create bindings dir");
        write_if_changed(&dir.join("stable.rs"), generated.stable);
        write_if_changed(&dir.join("draft.rs"), generated.draft);
    };
    let bundled = vendor_dir().join("libzmq").join("include");
    write(&out, &include.join("zmq.h"));
    write(&out.join("bundled"), &bundled.join("zmq.h"));
    println!("cargo::rustc-check-cfg=cfg(zmq_sys_bindgen)");
    println!("cargo:rustc-cfg=zmq_sys_bindgen");
}

#[cfg(not(feature = "bindgen"))]
fn emit_bindings(_include: &Path, _draft: bool) {
    println!("cargo::rustc-check-cfg=cfg(zmq_sys_bindgen)");
}

/// Reads `ZMQ_VERSION_{MAJOR,MINOR,PATCH}` from a `zmq.h`.
pub fn header_version(header: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(header).ok()?;
    let read = |name: &str| -> Option<u32> {
        text.lines().find_map(|line| {
            let rest = line.trim().strip_prefix("#define")?.trim_start();
            let value = rest.strip_prefix(name)?.trim();
            value.parse().ok()
        })
    };
    Some(
        read("ZMQ_VERSION_MAJOR")? * 10000
            + read("ZMQ_VERSION_MINOR")? * 100
            + read("ZMQ_VERSION_PATCH")?,
    )
}
