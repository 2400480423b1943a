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

// ----- Chapter 5: the Clone pattern and the Espresso pattern -----------

#[path = "interop/clonestate.rs"]
mod clonestate;
#[path = "../examples/clone/kv.rs"]
mod kv;
#[path = "../examples/clone/kvmsg.rs"]
mod kvmsg;
#[path = "../examples/clone/kvsimple.rs"]
mod kvsimple;

#[test]
fn rust_clonesrv5_keeps_a_python_and_a_rust_clone_client_in_step() {
    let Some(python) = python("rust_clonesrv5_keeps_a_python_and_a_rust_clone_client_in_step")
    else {
        return;
    };
    const UPDATES: &str = "5";
    let _ports = serial();
    // Two snapshot requests and 2 x 5 updates from the clients; then ours
    let server = start(
        "clonesrv5",
        &[],
        &[("ZGUIDE_ITERS", "13"), ("ZGUIDE_TIME_SCALE", "0.1")],
    );
    let from_python = start_python(&python, "clonecli.py", &[UPDATES, "0.1"]);
    let from_rust = start(
        "clonecli5",
        &[],
        &[("ZGUIDE_ITERS", UPDATES), ("ZGUIDE_TIME_SCALE", "0.1")],
    );
    let (from_python, from_rust) = (from_python.success(), from_rust.success());
    let state = clonestate::kvmsg_snapshot(5556, "/client/");
    let server = server.success();
    for client in [&from_python, &from_rust] {
        assert!(
            client.stdout.starts_with("I: Received snapshot="),
            "{client:#?}"
        );
        clonestate::assert_converged(client, &state, true);
    }
    // Each client heard the other's updates through the Rust server
    let published = server.stdout.matches("I: publishing update=").count();
    assert_eq!(published, 10, "{server:#?}");
    for client in [&from_python, &from_rust] {
        let updates = client.stdout.matches("I: received update=").count();
        assert_eq!(updates, 10, "{client:#?}");
    }
}

#[test]
fn a_python_espresso_publisher_feeds_the_rust_espresso_subscriber() {
    let Some(python) = python("a_python_espresso_publisher_feeds_the_rust_espresso_subscriber")
    else {
        return;
    };
    let _ports = serial();
    let mut publisher = start_python(&python, "espresso_pub.py", &[]);
    publisher.wait_for_line("-");
    let espresso = start("espresso", &["--no-publisher"], &[]).success();
    let published = publisher.kill();
    let sent: std::collections::HashSet<&str> = published.lines().into_iter().collect();
    let lines = espresso.lines();
    assert!(
        lines.contains(&"Subscriber received 5 messages"),
        "{espresso:#?}"
    );
    let relayed: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("[b'pub', b'")?.strip_suffix("']"))
        .collect();
    assert!(relayed.len() >= 5, "{espresso:#?}");
    for message in relayed {
        assert!(sent.contains(message), "{message} was not sent by Python");
        assert!(message.starts_with('A') || message.starts_with('B'));
    }
}
