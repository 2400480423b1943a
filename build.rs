//! Turns the `DEP_ZMQ_*` metadata of `zmq-sys` into cfgs for the safe crate:
//!
//! - `zmq_vendored`: the bundled libzmq was compiled;
//! - `zmq_draft`: the draft API is declared and linked;
//! - `zmq_curve`: the linked libzmq has CURVE (when known at build time);
//! - `zmq_version_number = "40305"`: the linked version.

fn main() {
    for cfg in ["zmq_vendored", "zmq_draft", "zmq_curve"] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }
    println!("cargo::rustc-check-cfg=cfg(zmq_version_number, values(any()))");
    let meta = |key: &str| std::env::var(format!("DEP_ZMQ_{key}")).unwrap_or_default();
    if meta("VENDORED") == "1" {
        println!("cargo::rustc-cfg=zmq_vendored");
    }
    if meta("DRAFT") == "1" {
        println!("cargo::rustc-cfg=zmq_draft");
    }
    if meta("CURVE") == "1" {
        println!("cargo::rustc-cfg=zmq_curve");
    }
    let version = meta("VERSION_NUMBER");
    if !version.is_empty() {
        println!("cargo::rustc-cfg=zmq_version_number=\"{version}\"");
        println!("cargo::rustc-env=ZMQ_LINKED_VERSION_NUMBER={version}");
    }
    println!("cargo::rustc-env=ZMQ_LINKED_INCLUDE={}", meta("INCLUDE"));
}
