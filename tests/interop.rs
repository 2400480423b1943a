//! Interoperability with pyzmq: the Rust guide samples of `examples/`
//! against small Python peers (`tests/interop/*.py`), in both directions,
//! over TCP.
//!
//! Python comes from `ZMQ_INTEROP_PYTHON` (a venv's python with pyzmq;
//! `.ci/run` makes one). Without it the tests print `SKIPPED` and pass,
//! except under `CI=true`, where they fail: CI never skips them silently.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, serial, spawn, start};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python interpreter to use, or `None` (after saying so) to skip.
fn python(test: &str) -> Option<PathBuf> {
    match std::env::var_os("ZMQ_INTEROP_PYTHON") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but ZMQ_INTEROP_PYTHON is not set: the interop tests must run in CI")
        }
        None => {
            println!("SKIPPED: {test}: set ZMQ_INTEROP_PYTHON to a python with pyzmq");
            None
        }
    }
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
fn rust_hwserver_answers_a_python_req_client() {
    let Some(python) = python("rust_hwserver_answers_a_python_req_client") else {
        return;
    };
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
fn rust_hwclient_talks_to_a_python_rep_server() {
    let Some(python) = python("rust_hwclient_talks_to_a_python_rep_server") else {
        return;
    };
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
fn a_python_publisher_feeds_rust_wuclient() {
    let Some(python) = python("a_python_publisher_feeds_rust_wuclient") else {
        return;
    };
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
fn rust_taskvent_and_tasksink_with_python_workers() {
    let Some(python) = python("rust_taskvent_and_tasksink_with_python_workers") else {
        return;
    };
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

/// Starts the Rust mdbroker (replying `replies` times) and waits until it
/// is bound.
fn rust_mdbroker(replies: &str) -> Running {
    let mut broker = start("mdbroker", &[], &[("ZGUIDE_ITERS", replies)]);
    broker.wait_for_line("I: MDP broker/0.1.1 is active at tcp://*:5555");
    broker
}

#[test]
fn rust_mdbroker_serves_a_python_mdp_client_and_worker() {
    let Some(python) = python("rust_mdbroker_serves_a_python_mdp_client_and_worker") else {
        return;
    };
    let _ports = serial();
    let broker = rust_mdbroker("5");
    let worker = start_python(&python, "mdworker.py", &["5"]);
    let client = start_python(&python, "mdclient.py", &["5"]).success();
    let worker = worker.success();
    broker.success();
    let replies: Vec<_> = (0..5).map(|n| format!("reply: Hello {n}")).collect();
    assert_eq!(client.lines(), replies, "{client:#?}");
    let requests: Vec<_> = (0..5).map(|n| format!("request: Hello {n}")).collect();
    assert_eq!(worker.lines(), requests, "{worker:#?}");
}

#[test]
fn rust_mdclient_and_mdworker_mix_with_python_peers_through_rust_mdbroker() {
    let Some(python) =
        python("rust_mdclient_and_mdworker_mix_with_python_peers_through_rust_mdbroker")
    else {
        return;
    };
    let _ports = serial();
    // Rust client, Python worker.
    let broker = rust_mdbroker("10");
    let worker = start_python(&python, "mdworker.py", &["10"]);
    let client = start("mdclient", &[], &[("ZGUIDE_ITERS", "10")]).success();
    assert_eq!(
        client.lines(),
        ["10 requests/replies processed"],
        "{client:#?}"
    );
    let worker = worker.success();
    assert_eq!(
        worker.lines(),
        vec!["request: Hello world"; 10],
        "{worker:#?}"
    );
    broker.success();

    // Python client, Rust worker.
    let broker = rust_mdbroker("5");
    let worker = start("mdworker", &[], &[("ZGUIDE_ITERS", "5")]);
    let client = start_python(&python, "mdclient.py", &["5"]).success();
    let replies: Vec<_> = (0..5).map(|n| format!("reply: Hello {n}")).collect();
    assert_eq!(client.lines(), replies, "{client:#?}");
    worker.success();
    broker.success();
}
