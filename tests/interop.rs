//! Interoperability with pyzmq: the Rust guide samples of `examples/`
//! against small Python peers (`tests/interop/*.py`), in both directions,
//! over TCP.
//!
//! They need a Python with pyzmq, so they are `#[ignore]`d: a plain `cargo
//! test` reports them as ignored, never as passed. Run them with
//!
//! ```text
//! ZMQ_INTEROP_PYTHON=/path/to/venv/bin/python cargo test --test interop -- --ignored
//! ```
//!
//! (`.ci/run` makes such a venv and runs them). Asked to run without
//! `ZMQ_INTEROP_PYTHON`, they fail.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, serial, spawn, start};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python interpreter to use (`ZMQ_INTEROP_PYTHON`).
fn python() -> PathBuf {
    std::env::var_os("ZMQ_INTEROP_PYTHON")
        .map(PathBuf::from)
        .expect("set ZMQ_INTEROP_PYTHON to a python with pyzmq to run the interop tests")
}

/// Starts the Python peer `tests/interop/<script>` with `args`.
fn start_python(python: &Path, script: &str, args: &[&str]) -> Running {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(script);
    let mut command = Command::new(python);
    command.arg("-u").arg(path).args(args);
    spawn(script, command)
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_hwserver_answers_a_python_req_client() {
    let python = python();
    let _ports = serial();
    let server = start("hwserver", &[], &[("ZGUIDE_ITERS", "3")]);
    let client = start_python(&python, "hwclient.py", &["3"]).success();
    let server = server.success();
    let expected: Vec<_> = (0..3)
        .map(|n| format!("Received reply {n} [ World ]"))
        .collect();
    assert_eq!(client.lines(), expected);
    assert_eq!(server.lines(), vec!["Received request: Hello"; 3]);
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_hwclient_talks_to_a_python_rep_server() {
    let python = python();
    let _ports = serial();
    let server = start_python(&python, "hwserver.py", &["10"]);
    let client = start("hwclient", &[], &[]).success();
    let server = server.success();
    let lines = client.lines();
    assert_eq!(lines.len(), 21, "{client:#?}");
    for n in 0..10 {
        assert_eq!(lines[2 + 2 * n], format!("Received reply {n} [ World ]"));
    }
    assert_eq!(server.lines(), vec!["Received request: Hello"; 10]);
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn a_python_publisher_feeds_rust_wuclient() {
    let python = python();
    let _ports = serial();
    let server = start_python(&python, "wuserver.py", &["100"]);
    let client = start("wuclient", &[], &[]).success();
    let server = server.success();
    // The publisher waited for the subscription, so the client got exactly
    // its 100 updates for 10001 and found the same average.
    let lines = client.lines();
    assert_eq!(lines[0], "Collecting updates from weather server...");
    assert_eq!(lines[1], server.stdout.trim(), "{client:#?}");
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_taskvent_and_tasksink_with_python_workers() {
    let python = python();
    let _ports = serial();
    let sink = start("tasksink", &[], &[]);
    let mut workers: Vec<_> = (0..2)
        .map(|_| start_python(&python, "taskwork.py", &[]))
        .collect();
    start("taskvent", &[], &[("ZGUIDE_NO_PROMPT", "1")]).success();
    let sink = sink.success();
    let (progress, total) = sink
        .stdout
        .split_once("Total elapsed time: ")
        .expect("total");
    assert_eq!(progress.len(), 100, "{sink:#?}");
    assert!(total.trim_end().ends_with(" msec"), "{sink:#?}");

    // The batch is done: end of input tells the workers to stop.
    for worker in &mut workers {
        worker.close_stdin();
    }
    let dots: usize = workers
        .into_iter()
        .map(|w| w.success().stdout.trim().len())
        .sum();
    assert_eq!(dots, 100);
}
